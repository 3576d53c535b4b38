/**
 * Working days in England and Wales: Monday to Friday and not a bank holiday. Pure: the
 * holidays are passed in (see load/bank-holidays), and there is no clock.
 */
import { parseIsoDate } from './dates.js';

const DAY_MS = 86_400_000;

/** Days since 1970-01-01. Whole UTC days, so a clock change can never shift a date. */
function dayNumber(iso: string): number {
  const { year, month, day } = parseIsoDate(iso);
  return Date.UTC(year, month - 1, day) / DAY_MS;
}

function isoOf(days: number): string {
  return new Date(days * DAY_MS).toISOString().slice(0, 10);
}

function isWorking(days: number, holidays: ReadonlySet<string>): boolean {
  const weekday = new Date(days * DAY_MS).getUTCDay();
  return weekday !== 0 && weekday !== 6 && !holidays.has(isoOf(days));
}

export function isWorkingDay(iso: string, holidays: ReadonlySet<string>): boolean {
  return isWorking(dayNumber(iso), holidays);
}

/**
 * The date `n` working days after `iso` (before it when `n` is negative). The start itself is
 * never counted, so from a Saturday one working day on is the Monday; `n = 0` returns `iso`.
 */
export function addWorkingDays(iso: string, n: number, holidays: ReadonlySet<string>): string {
  if (!Number.isInteger(n)) throw new RangeError(`addWorkingDays needs a whole number of days, not ${n}`);
  const step = Math.sign(n);
  let days = dayNumber(iso);
  for (let left = Math.abs(n); left > 0; ) {
    days += step;
    if (isWorking(days, holidays)) left--;
  }
  return isoOf(days);
}

/**
 * Working days strictly between two dates: neither the day of publication nor the day of the
 * meeting counts. An agenda needs five of these ("five clear working days"), so the latest
 * publication date for a meeting is `addWorkingDays(meeting, -6, holidays)`. 0 when `toIso`
 * is not after `fromIso`.
 */
export function clearWorkingDaysBetween(fromIso: string, toIso: string, holidays: ReadonlySet<string>): number {
  const last = dayNumber(toIso);
  let count = 0;
  for (let days = dayNumber(fromIso) + 1; days < last; days++) {
    if (isWorking(days, holidays)) count++;
  }
  return count;
}
