import type { Stats } from 'node:fs';
import { join } from 'node:path';
import { readlink, type FileHandle } from 'node:fs/promises';
import { SourceError } from '../errors.js';
import { realPathWithin, type FileRoot } from './board-path.js';
import { openRegularFile, readBounded } from './bounded-read.js';

export type { FileRoot } from './board-path.js';

/** Largest text data file or paper accepted: a board's files are a few KB, so this only stops accidents. */
export const MAX_SOURCE_BYTES = 5 * 1024 * 1024;

/** The board folder as the root every board file must lie in. */
export function boardRoot(dir: string): FileRoot {
  return { dir, name: 'the board folder' };
}

/** The board's own templates: they must lie in its templates/ folder, itself inside the board. */
export function templatesRoot(boardDir: string): FileRoot {
  return { dir: join(boardDir, 'templates'), name: "the board's templates folder", within: boardDir };
}

export interface ReadOptions {
  /**
   * The folder the file must lie in once every link is followed; null only for a file the user
   * named on the command line, which is read wherever it is.
   */
  root: FileRoot | null;
  maxBytes?: number;
}

/**
 * The one way cpb reads a file a user gave it (data files, papers, pictures, the logo, tables,
 * the board's templates). In order: the real path must lie inside the root; the file is opened
 * without blocking and must be an ordinary file (not a folder, pipe, device or socket); its size
 * is checked before reading, and the read never holds more than the limit. Each refusal is a
 * SourceError naming the file by `displayPath`, with a rule `load/...` and a hint.
 * `what` names the kind of file in the message ("data file", "paper", "Word document").
 */
export async function readSourceFile(path: string, displayPath: string, what: string, options: ReadOptions): Promise<Buffer> {
  const { handle, stats } = await openSourceFile(path, displayPath, what, options.root);
  try {
    return await readBounded(handle, stats, options.maxBytes ?? MAX_SOURCE_BYTES, displayPath, what);
  } finally {
    await handle.close();
  }
}

/** The checks of readSourceFile up to the open handle, for a caller that reads it its own way. */
export async function openSourceFile(path: string, displayPath: string, what: string, root: FileRoot | null): Promise<{ handle: FileHandle; stats: Stats }> {
  const real = await realPathWithin(path, root, displayPath, what);
  const opened = await openRegularFile(real, displayPath, what);
  // A folder on the way swapped for a link between the check and the open would lead elsewhere:
  // where Linux says the open file really is must be where it was checked to be.
  const actual = process.platform === 'linux' ? await readlink(`/proc/self/fd/${opened.handle.fd}`).catch(() => real) : real;
  if (actual !== real) {
    await opened.handle.close();
    await realPathWithin(actual, root, displayPath, what);
    throw new SourceError(`The ${what} ${displayPath} changed while it was being opened`, { file: displayPath, rule: 'load/read', hint: 'Try again once nothing else is changing the board folder.' });
  }
  return opened;
}
