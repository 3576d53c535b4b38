/** The site's folder in the output folder: out/site. */
export const SITE_DIR = 'site';

/** The site's unit in the build cache: out/site is rebuilt, and pruned, as one. */
export const SITE_UNIT = 'site';

/** The council's unit in the build cache of the council's output folder: its own files, rebuilt and pruned as one. */
export const COUNCIL_UNIT = 'council';
