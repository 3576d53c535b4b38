import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { SourceError } from '../errors.js';
import { DATA_DIR } from '../package-root.js';

export const SCHEDULE_12A_FILE = join(DATA_DIR, 'schedule-12a.json');

/** The descriptions of exempt information, by paragraph number (1 to 7), shipped in data/. */
export async function loadSchedule12A(): Promise<Map<number, string>> {
  try {
    const data = JSON.parse(await readFile(SCHEDULE_12A_FILE, 'utf8')) as { paragraphs: Record<string, string> };
    return new Map(Object.entries(data.paragraphs).map(([n, text]) => [Number(n), text]));
  } catch (error) {
    throw new SourceError(`Cannot read the Schedule 12A paragraphs in ${SCHEDULE_12A_FILE}`, {
      file: SCHEDULE_12A_FILE,
      cause: error,
      hint: 'The file ships with cpb; reinstall it.',
    });
  }
}
