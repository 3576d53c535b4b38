import { nameUuid, type Feed, type FeedEntry } from './feed-entries.js';

/**
 * The council's feed: every committee's entries (the ids they have in the committee's own feed,
 * so a reader that follows both sees one document once), newest first, their links made
 * relative to the council's site by `base` (the committee's site inside it).
 */
export function councilFeed(name: string, feeds: readonly { base: string; feed: Feed }[]): Feed {
  const entries = feeds.flatMap(({ base, feed }) => feed.entries.map((entry) => rebased(entry, base)));
  const order = new Map(entries.map((e, i) => [e, i]));
  entries.sort((a, b) => b.updated.getTime() - a.updated.getTime() || order.get(a)! - order.get(b)!);
  return {
    id: nameUuid(`cpb council feed\0${name}`),
    title: `${name}: agendas, papers and minutes of every committee`,
    author: name,
    updated: entries[0]?.updated ?? new Date(0),
    entries,
  };
}

function rebased(entry: FeedEntry, base: string): FeedEntry {
  return { ...entry, page: `${base}${entry.page}`, ...(entry.file ? { file: { ...entry.file, path: `${base}${entry.file.path}` } } : {}) };
}
