import { readdir, rm, rmdir } from 'node:fs/promises';
import { join, sep } from 'node:path';

/**
 * After a build has been committed: removes the files under `dir` that this build did not write
 * (a paper since withdrawn or made exempt must not stay behind), and folders left empty. Only for
 * folders the build writes whole, so anything there that it did not write is stale.
 */
export async function pruneFolder(dir: string, placed: readonly string[]): Promise<void> {
  const kept = new Set(placed.filter((p) => p.startsWith(dir + sep)));
  if (kept.size === 0) return;
  const walk = async (folder: string): Promise<boolean> => {
    let empty = true;
    for (const entry of await readdir(folder, { withFileTypes: true }).catch(() => [])) {
      const path = join(folder, entry.name);
      if (entry.isDirectory()) {
        if (await walk(path)) await rmdir(path).catch(() => undefined);
        else empty = false;
      } else if (!kept.has(path)) {
        await rm(path, { force: true });
      } else {
        empty = false;
      }
    }
    return empty;
  };
  await walk(dir);
}
