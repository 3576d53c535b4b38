import { mkdir, mkdtemp, readFile, readdir, rename, rm, writeFile } from 'node:fs/promises';
import { dirname, join, normalize, isAbsolute } from 'node:path';
import { OutputError } from '../errors.js';

/**
 * Outputs are written into a staging folder inside the output folder (same file system, so
 * moves are atomic renames) and moved into place only by `commit()`. Until then, and if the build
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

function isRunning(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

export class StagedOutput {
  private readonly files: string[] = [];
  private done = false;

  private constructor(
    readonly outDir: string,
    private readonly stagingDir: string,
  ) {}

  static async open(outDir: string): Promise<StagedOutput> {
    try {
      await mkdir(outDir, { recursive: true });
      await removeAbandoned(outDir);
      return new StagedOutput(outDir, await mkdtemp(join(outDir, `${STAGING_PREFIX}${process.pid}-`)));
    } catch (error) {
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

  /** Moves every staged file into place, each by an atomic rename, then removes the staging folder. */
  async commit(): Promise<string[]> {
    const placed: string[] = [];
    try {
      for (const rel of this.files) {
        const target = join(this.outDir, rel);
        await mkdir(dirname(target), { recursive: true });
        await rename(join(this.stagingDir, rel), target);
        placed.push(target);
      }
    } catch (error) {
      throw new OutputError(`Cannot move outputs into ${this.outDir}`, { file: this.outDir, cause: error });
    } finally {
      await this.discard();
    }
    return placed;
  }

  /** Throws away whatever was staged. Safe to call more than once. */
  async discard(): Promise<void> {
    if (this.done) return;
    this.done = true;
    await rm(this.stagingDir, { recursive: true, force: true });
  }
}
