import { join } from 'node:path';
import { hashInputs, type InputHashes } from '../load/input-hash.js';
import { cpbVersion } from '../package-root.js';
import { templateDirs } from '../load/template-files.js';
import type { BuildCache } from '../write/build-cache.js';
import { SITE_UNIT } from '../write/site/site-folder.js';
import type { CacheSnapshot, CachedUnit } from './cache-snapshot.js';

/**
 * Fingerprints of everything the build reads. Whether PDFs were printed is not part of the key
 * (it is kept per meeting in the cache), so --html-only does not rebuild, and take the PDFs of,
 * meetings that did not change.
 */
export async function buildInputHashes(boardDir: string, outDir: string, sourceDateEpoch: number | undefined, council?: string): Promise<InputHashes> {
  // `council`: what a council folder gives its boards (theme defaults); absent for a board on its own.
  const salt = JSON.stringify({ version: cpbVersion(), epoch: sourceDateEpoch === undefined ? null : String(sourceDateEpoch), ...(council !== undefined ? { council } : {}) });
  return hashInputs(boardDir, templateDirs(boardDir), [outDir, join(boardDir, 'out')], salt);
}

/** The cache's entries as values, with whether each unit's files are all still there. */
export function cacheSnapshot(cache: BuildCache): CacheSnapshot {
  const unit = (name: string): CachedUnit | undefined => {
    const entry = cache.entry(name);
    return entry && { key: entry.key, files: [...entry.files], htmlOnly: entry.htmlOnly === true, complete: cache.isFresh(name, entry.key), published: entry.published !== undefined };
  };
  const meetings = new Map(cache.unitNames.filter((name) => name !== SITE_UNIT).map((name) => [name, unit(name)!]));
  const site = unit(SITE_UNIT);
  return { meetings, ...(site ? { site } : {}) };
}
