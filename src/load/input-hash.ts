import { createHash, type Hash } from 'node:crypto';
import { readdir } from 'node:fs/promises';
import { join, relative, sep } from 'node:path';
import { SourceError } from '../errors.js';
import { resolvedRoot } from './board-path.js';
import { boardRoot, openSourceFile, type FileRoot } from './read-source.js';

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

/** Past this, a file is fingerprinted by its first bytes, size and time of change: no board file is near it. */
const MAX_HASHED_BYTES = 256 * 1024 * 1024;

/** How many files are fingerprinted side by side: their reads overlap rather than wait in turn. */
const FILES_AT_ONCE = 16;

export async function hashInputs(boardDir: string, templateDirs: readonly string[], exclude: readonly string[], salt: string): Promise<InputHashes> {
  const skip = (path: string) => exclude.some((e) => path === e || path.startsWith(e + sep)) || /(^|[\\/])\.(git|cpb-)/.test(path);
  const shared = createHash('sha256').update(salt);
  const meetings = new Map<string, ReturnType<typeof createHash>>();
  // Every file with the hashes it goes into; fingerprinted side by side, then added in this order.
  const files: { path: string; rel: string; root: FileRoot | null; hashes: Hash[] }[] = [];
  // Each root's real path is resolved once for all its files; every file's own is still checked.
  const board = resolvedRoot(boardRoot(boardDir));
  for (const dir of templateDirs) {
    // The board's templates must lie in its templates folder; cpb's own are read where they are.
    const root: FileRoot | null = dir.startsWith(boardDir + sep) ? resolvedRoot({ dir, name: "the board's templates folder", within: boardDir }) : null;
    for (const file of await filesUnder(dir, skip)) files.push({ path: file, rel: relative(dir, file), root, hashes: [shared] });
  }
  const meetingsDir = join(boardDir, 'meetings');
  for (const file of await filesUnder(boardDir, (p) => skip(p) || templateDirs.includes(p))) {
    const rel = relative(boardDir, file);
    if (file.startsWith(meetingsDir + sep)) {
      const id = relative(meetingsDir, file).split(sep)[0]!;
      if (!meetings.has(id)) meetings.set(id, createHash('sha256'));
      // Agendas and minutes feed other meetings' papers too.
      const alsoShared = /[\\/](meeting|minutes)\.yaml$/.test(rel) ? [shared] : [];
      files.push({ path: file, rel, root: board, hashes: [meetings.get(id)!, ...alsoShared] });
    } else {
      files.push({ path: file, rel, root: board, hashes: [shared] });
    }
  }
  for (let i = 0; i < files.length; i += FILES_AT_ONCE) {
    const batch = files.slice(i, i + FILES_AT_ONCE);
    const prints = await Promise.all(batch.map((f) => fileFingerprint(f.path, f.rel, f.root)));
    batch.forEach((f, k) => {
      for (const h of f.hashes) h.update(`${f.rel}\0${prints[k]}\0`);
    });
  }
  return { shared: shared.digest('hex'), meetings: new Map([...meetings].map(([id, h]) => [id, h.digest('hex')])) };
}

/**
 * One file's fingerprint: the digest of its bytes, read through the one reader into a buffer of
 * its size (a megabyte at most at a time). What the reader refuses (a link out of the board, a
 * pipe, a device) is never opened for reading: its refusal is the fingerprint instead, and
 * validation has already reported it if the build uses it.
 */
async function fileFingerprint(path: string, rel: string, root: FileRoot | null): Promise<string> {
  let opened;
  try {
    opened = await openSourceFile(path, rel, 'file', root);
  } catch (error) {
    if (!(error instanceof SourceError)) throw error;
    return `refused:${error.rule ?? ''}`;
  }
  const { handle, stats } = opened;
  const hash = createHash('sha256');
  try {
    // One byte more than its size, so that one read finds the end: an ordinary file reads short only there.
    const buffer = Buffer.allocUnsafe(Math.min(1024 * 1024, stats.size + 1));
    let total = 0;
    for (;;) {
      const asked = Math.min(buffer.length, MAX_HASHED_BYTES - total);
      const { bytesRead } = await handle.read(buffer, 0, asked, null);
      hash.update(buffer.subarray(0, bytesRead));
      total += bytesRead;
      if (bytesRead < asked) break;
      if (total >= MAX_HASHED_BYTES) {
        hash.update(`\0${stats.size}:${stats.mtimeMs}`);
        break;
      }
    }
  } finally {
    await handle.close();
  }
  return hash.digest('hex');
}

/** Every entry under `dir` but real folders (which are walked): links and pipes too, for the reader to judge. */
export async function filesUnder(dir: string, skip: (path: string) => boolean): Promise<string[]> {
  const entries = await readdir(dir, { withFileTypes: true }).catch(() => []);
  const files: string[] = [];
  for (const entry of entries.sort((a, b) => a.name.localeCompare(b.name))) {
    const path = join(dir, entry.name);
    if (skip(path)) continue;
    if (entry.isDirectory()) files.push(...(await filesUnder(path, skip)));
    else files.push(path);
  }
  return files;
}
