/** The site's unit in the build cache: out/site is rebuilt, and pruned, as one. */
export const SITE_UNIT = 'site';
