/**
 * The municipal year: May to April, named by the year it starts. Councils write it 2019, "2019-20"
 * (in a board's files) or "2019/20" (in print). Pure.
 */

/** Which municipal year a date (YYYY-MM-DD) falls in, by the year it starts. */
export function municipalYear(iso: string): number {
  const [year, month] = iso.split('-').map(Number) as [number, number];
  return month >= 5 ? year : year - 1;
}

/** A municipal year by the year it starts: 2019, or "2019-20" as written for May 2019 to April 2020. */
export function municipalYearOf(year: string | number | undefined): number | undefined {
  if (typeof year === 'number') return year;
  const start = year ? /^(\d{4})-\d{2}$/.exec(year)?.[1] : undefined;
  return start ? Number(start) : undefined;
}

/** The year a municipal year ends in, as its last two digits: 2019 → "20", 2099 → "00". */
function endingDigits(year: number): string {
  return String((year + 1) % 100).padStart(2, '0');
}

/** True when "YYYY-YY" names two years running (2019-20, not 2019-21). */
export function isTwoYearsRunning(first: number, second: number): boolean {
  return (first + 1) % 100 === second;
}

/** "2019/20", as printed. */
export function municipalYearLabel(year: number): string {
  return `${year}/${endingDigits(year)}`;
}

/** "2019-20", as written in a board's files. */
export function municipalYearWritten(year: number): string {
  return `${year}-${endingDigits(year)}`;
}
