import type { BoardData, ContactData } from '../domain/types.js';
import type { DecisionLettering } from './board.js';
import { letter } from './minutes.js';

/** The header block of a Markdown paper, as paper.schema.json describes it. */
export interface PaperHeaderData {
  title: string;
  report_of?: string;
  from?: { name: string; post?: string }[];
  divisions?: string;
  purpose?: string;
  recommendations?: string[];
  contacts?: Contact[];
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

/** One contact in a paper's header block. */
export type Contact = ContactData;

/** How the board's cover reports number and lay out their parts (board.yaml cover_report:). */
export interface CoverStyle {
  recommendationNumbering: DecisionLettering;
  /** 1: sections 1, 2, 3…; 2: and 1.1, 1.2…; 3: and 1.1.1. */
  sectionDepth: 1 | 2 | 3;
  contacts: 'list' | 'side-by-side';
}

export const DEFAULT_COVER_STYLE: CoverStyle = { recommendationNumbering: '1.', sectionDepth: 1, contacts: 'list' };

export function coverStyle(data: BoardData['cover_report']): CoverStyle {
  return {
    recommendationNumbering: data?.recommendation_numbering ?? DEFAULT_COVER_STYLE.recommendationNumbering,
    sectionDepth: (data?.section_depth ?? DEFAULT_COVER_STYLE.sectionDepth) as CoverStyle['sectionDepth'],
    contacts: data?.contacts ?? DEFAULT_COVER_STYLE.contacts,
  };
}

export interface CoverReportView {
  reportOf?: string;
  from: string[];
  divisions: string;
  purpose?: string;
  recommendations: string[];
  /** Recommendations with the board's labels, when it does not number them 1., 2. (the list's own numbers). */
  labelledRecommendations?: { label: string; text: string }[];
  contacts: Contact[];
  /** With contacts side by side: the officer and the member contacts, as two columns. */
  contactColumns?: { heading: string; contacts: Contact[] }[];
  summary?: string;
  /** The summary's Markdown as HTML; the renderer adds it. */
  summaryHtml?: string;
  /** Set when sections are numbered below the first level: 2 or 3. */
  sectionDepth?: number;
  /** Sections are numbered to the third level (1.1.1). */
  thirdLevel?: boolean;
  implications: { label: string; text: string }[];
  backgroundPapers: { title: string; date?: string; contact?: string }[];
  appendices: string[];
}

/** The cover report's fixed parts, with "None" where the author gave nothing, in the board's style. */
export function coverReportView(header: PaperHeaderData, style: CoverStyle = DEFAULT_COVER_STYLE): CoverReportView {
  const implications = header.implications ?? {};
  const recommendations = header.recommendations ?? [];
  const contacts = header.contacts ?? [];
  const byKind = (kind: 'officer' | 'member') => contacts.filter((c) => (c.kind ?? 'officer') === kind);
  return {
    ...(header.report_of ? { reportOf: header.report_of } : {}),
    from: (header.from ?? []).map((f) => (f.post ? `${f.name}, ${f.post}` : f.name)),
    divisions: header.divisions ?? '(All Divisions)',
    ...(header.purpose ? { purpose: header.purpose } : {}),
    recommendations,
    ...(style.recommendationNumbering !== '1.'
      ? { labelledRecommendations: recommendations.map((text, i) => ({ label: letter(i, style.recommendationNumbering), text })) }
      : {}),
    contacts,
    ...(style.contacts === 'side-by-side' && contacts.length
      ? {
          contactColumns: [
            { heading: byKind('officer').length > 1 ? 'Officer contacts' : 'Officer contact', contacts: byKind('officer') },
            { heading: byKind('member').length > 1 ? 'Member contacts' : 'Member contact', contacts: byKind('member') },
          ].filter((c) => c.contacts.length),
        }
      : {}),
    ...(style.sectionDepth > 1 ? { sectionDepth: style.sectionDepth } : {}),
    ...(style.sectionDepth > 2 ? { thirdLevel: true } : {}),
    ...(header.summary ? { summary: header.summary } : {}),
    implications: [
      ...IMPLICATIONS.map(([key, label]) => ({ label, text: implications[key] ?? 'None' })),
      ...(implications.risk_management ? [{ label: 'Risk management', text: implications.risk_management }] : []),
    ],
    backgroundPapers: header.background_papers ?? [],
    appendices: header.appendices ?? [],
  };
}
