import { closeSync, readlinkSync, type Stats } from 'node:fs';
import { join } from 'node:path';
import { readlink, type FileHandle } from 'node:fs/promises';
import { SourceError } from '../errors.js';
import { realPathWithin, type FileRoot } from './board-path.js';
import { openRegularFile, openRegularFileNow, readBoundedNow } from './bounded-read.js';

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
  // Each call is made directly, not through the thread pool: a board is thousands of small files,
  // and the round trips took longer than the calls (reading the 2,800 files of a 10 MB board:
  // about 430 ms through fs/promises, 35 ms so).
  const real = realPathWithin(path, options.root, displayPath, what);
  const { fd, stats } = openRegularFileNow(real, displayPath, what);
  try {
    const actual = process.platform === 'linux' ? whereOpen(fd) ?? real : real;
    if (actual !== real) throw movedWhileOpening(actual, options.root, displayPath, what);
    return readBoundedNow(fd, stats, options.maxBytes ?? MAX_SOURCE_BYTES, displayPath, what);
  } finally {
    closeSync(fd);
  }
}

/** The checks of readSourceFile up to the open handle, for a caller that reads it its own way. */
export async function openSourceFile(path: string, displayPath: string, what: string, root: FileRoot | null): Promise<{ handle: FileHandle; stats: Stats }> {
  const real = realPathWithin(path, root, displayPath, what);
  const opened = await openRegularFile(real, displayPath, what);
  const actual = process.platform === 'linux' ? await readlink(`/proc/self/fd/${opened.handle.fd}`).catch(() => real) : real;
  if (actual !== real) {
    await opened.handle.close();
    throw movedWhileOpening(actual, root, displayPath, what);
  }
  return opened;
}

/** Where Linux says an open file really is; undefined when it cannot say. */
function whereOpen(fd: number): string | undefined {
  try {
    return readlinkSync(`/proc/self/fd/${fd}`);
  } catch {
    return undefined;
  }
}

/**
 * A folder on the way swapped for a link between the check and the open would lead elsewhere:
 * where Linux says the open file really is must be where it was checked to be. The refusal of a
 * file found open at `actual` instead: outside the root, or changed while it was being opened.
 */
function movedWhileOpening(actual: string, root: FileRoot | null, displayPath: string, what: string): SourceError {
  realPathWithin(actual, root, displayPath, what);
  return new SourceError(`The ${what} ${displayPath} changed while it was being opened`, { file: displayPath, rule: 'load/read', hint: 'Try again once nothing else is changing the board folder.' });
}
