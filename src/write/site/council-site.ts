import type { Feed } from '../../model/site/feed-entries.js';
import { boardsCalendar, type CalendarInput } from '../calendar.js';
import type { CouncilOpenData } from '../council-open-data.js';
import type { StagedOutput } from '../staged-output.js';
import { atomFeed, FEED_FILE } from './atom-feed.js';
import { miniSearchBrowserScript } from './search-index.js';

export interface CouncilSiteFiles {
  name: string;
  pages: readonly { path: string; html: string }[];
  searchScript: string;
  calendars: readonly CalendarInput[];
  openData: CouncilOpenData;
  feed: Feed;
}

/**
 * Stages the council's files at the top of its output folder, beside the boards' folders (which
 * each board's own build writes): its pages, search scripts, one calendar, open data and feed.
 */
export async function writeCouncilSite(output: StagedOutput, site: CouncilSiteFiles): Promise<void> {
  for (const page of site.pages) await output.write(page.path, page.html);
  await output.write('assets/minisearch.js', await miniSearchBrowserScript());
  await output.write('assets/search.js', site.searchScript);
  await output.write('meetings.ics', boardsCalendar(`${site.name}: every committee`, site.calendars));
  await output.write('meetings.json', `${JSON.stringify(site.openData, null, 2)}\n`);
  await output.write(FEED_FILE, atomFeed(site.feed));
}
