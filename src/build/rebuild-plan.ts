/** What to rebuild after some files of the board changed: nothing, some meetings, or everything. */
export type RebuildPlan = { kind: 'none' } | { kind: 'meetings'; ids: string[] } | { kind: 'all' };

/**
 * `changed` are paths relative to the board folder, with forward slashes; `ignored` are folders
 * (relative, e.g. "out") whose changes are the build's own. A meeting's own papers affect only
 * that meeting (and the site, which every build writes); its agenda and minutes feed other
 * meetings' papers (minutes, action log, forward plan), and anything else the whole board.
 */
export function rebuildPlan(changed: readonly string[], meetingIds: ReadonlySet<string>, ignored: readonly string[] = []): RebuildPlan {
  const relevant = changed.filter((path) => !isIgnored(path, ignored));
  if (relevant.length === 0) return { kind: 'none' };
  const ids = new Set<string>();
  for (const path of relevant) {
    const match = /^meetings\/([^/]+)\/(.+)$/.exec(path);
    if (!match || !meetingIds.has(match[1]!) || /^(meeting|minutes)\.ya?ml$/.test(match[2]!)) return { kind: 'all' };
    ids.add(match[1]!);
  }
  return { kind: 'meetings', ids: [...ids].sort() };
}

function isIgnored(path: string, ignored: readonly string[]): boolean {
  if (ignored.some((dir) => path === dir || path.startsWith(`${dir}/`))) return true;
  const name = path.split('/').pop() ?? '';
  // Version control, cpb's own working files, and editors' temporary files.
  return /(^|\/)\.(git|hg|svn|cpb-)/.test(path) || /^(\.#|#)|~$|\.(swp|swx|tmp)$|^4913$/.test(name);
}

/** Two plans as one. */
export function mergePlans(a: RebuildPlan, b: RebuildPlan): RebuildPlan {
  if (a.kind === 'all' || b.kind === 'all') return { kind: 'all' };
  if (a.kind === 'none') return b;
  if (b.kind === 'none') return a;
  return { kind: 'meetings', ids: [...new Set([...a.ids, ...b.ids])].sort() };
}
