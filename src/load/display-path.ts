import { isAbsolute, join, relative, resolve } from 'node:path';

// Apart from board-folder.ts so that what only names files (messages, the output folder's checks,
// a rebuild with nothing to do) does not load the board's readers (YAML, CSV, workbooks).

/** The path a user should see: relative to the working folder when inside it. */
export function displayPathOf(path: string, cwd = process.cwd()): string {
  const rel = relative(cwd, path);
  if (rel && !rel.startsWith('..') && !isAbsolute(rel)) return rel;
  // Outside the working folder, under a folder the user named (`cpb validate ../board`): named
  // the way the user typed that folder, not by where this machine keeps it.
  for (const [root, typed] of typedFolders) {
    const inner = relative(root, path);
    if (!inner.startsWith('..') && !isAbsolute(inner)) return inner ? join(typed, inner) : typed;
  }
  return path;
}

/**
 * Folders named on the command line (a board, a data file's folder), by real place → as typed.
 * Kept for the run so every message names their files as the user knows them.
 */
const typedFolders = new Map<string, string>();

/** Remembers how the user typed a folder on the command line, for `displayPathOf`. */
export function rememberTypedFolder(typed: string): void {
  if (!isAbsolute(typed)) typedFolders.set(resolve(typed), typed);
}
