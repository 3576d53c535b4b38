import { createHash } from 'node:crypto';
import { readdir, readFile } from 'node:fs/promises';
import { join, relative, sep } from 'node:path';

/**
 * Fingerprints of what a build reads, so unchanged meetings need not be built again. A meeting's
 * output depends on its own folder, on every meeting's agenda and minutes (minutes of the last
 * meeting, the action log, forward plans), on the board's other data and on the templates.
 */
export interface InputHashes {
  /** Everything but the meeting folders' own papers. */
  shared: string;
  /** Each meeting folder's files, by meeting id. */
  meetings: Map<string, string>;
}

export async function hashInputs(boardDir: string, templateDirs: readonly string[], exclude: readonly string[], salt: string): Promise<InputHashes> {
  const skip = (path: string) => exclude.some((e) => path === e || path.startsWith(e + sep)) || /(^|[\\/])\.(git|cpb-)/.test(path);
  const shared = createHash('sha256').update(salt);
  const meetings = new Map<string, ReturnType<typeof createHash>>();
  for (const dir of templateDirs) {
    for (const file of await filesUnder(dir, skip)) shared.update(`${relative(dir, file)}\0`).update(await readFile(file));
  }
  const meetingsDir = join(boardDir, 'meetings');
  for (const file of await filesUnder(boardDir, (p) => skip(p) || templateDirs.includes(p))) {
    const rel = relative(boardDir, file);
    const content = await readFile(file);
    if (file.startsWith(meetingsDir + sep)) {
      const id = relative(meetingsDir, file).split(sep)[0]!;
      if (!meetings.has(id)) meetings.set(id, createHash('sha256'));
      meetings.get(id)!.update(`${rel}\0`).update(content);
      // Agendas and minutes feed other meetings' papers too.
      if (/[\\/](meeting|minutes)\.yaml$/.test(rel)) shared.update(`${rel}\0`).update(content);
    } else {
      shared.update(`${rel}\0`).update(content);
    }
  }
  return { shared: shared.digest('hex'), meetings: new Map([...meetings].map(([id, h]) => [id, h.digest('hex')])) };
}

async function filesUnder(dir: string, skip: (path: string) => boolean): Promise<string[]> {
  const entries = await readdir(dir, { withFileTypes: true }).catch(() => []);
  const files: string[] = [];
  for (const entry of entries.sort((a, b) => a.name.localeCompare(b.name))) {
    const path = join(dir, entry.name);
    if (skip(path)) continue;
    if (entry.isDirectory()) files.push(...(await filesUnder(path, skip)));
    else if (entry.isFile()) files.push(path);
  }
  return files;
}
