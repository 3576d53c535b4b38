import { createHash } from 'node:crypto';
import { join } from 'node:path';
import type { LoadedCouncil } from '../load/council-folder.js';
import { hashInputs } from '../load/input-hash.js';
import { templateDirs } from '../load/template-files.js';
import { cpbVersion, TEMPLATES_DIR } from '../package-root.js';
import { BuildCache } from '../write/build-cache.js';
import { PresentFiles } from '../write/present-files.js';

/**
 * The fingerprint of what a whole council build reads: cpb's version, council.yaml and its logo,
 * the day, the options that change outputs, and for each board the contents of every file it
 * reads (the same fingerprints its own build takes). Taken once per council build: before the
 * boards are built, and again in councilKey after, with their new records.
 */
export async function councilInputs(council: LoadedCouncil, outDir: string, options: { today: string; htmlOnly: boolean; sourceDateEpoch?: number }): Promise<string> {
  const hash = createHash('sha256');
  hash.update(JSON.stringify({ version: cpbVersion(), today: options.today, htmlOnly: options.htmlOnly, epoch: options.sourceDateEpoch ?? null, council: council.council.data ?? null }));
  if (council.logo) hash.update(council.logo.bytes);
  // cpb's own templates once, not once per board: every board reads the same.
  hash.update((await hashInputs(TEMPLATES_DIR, [], [], '')).shared);
  for (const board of council.boards) {
    const inputs = await hashInputs(board.dir, templateDirs(board.dir).filter((d) => d !== TEMPLATES_DIR), [join(outDir, board.folder), join(board.dir, 'out'), outDir], '');
    hash.update(`\0${board.folder}\0${inputs.shared}\0${[...inputs.meetings].sort().join(',')}\0`);
  }
  return hash.digest('hex');
}

/**
 * The fingerprint of a whole council build: its inputs' (councilInputs) and each board's build
 * record. A council whose fingerprint is the one recorded, with every file each record lists
 * still there, has nothing to build: the run stops before reading any board, which is what keeps
 * a rebuild of a large council short. Undefined when some board's outputs are missing: it must be built.
 */
export async function councilKey(council: LoadedCouncil, outDir: string, inputs: string, present = new PresentFiles()): Promise<string | undefined> {
  const hash = createHash('sha256').update(inputs);
  for (const board of council.boards) {
    const boardOut = join(outDir, board.folder);
    // Read once: parsed to check its files, and its bytes fingerprinted.
    const text = await BuildCache.text(boardOut);
    const cache = BuildCache.parse(boardOut, text);
    // A board whose outputs are not all there (or never built) is built again: no key.
    if (!text || !cache.unitNames.length || !cache.unitNames.every((unit) => present.all(boardOut, cache.entry(unit)!.files))) return undefined;
    hash.update(`\0${board.folder}\0`).update(text);
  }
  return hash.digest('hex');
}
