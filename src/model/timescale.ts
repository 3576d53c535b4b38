/**
 * A delivery plan's timescale, kept exactly as the author wrote it and also read as the date by
 * which the action is due, where the text names one. Pure.
 *
 * What is understood, anywhere in the text:
 *   a date            30/09/2019, 30.09.19, 2019-09-30, 30th April 2020, April 30, 2020 → that day
 *   a month           Dec 2022, Sept 2022, Jul-19, Nov 18                            → its last day
 *   a financial year  2022/2023, 2022/23, 2018-2019                                 → 31 March of its end
 *   a year            2019                                                           → 31 December
 * Several in one text (a range "Nov 18 – Nov 19", "Roll out Jan 19 Nov 19") give the latest: the
 * end of the range. A date after "from" is a start, not a deadline, and is not counted.
 * "Ongoing" (or "on-going") marks an open-ended action: when it comes after the last date
 * ("Mar 19 – ongoing quarterly", "01/03/2019 and ongoing") there is no due date; before it
 * ("Ongoing-Mar-20") the date stands. Impossible dates ("31/04/2019") are not understood.
 */
export interface Timescale {
  /** As written. */
  text: string;
  /** The day by which it is due, YYYY-MM-DD, when the text names one. */
  by?: string;
  /** How precisely the text gave `by`. */
  precision?: 'day' | 'month' | 'year';
  /** The text says the action is ongoing. */
  ongoing: boolean;
}

const MONTH =
  'jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|sep(?:t(?:ember)?)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?';
const MONTH_INDEX: Record<string, number> = { jan: 1, feb: 2, mar: 3, apr: 4, may: 5, jun: 6, jul: 7, aug: 8, sep: 9, oct: 10, nov: 11, dec: 12 };

// Alternatives in priority order: at any position the first that matches wins, so "30th April
// 2020" is read as a day before "April 2020" could be read as a month.
const TOKEN = new RegExp(
  [
    String.raw`\b(?<d1>\d{1,2})\s*[/.]\s*(?<m1>\d{1,2})\s*[/.]\s*(?<y1>\d{4}|\d{2})(?!\d)`,
    String.raw`\b(?<y2>\d{4})-(?<m2>\d{2})-(?<d2>\d{2})\b`,
    String.raw`\b(?<d3>\d{1,2})(?:st|nd|rd|th)?\s+(?:of\s+)?(?<m3>${MONTH})\.?,?\s+(?<y3>\d{4})\b`,
    String.raw`\b(?<m6>${MONTH})\.?\s+(?<d6>\d{1,2})(?:st|nd|rd|th)?,?\s+(?<y6>\d{4})\b`,
    String.raw`\b(?<fy1>\d{4})\s*[/-]\s*(?<fy2>\d{4}|\d{2})\b`,
    String.raw`\b(?<m4>${MONTH})\.?[\s'’-]*(?<y4>\d{4}|\d{2})\b`,
    String.raw`\b(?<y5>(?:19|20)\d{2})\b`,
  ].join('|'),
  'gi',
);
const ONGOING = /\bon-?\s?going\b/gi;

export function parseTimescale(text: string): Timescale {
  const dates: { iso: string; precision: NonNullable<Timescale['precision']>; end: number }[] = [];
  for (const match of text.matchAll(TOKEN)) {
    const before = text.slice(0, match.index);
    if (/\bfrom\s+$/i.test(before)) continue;
    const read = readToken(match.groups ?? {});
    if (read) dates.push({ ...read, end: match.index + match[0].length });
  }
  const ongoingAt = [...text.matchAll(ONGOING)].map((m) => m.index);
  const ongoing = ongoingAt.length > 0;
  const lastDateEnd = Math.max(-1, ...dates.map((d) => d.end));
  if (dates.length === 0 || (ongoing && Math.max(...ongoingAt) >= lastDateEnd)) return { text, ongoing };
  const latest = dates.reduce((a, b) => (b.iso > a.iso ? b : a));
  return { text, by: latest.iso, precision: latest.precision, ongoing };
}

function readToken(g: Record<string, string | undefined>): { iso: string; precision: 'day' | 'month' | 'year' } | undefined {
  if (g['d1']) return day(year(g['y1']!), Number(g['m1']), Number(g['d1']));
  if (g['d2']) return day(Number(g['y2']), Number(g['m2']), Number(g['d2']));
  if (g['d3']) return day(Number(g['y3']), monthOf(g['m3']!), Number(g['d3']));
  if (g['d6']) return day(Number(g['y6']), monthOf(g['m6']!), Number(g['d6']));
  if (g['fy1']) {
    const start = Number(g['fy1']);
    const end = year(g['fy2']!);
    // Two consecutive years are a financial year (April to March); other pairs are a span of years.
    if (end === start + 1) return { iso: `${end}-03-31`, precision: 'year' };
    return end > start ? { iso: `${end}-12-31`, precision: 'year' } : undefined;
  }
  if (g['m4']) {
    const y = year(g['y4']!);
    const m = monthOf(g['m4']);
    return { iso: iso(y, m, daysIn(y, m)), precision: 'month' };
  }
  if (g['y5']) return { iso: `${g['y5']}-12-31`, precision: 'year' };
  return undefined;
}

function day(y: number, m: number, d: number): { iso: string; precision: 'day' } | undefined {
  if (m < 1 || m > 12 || d < 1 || d > daysIn(y, m)) return undefined;
  return { iso: iso(y, m, d), precision: 'day' };
}

/** Two-digit years are this century's, as plans written since 2000 mean them. */
function year(text: string): number {
  return text.length === 2 ? 2000 + Number(text) : Number(text);
}

function monthOf(name: string): number {
  return MONTH_INDEX[name.slice(0, 3).toLowerCase()] ?? 0;
}

function daysIn(y: number, m: number): number {
  return new Date(Date.UTC(y, m, 0)).getUTCDate();
}

function iso(y: number, m: number, d: number): string {
  return `${String(y).padStart(4, '0')}-${String(m).padStart(2, '0')}-${String(d).padStart(2, '0')}`;
}
