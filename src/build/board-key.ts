import { createHash } from 'node:crypto';
import { readdirSync } from 'node:fs';
import { isAbsolute, join, relative, resolve, sep } from 'node:path';
import type { Problem } from '../errors.js';
import { displayPathOf } from '../load/board-folder.js';
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

/**
 * The build's warnings as the record keeps them: each file by its path in the board, so that a
 * rebuild names it as the user now sees it, wherever the board was built from. Undefined when a
 * warning names a file outside the board, or one shown in a way its path in the board does not give back.
 */
export function recordedWarnings(warnings: readonly Problem[], boardDir: string): Problem[] | undefined {
  const recorded: Problem[] = [];
  for (const warning of warnings) {
    const rel = relative(boardDir, resolve(warning.file));
    if (rel.startsWith('..') || isAbsolute(rel) || displayPathOf(join(boardDir, rel)) !== warning.file) return undefined;
    recorded.push({ ...warning, file: rel.split(sep).join('/') });
  }
  return recorded;
}

/** The recorded warnings as a build of the board in `boardDir` shows them. */
export function shownWarnings(recorded: readonly Problem[], boardDir: string): Problem[] {
  return recorded.map((w) => ({ ...w, file: displayPathOf(join(boardDir, ...w.file.split('/'))) }));
}
