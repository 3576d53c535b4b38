import { UsageError } from '../errors.js';
import { loadBankHolidays } from '../load/bank-holidays.js';
import type { ValidationContext } from '../validate/validate-board.js';

/**
 * The outside facts validation needs. "Today" is the clock's date unless CPB_TODAY says otherwise
 * (for CI runs that must give the same warnings every day).
 */
export async function validationContext(env: Record<string, string | undefined>, now = new Date()): Promise<ValidationContext> {
  const fixed = env['CPB_TODAY'];
  if (fixed !== undefined && !isCalendarDate(fixed)) {
    throw new UsageError(`CPB_TODAY must be a real day written YYYY-MM-DD, not '${fixed}'`, {
      rule: 'env/CPB_TODAY',
      hint: 'Set it to a real day, e.g. CPB_TODAY=2019-11-20, or unset it to use the clock\'s date.',
    });
  }
  return { today: fixed ?? localDate(now), holidays: await loadBankHolidays() };
}

/** YYYY-MM-DD naming a day that exists: not 2020-13-45, nor 2019-02-30. */
export function isCalendarDate(text: string): boolean {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(text);
  if (!match) return false;
  const [year, month, day] = [Number(match[1]), Number(match[2]), Number(match[3])];
  const date = new Date(Date.UTC(year, month - 1, day));
  return date.getUTCFullYear() === year && date.getUTCMonth() === month - 1 && date.getUTCDate() === day;
}

function localDate(d: Date): string {
  return `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, '0')}-${String(d.getDate()).padStart(2, '0')}`;
}
