import { readdir, stat } from 'node:fs/promises';
import { join, relative, resolve, sep } from 'node:path';
import { SourceError, UsageError } from '../errors.js';
import type { SourceKind, YamlSource } from './source.js';
import { loadYamlFile } from './yaml-file.js';

export const BOARD_FILE = 'board.yaml';
export const MEETINGS_DIR = 'meetings';
export const MEETING_FILE = 'meeting.yaml';

/** Every data file of one board, parsed, with its folder. */
export interface LoadedBoard {
  /** Absolute path of the board folder. */
  dir: string;
  board: YamlSource;
  meetings: YamlSource[];
}

/** The path a user should see: relative to the working folder when inside it. */
export function displayPathOf(path: string, cwd = process.cwd()): string {
  const rel = relative(cwd, path);
  return rel && !rel.startsWith('..') && !rel.startsWith(sep) ? rel : path;
}

/** Finds and parses the board file and every meeting file of a board folder. */
export async function loadBoardFolder(dirArg: string): Promise<LoadedBoard> {
  const dir = resolve(dirArg);
  const info = await stat(dir).catch(() => undefined);
  if (!info?.isDirectory()) {
    throw new UsageError(`No board folder at ${dirArg}`, {
      hint: `Give the folder that holds ${BOARD_FILE}, or create one with \`cpb init ${dirArg}\`.`,
    });
  }
  const boardPath = join(dir, BOARD_FILE);
  if (!(await stat(boardPath).catch(() => undefined))?.isFile()) {
    throw new UsageError(`${displayPathOf(dir)} has no ${BOARD_FILE}`, {
      file: displayPathOf(boardPath),
      hint: `A board folder holds ${BOARD_FILE}; create one with \`cpb init DIR\`.`,
    });
  }
  const meetingPaths = await findMeetingFiles(dir);
  const [board, ...meetings] = await Promise.all([
    load(boardPath, 'board'),
    ...meetingPaths.map((p) => load(p, 'meeting')),
  ]);
  return { dir, board: board!, meetings };
}

function load(path: string, kind: SourceKind): Promise<YamlSource> {
  return loadYamlFile(path, displayPathOf(path), kind);
}

/** meetings/<folder>/meeting.yaml, in folder-name order (folders are named by date). */
async function findMeetingFiles(dir: string): Promise<string[]> {
  const meetingsDir = join(dir, MEETINGS_DIR);
  let entries;
  try {
    entries = await readdir(meetingsDir, { withFileTypes: true });
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return [];
    throw new SourceError(`Cannot read the meetings folder ${displayPathOf(meetingsDir)}`, { cause: error });
  }
  const folders = entries.filter((e) => e.isDirectory()).map((e) => e.name).sort();
  const found: string[] = [];
  for (const name of folders) {
    const path = join(meetingsDir, name, MEETING_FILE);
    if ((await stat(path).catch(() => undefined))?.isFile()) found.push(path);
  }
  return found;
}

/** Kind of a single data file given on its own, known from its name. */
export function kindOfFile(path: string): SourceKind | undefined {
  const name = path.split(/[\\/]/).pop();
  if (name === BOARD_FILE) return 'board';
  if (name === MEETING_FILE) return 'meeting';
  return undefined;
}
