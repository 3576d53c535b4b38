import { readdir, stat } from 'node:fs/promises';
import { join, resolve } from 'node:path';

/**
 * Whether any file under the board folder was changed after `since` (ms since the epoch), by its
 * modification time alone: no file is opened. Folders whose names start with a dot (.git) and
 * the folders in `skip` (output folders) are not looked in, nor are links followed. A guess for
 * when to start the browser, never for what to build: a wrong answer costs only time.
 */
export async function anyFileChangedSince(dir: string, since: number, skip: readonly string[]): Promise<boolean> {
  const skipped = new Set(skip.map((d) => resolve(d)));
  const folders = [resolve(dir)];
  while (folders.length) {
    const folder = folders.pop()!;
    const entries = await readdir(folder, { withFileTypes: true }).catch(() => []);
    const files: string[] = [];
    for (const entry of entries) {
      const path = join(folder, entry.name);
      if (entry.isDirectory()) {
        if (!entry.name.startsWith('.') && !skipped.has(path)) folders.push(path);
      } else if (entry.isFile()) files.push(path);
    }
    const times = await Promise.all(files.map((f) => stat(f).then((s) => s.mtimeMs, () => 0)));
    if (times.some((t) => t > since)) return true;
  }
  return false;
}
