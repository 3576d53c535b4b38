import { lstat, readdir } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { SourceError, UsageError, type Problem } from '../errors.js';
import type { Council as CouncilData } from '../domain/schema-types/council.js';
import { BOARD_FILE } from './board-folder.js';
import { COUNCIL_FILE } from './council-file.js';
import { displayPathOf, rememberTypedFolder } from './display-path.js';
import { MAX_IMAGE_BYTES } from './board-files-check.js';
import { problemOf } from './paper-files.js';
import { readSourceFile, type FileRoot } from './read-source.js';
import type { YamlSource } from './source.js';
import { loadYamlFile } from './yaml-file.js';


/** One board of a council: a sub-folder of the council folder, built into the output folder's sub-folder of the same name. */
export interface CouncilBoard {
  /** The sub-folder's name, e.g. "lancashire". */
  folder: string;
  dir: string;
  /** Where council.yaml names it (its index in `boards`), when it does. */
  listedAt?: number;
}

/** A council folder, read: council.yaml, its boards' folders, and its logo. */
export interface LoadedCouncil {
  dir: string;
  council: YamlSource;
  /** The boards in the order the site lists them; a listed folder that is not a board is in `missing`. */
  boards: CouncilBoard[];
  /** Folders council.yaml lists that hold no board.yaml. */
  missing: CouncilBoard[];
  /** The logo as read through the one reader, when council.yaml names one that could be read. */
  logo?: { bytes: Uint8Array; displayPath: string };
  /** Files refused by the reader (the logo: outside the folder, not a file, too large). */
  fileProblems: Problem[];
}

/** The council folder as the root its own files (the logo) must lie in. */
export function councilRoot(dir: string): FileRoot {
  return { dir, name: 'the council folder' };
}


/**
 * Reads council.yaml and finds its boards: the sub-folders it lists, or else every sub-folder
 * holding a board.yaml (in name order; folders without one, such as out/, are skipped).
 */
export async function loadCouncilFolder(dirArg: string): Promise<LoadedCouncil> {
  const dir = resolve(dirArg);
  rememberTypedFolder(dirArg);
  const path = join(dir, COUNCIL_FILE);
  if (!(await lstat(path).catch(() => undefined))) throw new UsageError(`${displayPathOf(dir)} has no ${COUNCIL_FILE}`, { file: displayPathOf(path) });
  const root = councilRoot(dir);
  const council = await loadYamlFile(path, displayPathOf(path), 'council', root);
  const data = (council.data ?? {}) as Partial<CouncilData>;
  const listed = Array.isArray(data.boards) && data.boards.every((b) => typeof b === 'string') ? data.boards : undefined;
  const candidates: CouncilBoard[] = listed
    ? listed.map((folder, listedAt) => ({ folder, dir: join(dir, folder), listedAt }))
    : (await readdir(dir, { withFileTypes: true }))
        .filter((e) => e.isDirectory() && !e.name.startsWith('.'))
        .map((e) => e.name)
        .sort()
        .map((folder) => ({ folder, dir: join(dir, folder) }));
  const boards: CouncilBoard[] = [];
  const missing: CouncilBoard[] = [];
  for (const board of candidates) {
    const info = await lstat(join(board.dir, BOARD_FILE)).catch(() => undefined);
    if (info?.isFile()) boards.push(board);
    else if (board.listedAt !== undefined) missing.push(board);
  }
  const fileProblems: Problem[] = [];
  const logo = typeof data.logo === 'string' && data.logo !== '' ? await readLogo(dir, data.logo, root, fileProblems) : undefined;
  return { dir, council, boards, missing, ...(logo ? { logo } : {}), fileProblems };
}

/** Through the one reader: a logo linked from outside the council folder, or not a regular file, or too large, is refused. */
async function readLogo(dir: string, logo: string, root: FileRoot, problems: Problem[]): Promise<LoadedCouncil['logo']> {
  const path = resolve(dir, logo);
  const displayPath = displayPathOf(path);
  try {
    return { bytes: new Uint8Array(await readSourceFile(path, displayPath, 'logo', { root, maxBytes: MAX_IMAGE_BYTES })), displayPath };
  } catch (error) {
    if (!(error instanceof SourceError)) throw error;
    // A logo that is not there is reported at its line of council.yaml (validate-council).
    if (error.rule !== 'load/missing') problems.push(problemOf(error, displayPath));
    return undefined;
  }
}
