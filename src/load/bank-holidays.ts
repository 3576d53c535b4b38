import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { SourceError } from '../errors.js';
import { DATA_DIR } from '../package-root.js';

export const BANK_HOLIDAYS_FILE = join(DATA_DIR, 'bank-holidays.json');

const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;

let cached: Promise<Set<string>> | undefined;

/**
 * England and Wales bank holidays shipped in data/, as "YYYY-MM-DD" strings. Read once; each
 * caller gets its own copy, so one cannot change the set another sees.
 */
export async function loadBankHolidays(): Promise<Set<string>> {
  cached ??= readBankHolidays(BANK_HOLIDAYS_FILE);
  try {
    return new Set(await cached);
  } catch (error) {
    // Let a later call try again rather than keep the failure.
    cached = undefined;
    throw error;
  }
}

/** Reads one bank-holidays file, uncached. */
export async function readBankHolidays(file: string): Promise<Set<string>> {
  let data: unknown;
  try {
    data = JSON.parse(await readFile(file, 'utf8'));
  } catch (error) {
    throw new SourceError(`Cannot read the bank holidays in ${file}`, {
      file,
      cause: error,
      hint: 'The file ships with cpb; reinstall it.',
    });
  }
  const dates = (data as { dates?: unknown } | null)?.dates;
  if (!Array.isArray(dates) || !dates.every((d) => typeof d?.date === 'string' && ISO_DATE.test(d.date))) {
    throw new SourceError(`${file} is not a list of bank holidays`, {
      file,
      rule: 'load/bank-holidays',
      hint: 'It needs "dates": [{"date": "YYYY-MM-DD", "title": "..."}, ...]; reinstall cpb.',
    });
  }
  return new Set(dates.map((d: { date: string }) => d.date));
}
