import { existsSync } from 'node:fs';
import { readFile, rename, writeFile } from 'node:fs/promises';
import { join } from 'node:path';

interface CacheFile {
  units: Record<string, { key: string; files: string[] }>;
}

export const CACHE_FILE = '.cpb-build-cache.json';

/**
 * What the last successful build made from which inputs, kept in the output folder. A unit (a
 * meeting, the site) whose inputs have the same fingerprint and whose files are all still there is
 * not built again.
 */
export class BuildCache {
  private constructor(
    private readonly outDir: string,
    private readonly data: CacheFile,
  ) {}

  static async open(outDir: string): Promise<BuildCache> {
    try {
      const data = JSON.parse(await readFile(join(outDir, CACHE_FILE), 'utf8')) as CacheFile;
      return new BuildCache(outDir, data.units ? data : { units: {} });
    } catch {
      return new BuildCache(outDir, { units: {} });
    }
  }

  isFresh(unit: string, key: string): boolean {
    const entry = this.data.units[unit];
    return entry !== undefined && entry.key === key && entry.files.every((f) => existsSync(join(this.outDir, f)));
  }

  record(unit: string, key: string, files: string[]): void {
    // Sorted: papers and packs print side by side, so the order they were written in varies.
    this.data.units[unit] = { key, files: [...files].sort() };
  }

  /** Written after the outputs are in place; a build that fails leaves the old record. */
  async save(): Promise<void> {
    const path = join(this.outDir, CACHE_FILE);
    await writeFile(`${path}.tmp`, `${JSON.stringify(this.data, null, 1)}\n`);
    await rename(`${path}.tmp`, path);
  }
}
