import { existsSync } from 'node:fs';
import { mkdir, open, readFile, rename, rm, rmdir } from 'node:fs/promises';
import { dirname, join, normalize, sep } from 'node:path';
import { OutputError } from '../errors.js';
import { displayPathOf } from '../load/display-path.js';

/**
 * A build's commit as a list of moves (staging → output folder) and removals, written to this file
 * in the output folder by one atomic rename before any of them is done. Once it is there the build
 * has happened: a build killed half way through is finished ("rolled forward") by the next cpb that
 * opens the folder, before anything else. Every step can be done again safely, so a kill during the
 * roll-forward is finished by the next one in turn. Without the file, nothing was moved.
 */
export const JOURNAL_FILE = '.cpb-journal.json';

export interface Journal {
  /** Process that wrote it: a journal of a process still running is its own business. */
  pid: number;
  /** The staging folder, relative to the output folder. */
  staging: string;
  /** Paths relative to the output folder (and to the staging folder), moved in this order. */
  moves: string[];
  /** Paths relative to the output folder, removed after the moves. */
  removals: string[];
}

export interface CommitHooks {
  /**
   * Testing aid (CPB_TEST_KILL_AT_COMMIT_STEP): the process kills itself with SIGKILL just
   * before this step. Step 1 writes the journal; each move and removal is a step; then removing
   * the staging folder and removing the journal are the last two.
   */
  killAtStep?: number;
}

/** Writes the journal, then carries it out. */
export async function commitByJournal(outDir: string, journal: Journal, hooks: CommitHooks = {}): Promise<void> {
  let step = 0;
  const next = () => {
    step += 1;
    if (hooks.killAtStep === step) process.kill(process.pid, 'SIGKILL');
  };
  next();
  await writeJournal(outDir, journal);
  await carryOut(outDir, journal, next);
}

/**
 * Finishes the commit of a build that was killed during it, if there is one; removes a journal
 * that was being written when the build was killed (nothing had been moved yet).
 */
export async function finishUnfinishedCommit(outDir: string): Promise<void> {
  await rm(join(outDir, `${JOURNAL_FILE}.tmp`), { force: true });
  const text = await readFile(join(outDir, JOURNAL_FILE), 'utf8').catch(() => undefined);
  if (text === undefined) return;
  const journal = parseJournal(text);
  if (!journal) {
    // cpb writes its journal whole, by one rename: one it cannot read is not cpb's to carry out.
    throw new OutputError(`The commit journal ${displayPathOf(join(outDir, JOURNAL_FILE))} cannot be read`, {
      file: displayPathOf(join(outDir, JOURNAL_FILE)),
      hint: 'It was not written by cpb. Move it away, then build again.',
    });
  }
  if (journal.pid !== process.pid && isRunning(journal.pid)) {
    throw new OutputError(`Another cpb (process ${journal.pid}) is moving its outputs into ${displayPathOf(outDir)}`, {
      file: displayPathOf(join(outDir, JOURNAL_FILE)),
      hint: 'Wait for that build to finish, then build again.',
    });
  }
  await carryOut(outDir, journal, () => undefined);
}

export function isRunning(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

async function writeJournal(outDir: string, journal: Journal): Promise<void> {
  const path = join(outDir, JOURNAL_FILE);
  const file = await open(`${path}.tmp`, 'w');
  try {
    await file.writeFile(`${JSON.stringify(journal)}\n`);
    await file.sync();
  } finally {
    await file.close();
  }
  await rename(`${path}.tmp`, path);
}

async function carryOut(outDir: string, journal: Journal, next: () => void): Promise<void> {
  const staging = join(outDir, journal.staging);
  for (const rel of journal.moves) {
    next();
    const from = join(staging, rel);
    // Gone from the staging folder: moved already, before the build was killed.
    if (!existsSync(from)) continue;
    const to = join(outDir, rel);
    await mkdir(dirname(to), { recursive: true });
    await rename(from, to);
  }
  for (const rel of journal.removals) {
    next();
    await rm(join(outDir, rel), { force: true });
    await removeEmptyFolders(outDir, dirname(rel));
  }
  next();
  await rm(staging, { recursive: true, force: true });
  next();
  await rm(join(outDir, JOURNAL_FILE), { force: true });
}

/** A folder left empty by a removal goes too, and so on up, never the output folder itself. */
async function removeEmptyFolders(outDir: string, rel: string): Promise<void> {
  for (let dir = rel; dir !== '.' && dir !== '' && dir !== sep; dir = dirname(dir)) {
    try {
      await rmdir(join(outDir, dir));
    } catch {
      return; // not empty, or not there
    }
  }
}

function parseJournal(text: string): Journal | undefined {
  try {
    const data = JSON.parse(text) as Partial<Journal>;
    const paths = (list: unknown) => Array.isArray(list) && list.every((p) => typeof p === 'string' && isInside(p));
    if (typeof data.pid !== 'number' || typeof data.staging !== 'string' || !isInside(data.staging) || !paths(data.moves) || !paths(data.removals)) return undefined;
    return data as Journal;
  } catch {
    return undefined;
  }
}

/** A relative path that stays inside the output folder. */
function isInside(rel: string): boolean {
  const safe = normalize(rel);
  return safe !== '' && safe !== '.' && !safe.startsWith('..') && !safe.startsWith(sep);
}
