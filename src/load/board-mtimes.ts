import { lstat } from 'node:fs/promises';
import { basename, resolve, sep } from 'node:path';
import { filesUnder } from './input-hash.js';

/**
 * Whether any file under the board folder was changed after `since` (ms since the epoch), by its
 * modification time alone: no file is opened. Names starting with a dot (.git) and the folders in
 * `skip` (output folders) are passed over, and links are not followed. A guess for when to start
 * the browser, never for what to build: a wrong answer costs only time.
 */
export async function anyFileChangedSince(dir: string, since: number, skip: readonly string[]): Promise<boolean> {
  const skipped = skip.map((d) => resolve(d));
  const files = await filesUnder(resolve(dir), (path) => basename(path).startsWith('.') || skipped.some((s) => path === s || path.startsWith(s + sep)));
  const times = await Promise.all(files.map((f) => lstat(f).then((s) => (s.isFile() ? s.mtimeMs : 0), () => 0)));
  return times.some((t) => t > since);
}
