import { existsSync } from 'node:fs';
import { mkdir, mkdtemp, readFile, readdir, rm, stat, writeFile } from 'node:fs/promises';
import { basename, dirname, join, normalize, isAbsolute } from 'node:path';
import { OutputError } from '../errors.js';
import { commitByJournal, finishUnfinishedCommit, isRunning, JOURNAL_FILE, type CommitHooks } from './commit-journal.js';

/**
 * Outputs are written into a staging folder inside the output folder (same file system, so
 * moves are atomic renames) and moved into place only by `commit()`, through a journal (see
 * commit-journal.ts): killed at any moment, the output folder ends up with the whole previous build
 * or, once the next cpb has finished the commit, the whole new one. Until then, and if the build
 * fails, the previous outputs stay exactly as they were.
 */
const STAGING_PREFIX = '.cpb-staging-';

/** Staging folders of builds that were killed (their process is gone) are removed. */
async function removeAbandoned(outDir: string): Promise<void> {
  for (const name of await readdir(outDir)) {
    if (!name.startsWith(STAGING_PREFIX)) continue;
    const pid = Number(name.slice(STAGING_PREFIX.length).split('-')[0]);
    if (Number.isInteger(pid) && pid > 0 && !isRunning(pid)) await rm(join(outDir, name), { recursive: true, force: true });
  }
}

/** Names in an output folder that are cpb's own working files, not outputs. */
export function isWorkingFile(name: string): boolean {
  return name.startsWith(STAGING_PREFIX) || name.startsWith('.cpb-journal');
}

async function sameBytes(a: string, b: string): Promise<boolean> {
  const [x, y] = await Promise.all([stat(a).catch(() => undefined), stat(b).catch(() => undefined)]);
  if (!x || !y || !y.isFile() || x.size !== y.size) return false;
  return (await readFile(a)).equals(await readFile(b));
}

/** Files compared with the ones in place at a time, as many as Node's file system threads. */
const COMPARED_AT_ONCE = 4;

/** `work` done for each item, at most `atOnce` at a time; the results in the items' order. */
async function inTurns<T, R>(items: readonly T[], atOnce: number, work: (item: T) => Promise<R>): Promise<R[]> {
  const results: R[] = new Array(items.length);
  let next = 0;
  const worker = async () => {
    while (next < items.length) {
      const i = next++;
      results[i] = await work(items[i]!);
    }
  };
  await Promise.all(Array.from({ length: Math.min(atOnce, items.length) }, worker));
  return results;
}

export interface CommitPlan {
  /** Files of the previous build (relative to the output folder) that this build takes away. */
  remove?: readonly string[];
  /** Written into place last, with the outputs: the record of what is now in the folder. */
  record?: { name: string; data: string };
}

export class StagedOutput {
  private readonly files: string[] = [];
  private current = new Set<string>();
  private done = false;

  private constructor(
    readonly outDir: string,
    private readonly stagingDir: string,
    private readonly hooks: CommitHooks,
  ) {}

  /** Finishes a commit that a killed build left unfinished, before anything else. */
  static async open(outDir: string, hooks: CommitHooks = {}): Promise<StagedOutput> {
    try {
      await mkdir(outDir, { recursive: true });
      await finishUnfinishedCommit(outDir);
      await removeAbandoned(outDir);
      return new StagedOutput(outDir, await mkdtemp(join(outDir, `${STAGING_PREFIX}${process.pid}-`)), hooks);
    } catch (error) {
      if (error instanceof OutputError) throw error;
      throw new OutputError(`Cannot write to the output folder ${outDir}`, { file: outDir, cause: error });
    }
  }

  /** Stages one file; `relPath` is relative to the output folder. */
  async write(relPath: string, data: string | Uint8Array): Promise<void> {
    const safe = normalize(relPath);
    if (isAbsolute(safe) || safe.startsWith('..')) throw new Error(`Output path escapes the output folder: ${relPath}`);
    const path = join(this.stagingDir, safe);
    try {
      await mkdir(dirname(path), { recursive: true });
      await writeFile(path, data);
    } catch (error) {
      throw new OutputError(`Cannot write ${join(this.outDir, safe)}`, { file: join(this.outDir, safe), cause: error });
    }
    if (!this.files.includes(safe)) this.files.push(safe);
  }

  get written(): readonly string[] {
    return this.files;
  }

  /** A file staged by this build (`relPath` as given to `write`), or undefined if none was. */
  async read(relPath: string): Promise<Uint8Array | undefined> {
    const safe = normalize(relPath);
    if (this.done || !this.files.includes(safe)) return undefined;
    return new Uint8Array(await readFile(join(this.stagingDir, safe)));
  }

  /**
   * Says which files already in the output folder were built from their meeting's current inputs;
   * only those can be read back with `readCurrent` (to be copied into the site, say).
   */
  markCurrent(relPaths: Iterable<string>): void {
    this.current = new Set([...relPaths].map((p) => normalize(p)));
  }

  /** A file of an earlier build, if it is current (see `markCurrent`) and still there. */
  async readCurrent(relPath: string): Promise<Uint8Array | undefined> {
    const safe = normalize(relPath);
    if (!this.current.has(safe)) return undefined;
    return readFile(join(this.outDir, safe)).then((b) => new Uint8Array(b), () => undefined);
  }

  /**
   * Moves every staged file into place and removes `plan.remove`, all through one journal, then
   * removes the staging folder. Returns the absolute paths of the files placed.
   */
  async commit(plan: CommitPlan = {}): Promise<string[]> {
    const written = new Set(this.files);
    const moves: string[] = [];
    try {
      // A file the same as the one in place is left as it is (and keeps its date). A few are
      // compared at a time: one after another, a meeting's 150 files spent a tenth of a second
      // waiting on the disk; all at once, a pack of 500 pages would be held in memory many times over.
      const same = await inTurns(this.files, COMPARED_AT_ONCE, (rel) => sameBytes(join(this.stagingDir, rel), join(this.outDir, rel)));
      for (const [i, rel] of this.files.entries()) if (!same[i]) moves.push(rel);
      if (plan.record) {
        await writeFile(join(this.stagingDir, plan.record.name), plan.record.data);
        moves.push(plan.record.name);
      }
      const removals = [...new Set(plan.remove ?? [])].map((p) => normalize(p)).filter((p) => !written.has(p));
      await commitByJournal(this.outDir, { pid: process.pid, staging: basename(this.stagingDir), moves, removals }, this.hooks);
    } catch (error) {
      // Once the journal is written the staged files are part of it: the next cpb to open the
      // folder finishes the commit from them, so they are not thrown away here.
      if (existsSync(join(this.outDir, JOURNAL_FILE))) this.done = true;
      throw new OutputError(`Cannot move outputs into ${this.outDir}`, { file: this.outDir, cause: error, hint: 'The next cpb build in this folder finishes the move once the cause is fixed.' });
    } finally {
      await this.discard();
    }
    return this.files.map((rel) => join(this.outDir, rel));
  }

  /** Throws away whatever was staged. Safe to call more than once. */
  async discard(): Promise<void> {
    if (this.done) return;
    this.done = true;
    await rm(this.stagingDir, { recursive: true, force: true });
  }
}
