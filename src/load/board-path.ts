import { lstatSync, realpathSync } from 'node:fs';
import { isAbsolute, relative, sep } from 'node:path';
import { SourceError } from '../errors.js';

/** The folder a file must lie in: the board folder, or for templates the board's templates/ folder. */
export interface FileRoot {
  /** Absolute path of the folder (not necessarily its real path). */
  dir: string;
  /** How a message names it: "the board folder", "the board's templates folder". */
  name: string;
  /** A folder the root itself must lie in (the board folder, for its templates folder). */
  within?: string;
  /**
   * The root's real path, resolved once by resolvedRoot for a caller that opens many files in
   * turn (fingerprinting a board), so each file costs one real-path look-up, not two or three.
   */
  real?: string;
}

/**
 * The root with its real path resolved, when it lies where it must (its templates folder inside
 * the board); otherwise the root as it is, so that every file opened under it is refused as before.
 */
export function resolvedRoot(root: FileRoot): FileRoot {
  const realRoot = realPathOr(root.dir);
  const rootInside = root.within === undefined || isInside(realPathOr(root.within), realRoot);
  return rootInside ? { ...root, real: realRoot } : root;
}

/**
 * The real path, or `path` itself when it has none (it does not exist, say). The system's own
 * realpath (realpathSync.native, as fs/promises' realpath is), called directly: a board is
 * thousands of small files, and a round trip through the thread pool for each look-up took
 * longer than the look-ups themselves.
 */
function realPathOr(path: string): string {
  try {
    return realpathSync.native(path);
  } catch {
    return path;
  }
}

/**
 * Whether anything (a file, a link, even one leading nowhere, a pipe) is at `path`: asked of the
 * system directly, as the look-ups of a board's thousands of files are.
 */
export function anythingAt(path: string): boolean {
  try {
    lstatSync(path);
    return true;
  } catch {
    return false;
  }
}

/** Whether `file` lies inside `dir` (both absolute), `dir` itself excluded. */
export function isInside(dir: string, file: string): boolean {
  const rel = relative(dir, file);
  return rel !== '' && rel !== '..' && !rel.startsWith(`..${sep}`) && !isAbsolute(rel);
}

/**
 * The real path of `path` (every symbolic link on the way followed), refused unless it lies inside
 * the root's real path: a link in the board folder, or a linked folder, must not lead out of it.
 * With no root (a file named on the command line) only the links are resolved.
 */
export function realPathWithin(path: string, root: FileRoot | null, displayPath: string, what: string): string {
  let real: string;
  try {
    real = realpathSync.native(path);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'ENOENT' || code === 'ENOTDIR') {
      throw new SourceError(`Cannot find the ${what} ${displayPath}`, { file: displayPath, rule: 'load/missing', hint: 'Check the path and the spelling of the file name; a link that leads nowhere counts as missing.' });
    }
    if (code === 'ELOOP') {
      throw new SourceError(`The ${what} ${displayPath} is a link that leads round in a circle`, { file: displayPath, rule: 'load/not-a-file', hint: 'Replace the link with the file itself.' });
    }
    throw readError(error, displayPath, what);
  }
  if (root) {
    // A linked templates folder is itself a way out of the board: such a root has no real path.
    const realRoot = (root.real !== undefined ? root : resolvedRoot(root)).real;
    if (realRoot === undefined || !isInside(realRoot, real)) {
      throw new SourceError(`The ${what} ${displayPath} is a link to a file outside ${root.name} (or lies in a linked folder that leads out of it), so cpb will not read it`, {
        file: displayPath,
        rule: 'load/outside-board',
        hint: `cpb reads only files kept inside ${root.name}. Copy the file itself into ${root.name} instead of linking to it.`,
      });
    }
  }
  return real;
}

/** A read that failed for a reason of the system's (permissions, a disk error): named, with the code only. */
export function readError(error: unknown, displayPath: string, what: string): SourceError {
  const code = (error as NodeJS.ErrnoException).code;
  const why = code === 'EACCES' || code === 'EPERM' ? ': permission denied' : code ? ` (${code})` : '';
  return new SourceError(`Cannot read the ${what} ${displayPath}${why}`, {
    file: displayPath,
    rule: 'load/read',
    hint: code === 'EACCES' || code === 'EPERM' ? 'Check that your account may read the file.' : 'Check that the file can be opened, then try again.',
  });
}
