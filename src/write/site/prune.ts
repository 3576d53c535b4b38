import { join } from 'node:path';
import { pruneFolder } from '../prune-folder.js';
import { SITE_DIR } from './site-data.js';

export const SITE_UNIT = 'site';

/** Files an earlier build left in out/site that this one did not write are removed. */
export async function pruneSite(outDir: string, placed: readonly string[]): Promise<void> {
  await pruneFolder(join(outDir, SITE_DIR), placed);
}
