import type { Board } from '../../model/board.js';
import type { Meeting } from '../../model/meeting.js';
import type { Feed } from '../../model/site/feed-entries.js';
import type { SearchEntry } from '../../model/site/search-entries.js';
import type { SiteMeeting } from '../../model/site/site-meeting.js';
import { meetingsCalendar } from '../calendar.js';
import { openData } from '../open-data.js';
import type { StagedOutput } from '../staged-output.js';
import { atomFeed, FEED_FILE } from './atom-feed.js';
import { miniSearchBrowserScript, searchIndexScript } from './search-index.js';
import { SITE_DIR } from './site-folder.js';

export interface SiteFiles {
  board: Pick<Board, 'name' | 'council'>;
  /** Every meeting of the board, for the calendar. */
  meetings: readonly Meeting[];
  /** What the site shows of each meeting, for the open data. */
  onSite: readonly SiteMeeting[];
  /** Rendered pages, by their path inside the site. */
  pages: readonly { path: string; html: string }[];
  search: { entries: readonly SearchEntry[]; script: string };
  /** DTSTAMP of calendar events. */
  stamp: (meeting: Meeting) => Date;
  /** The board's Atom feed. */
  feed: Feed;
}

/** Stages one file of out/site; `path` is inside the site. */
export function writeSiteFile(output: StagedOutput, path: string, data: string | Uint8Array): Promise<void> {
  return output.write(`${SITE_DIR}/${path}`, data);
}

/**
 * Stages the rest of out/site after the copies of the meetings' files: the pages, search (the
 * index, MiniSearch and the page's script), the calendar, the open data and the feed. Through the build's
 * staged output, so a failed build changes nothing.
 */
export async function writeSite(output: StagedOutput, site: SiteFiles): Promise<void> {
  const write = (path: string, data: string | Uint8Array) => writeSiteFile(output, path, data);
  for (const page of site.pages) await write(page.path, page.html);
  await write('search-index.js', searchIndexScript(site.search.entries));
  await write('assets/minisearch.js', await miniSearchBrowserScript());
  await write('assets/search.js', site.search.script);
  await write('meetings.ics', meetingsCalendar({ board: site.board, meetings: site.meetings, stamp: site.stamp }));
  await write('meetings.json', `${JSON.stringify(openData(site.board, site.onSite), null, 2)}\n`);
  await write(FEED_FILE, atomFeed(site.feed));
}
