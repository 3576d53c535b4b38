import { readdir, rm, rmdir } from 'node:fs/promises';
import { join, sep } from 'node:path';
import { SITE_DIR } from './site-data.js';

export const SITE_UNIT = 'site';

/**
 * After a build that wrote the site has been committed: removes files left in out/site by
 * earlier builds that this one did not write (a paper since withdrawn or made exempt must not
 * stay on the website), and folders left empty.
 */
export async function pruneSite(outDir: string, placed: readonly string[]): Promise<void> {
  const siteDir = join(outDir, SITE_DIR);
  const kept = new Set(placed.filter((p) => p.startsWith(siteDir + sep)));
  if (kept.size === 0) return;
  const walk = async (dir: string): Promise<boolean> => {
    let empty = true;
    for (const entry of await readdir(dir, { withFileTypes: true }).catch(() => [])) {
      const path = join(dir, entry.name);
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
  await walk(siteDir);
}
