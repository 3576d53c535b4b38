/** The header block of a Markdown paper, as paper.schema.json describes it. */
export interface PaperHeaderData {
  title: string;
  report_of?: string;
  from?: { name: string; post?: string }[];
  divisions?: string;
  purpose?: string;
  recommendations?: string[];
  contacts?: { name: string; post?: string; phone?: string; email?: string }[];
  summary?: string;
  implications?: Partial<Record<ImplicationKey, string>>;
  background_papers?: { title: string; date?: string; contact?: string }[];
  appendices?: string[];
}

export type ImplicationKey =
  | 'resources'
  | 'procurement'
  | 'legal_and_risk'
  | 'equality_and_diversity'
  | 'engagement'
  | 'localism'
  | 'public_health'
  | 'risk_management';

/** The implications every cover report lists, in the councils' usual order. */
export const IMPLICATIONS: readonly [ImplicationKey, string][] = [
  ['resources', 'Resources'],
  ['procurement', 'Procurement'],
  ['legal_and_risk', 'Legal and risk'],
  ['equality_and_diversity', 'Equality and diversity'],
  ['engagement', 'Engagement and consultation'],
  ['localism', 'Localism'],
  ['public_health', 'Public health'],
];

export interface CoverReportView {
  reportOf?: string;
  from: string[];
  divisions: string;
  purpose?: string;
  recommendations: string[];
  contacts: { name: string; post?: string; phone?: string; email?: string }[];
  summary?: string;
  implications: { label: string; text: string }[];
  backgroundPapers: { title: string; date?: string; contact?: string }[];
  appendices: string[];
}

/** The cover report's fixed parts, with "None" where the author gave nothing. */
export function coverReportView(header: PaperHeaderData): CoverReportView {
  const implications = header.implications ?? {};
  return {
    ...(header.report_of ? { reportOf: header.report_of } : {}),
    from: (header.from ?? []).map((f) => (f.post ? `${f.name}, ${f.post}` : f.name)),
    divisions: header.divisions ?? '(All Divisions)',
    ...(header.purpose ? { purpose: header.purpose } : {}),
    recommendations: header.recommendations ?? [],
    contacts: header.contacts ?? [],
    ...(header.summary ? { summary: header.summary } : {}),
    implications: [
      ...IMPLICATIONS.map(([key, label]) => ({ label, text: implications[key] ?? 'None' })),
      ...(implications.risk_management ? [{ label: 'Risk management', text: implications.risk_management }] : []),
    ],
    backgroundPapers: header.background_papers ?? [],
    appendices: header.appendices ?? [],
  };
}
