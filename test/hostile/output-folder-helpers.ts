import { lstat, readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';

/** Every file under `dir` by path relative to it, with its bytes (base64); links and folders named. */
export async function snapshot(dir: string, skip: (rel: string) => boolean = () => false): Promise<Map<string, string>> {
  const files = new Map<string, string>();
  const walk = async (d: string, rel: string): Promise<void> => {
    for (const e of await readdir(d, { withFileTypes: true })) {
      const path = join(d, e.name);
      const r = rel ? `${rel}/${e.name}` : e.name;
      if (skip(r)) continue;
      if (e.isSymbolicLink()) files.set(r, `link`);
      else if (e.isDirectory()) {
        files.set(`${r}/`, 'folder');
        await walk(path, r);
      } else files.set(r, (await readFile(path)).toString('base64'));
    }
  };
  if (await lstat(dir).then(() => true, () => false)) await walk(dir, '');
  return files;
}

/** cpb's own working files in an output folder (staging folders, the commit journal). */
export const isWorking = (rel: string) => /^\.cpb-(staging|journal)/.test(rel);
