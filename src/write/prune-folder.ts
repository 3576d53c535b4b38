import type { BuildCache } from './build-cache.js';

/**
 * What a build takes away from the output folder: of the files an earlier build recorded for the
 * units being replaced or withdrawn, those this build did not write again (a paper since
 * withdrawn or made exempt must not stay behind). Only files in cpb's record are ever listed, so
 * a file someone else put into the output folder is never removed.
 */
export function filesToRemove(cache: BuildCache, units: Iterable<string>, written: readonly string[]): string[] {
  const kept = new Set(written);
  const removed = new Set<string>();
  for (const unit of units) {
    for (const file of cache.entry(unit)?.files ?? []) if (!kept.has(file)) removed.add(file);
  }
  return [...removed];
}
