import { createHash } from 'node:crypto';
import { readdirSync } from 'node:fs';
import type { InputHashes } from '../load/input-hash.js';
import type { BoardRecord, BuildCache } from '../write/build-cache.js';
import { PresentFiles } from '../write/present-files.js';
import { isWorkingFile } from '../write/staged-output.js';

/** What, beside the files it reads, makes a whole board's build what it is. */
export interface BoardKeyContext {
  today: string;
  htmlOnly: boolean;
}

/**
 * The fingerprint of a whole board's build: every file it reads by its path in the board (the
 * hashes its meetings are keyed by, which hold cpb's version and SOURCE_DATE_EPOCH), the day and
 * --html-only. Not where the board is: a copy of a board and its outputs is up to date as they were.
 */
export function boardKey(hashes: InputHashes, context: BoardKeyContext): string {
  const meetings = [...hashes.meetings].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  return createHash('sha256').update(JSON.stringify({ shared: hashes.shared, meetings, ...context })).digest('hex');
}

/**
 * The record of the last build, when it is of this very board and everything it lists is still
 * in the output folder, with no commit left unfinished there: then a build would find every
 * meeting and the site unchanged, and has nothing to do.
 */
export function upToDate(cache: BuildCache, outDir: string, key: string): BoardRecord | undefined {
  const board = cache.board;
  if (board?.key !== key) return undefined;
  if (listing(outDir).some(isWorkingFile)) return undefined;
  const present = new PresentFiles();
  return cache.unitNames.every((unit) => present.all(outDir, cache.entry(unit)!.files)) ? board : undefined;
}

function listing(dir: string): string[] {
  try {
    return readdirSync(dir);
  } catch {
    return [];
  }
}

