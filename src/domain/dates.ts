/** British dates and times as councils print them. Pure: no clock, no locale data. */

const DAYS = ['Sunday', 'Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday'];
const MONTHS = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'];

export type DateStyle = 'plain' | 'ordinal';

/** Splits "YYYY-MM-DD" into numbers; the schema has already checked the shape. */
export function parseIsoDate(iso: string): { year: number; month: number; day: number } {
  const [year, month, day] = iso.split('-').map(Number) as [number, number, number];
  return { year, month, day };
}

export function weekday(iso: string): string {
  const { year, month, day } = parseIsoDate(iso);
  return DAYS[new Date(Date.UTC(year, month - 1, day)).getUTCDay()]!;
}

export function ordinal(n: number): string {
  const tens = n % 100;
  if (tens >= 11 && tens <= 13) return `${n}th`;
  return `${n}${({ 1: 'st', 2: 'nd', 3: 'rd' } as Record<number, string>)[n % 10] ?? 'th'}`;
}

/** "Tuesday, 26 November 2019", or with ordinals "Tuesday, 26th November, 2019". */
export function longDate(iso: string, style: DateStyle = 'plain'): string {
  const { year, month, day } = parseIsoDate(iso);
  const monthName = MONTHS[month - 1]!;
  return style === 'ordinal'
    ? `${weekday(iso)}, ${ordinal(day)} ${monthName}, ${year}`
    : `${weekday(iso)}, ${day} ${monthName} ${year}`;
}

/** "26 November 2019". */
export function shortDate(iso: string): string {
  const { year, month, day } = parseIsoDate(iso);
  return `${day} ${MONTHS[month - 1]!} ${year}`;
}

/**
 * The times a meeting sat, as minutes print them: "16:15" to "18:25" → "4.15 – 6.25 pm"; across
 * noon both halves are named, "10:00" to "12:30" → "10.00 am – 12.30 pm".
 */
export function timeRange(from: string, to: string): string {
  const [start, startHalf] = clockTime(from).split(' ') as [string, string];
  const end = clockTime(to);
  return end.endsWith(startHalf) ? `${start} – ${end}` : `${start} ${startHalf} – ${end}`;
}

/** "18:00" → "6.00 pm"; "12:30" → "12.30 pm"; "00:15" → "12.15 am". */
export function clockTime(hhmm: string): string {
  const [h, m] = hhmm.split(':').map(Number) as [number, number];
  const hour12 = h % 12 === 0 ? 12 : h % 12;
  return `${hour12}.${String(m).padStart(2, '0')} ${h < 12 ? 'am' : 'pm'}`;
}
