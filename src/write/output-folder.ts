import { lstat, readdir, realpath, stat } from 'node:fs/promises';
import { basename, dirname, join, sep } from 'node:path';
import { UsageError } from '../errors.js';
import { displayPathOf } from '../load/display-path.js';
import { CACHE_FILE } from './build-cache.js';
import { isWorkingFile } from './staged-output.js';

const HINT = "Choose an empty or new folder outside the board folder, or leave out -o to use the board's own out/ folder.";

/**
 * The output folder belongs to cpb, which removes files there. Before anything is written (not
 * even a staging folder), a folder that could hold anything else is refused: the board folder,
 * a folder among the board's sources (anything inside the board but its own out/), a folder that
 * holds the board, or a folder with files in it and no record of cpb's (someone's own files).
 * Folders are compared by their real paths, so a link cannot get round this.
 */
export async function claimOutputFolder(boardDir: string, outDir: string, shown = displayPathOf(outDir)): Promise<void> {
  const refuse = (why: string, hint = HINT) => new UsageError(`Not a folder cpb may write its outputs into: ${why}`, { file: shown, rule: 'output/folder', hint });
  const board = await realpath(boardDir);
  const out = await realPathOf(outDir);
  if (out === undefined) throw refuse('it is a link to something that does not exist');
  const within = (path: string, folder: string) => path === folder || path.startsWith(folder.endsWith(sep) ? folder : folder + sep);
  if (out === board) throw refuse('it is the board folder, and cpb removes old outputs from its output folder');
  if (within(board, out)) throw refuse('it holds the board folder, and cpb removes old outputs from its output folder');
  if (within(out, board) && out !== join(board, 'out')) throw refuse("it is inside the board folder, among the board's own files");

  const info = await lstat(out).catch(() => undefined);
  if (!info) {
    // Made by this build, inside the nearest folder that exists, which must be a folder.
    const ancestor = await nearestExisting(dirname(out));
    if (ancestor && !(await stat(ancestor)).isDirectory()) throw refuse(`${displayPathOf(ancestor)} is a file, not a folder`);
    return;
  }
  if (!info.isDirectory()) throw refuse('it is not a folder');
  const names = (await readdir(out)).filter((name) => !isWorkingFile(name));
  if (names.length > 0 && !names.includes(CACHE_FILE)) {
    throw refuse(`it holds files that cpb did not write (${describe(names)}), and cpb removes old outputs from its output folder`, `${HINT} cpb writes ${CACHE_FILE} in a folder it made.`);
  }
}

/** The real path of `path`, or of the folder it would be made in; undefined for a dangling link. */
async function realPathOf(path: string): Promise<string | undefined> {
  try {
    return await realpath(path);
  } catch {
    if (await lstat(path).then(() => true, () => false)) return undefined;
    const parent = dirname(path);
    if (parent === path) return path;
    const real = await realPathOf(parent);
    return real === undefined ? undefined : join(real, basename(path));
  }
}

async function nearestExisting(path: string): Promise<string | undefined> {
  if (await lstat(path).then(() => true, () => false)) return path;
  const parent = dirname(path);
  return parent === path ? undefined : nearestExisting(parent);
}

function describe(names: string[]): string {
  const sorted = [...names].sort();
  return sorted.length <= 3 ? sorted.join(', ') : `${sorted.slice(0, 3).join(', ')} and ${sorted.length - 3} more`;
}
