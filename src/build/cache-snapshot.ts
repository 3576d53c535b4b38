/**
 * What the output folder's build cache held when a build began, as plain values for planBuild.
 * The run reads it from the cache file (see cache-read.ts); tests write it down as they like.
 */
export interface CachedUnit {
  /** The fingerprint of the inputs its files were built from. */
  key: string;
  /** The files it wrote, relative to the output folder. */
  files: readonly string[];
  /** Built without PDFs (--html-only, or no browser). */
  htmlOnly: boolean;
  /** Every one of its files is still in the output folder (and, for a meeting, its build recorded what it published). */
  complete: boolean;
  /** Its build recorded what it published for the website (a meeting built by an older cpb did not). */
  published: boolean;
}

export interface CacheSnapshot {
  /** By unit name: a meeting id, or the id of a meeting since taken off the board. */
  meetings: ReadonlyMap<string, CachedUnit>;
  site?: CachedUnit;
}
