import { readdirSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';

/**
 * Whether recorded outputs are still there, by one listing of each folder rather than one look-up
 * of each file: a council's boards record thousands of outputs in a few hundred folders.
 */
export class PresentFiles {
  private readonly listings = new Map<string, Set<string>>();

  /** Whether every one of `files` (relative to `dir`) is there. */
  all(dir: string, files: readonly string[]): boolean {
    return files.every((f) => {
      const path = join(dir, f);
      return this.listing(dirname(path)).has(basename(path));
    });
  }

  private listing(folder: string): Set<string> {
    let names = this.listings.get(folder);
    if (names === undefined) {
      try {
        names = new Set(readdirSync(folder));
      } catch {
        names = new Set();
      }
      this.listings.set(folder, names);
    }
    return names;
  }
}
