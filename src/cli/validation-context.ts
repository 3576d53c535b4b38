import { UsageError } from '../errors.js';
import { loadBankHolidays } from '../load/bank-holidays.js';
import type { ValidationContext } from '../validate/validate-board.js';

/**
 * The outside facts validation needs. "Today" is the clock's date unless CPB_TODAY says otherwise
 * (for CI runs that must give the same warnings every day).
 */
export async function validationContext(env: Record<string, string | undefined>, now = new Date()): Promise<ValidationContext> {
  const fixed = env['CPB_TODAY'];
  if (fixed !== undefined && !/^\d{4}-\d{2}-\d{2}$/.test(fixed)) {
    throw new UsageError(`CPB_TODAY must be a date written YYYY-MM-DD, not '${fixed}'`);
  }
  return { today: fixed ?? localDate(now), holidays: await loadBankHolidays() };
}

function localDate(d: Date): string {
  return `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, '0')}-${String(d.getDate()).padStart(2, '0')}`;
}
