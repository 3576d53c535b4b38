import { stat } from 'node:fs/promises';
import { join } from 'node:path';
import type { Council } from '../domain/schema-types/council.js';
import type { LoadedCouncil } from '../load/council-folder.js';
import type { BoardModel } from '../model/board-model.js';
import type { Meeting } from '../model/meeting.js';
import { councilFeed } from '../model/site/council-feed.js';
import { committeeLabels, committeeSiteRoot, type CouncilSite } from '../model/site/council-views.js';
import { boardFeed } from '../model/site/feed-entries.js';
import { meetingFolder, siteMeeting, type SiteMeeting } from '../model/site/site-meeting.js';
import { themeView } from '../model/theme.js';
import type { StagedOutput } from '../write/staged-output.js';
import { BuildCache } from '../write/build-cache.js';
import { councilOpenData } from '../write/council-open-data.js';
import { SITE_DIR, SITE_UNIT } from '../write/site/site-folder.js';
import { writeCouncilSite } from '../write/site/council-site.js';

/** One board of the council, once its own build has committed into `outDir` (the council's out/<folder>). */
export interface BuiltBoard {
  folder: string;
  model: BoardModel;
  outDir: string;
  /** YYYY-MM-DD, as the board's build took it. */
  today: string;
  /** The date its build gave each meeting's documents (and calendar entry), by meeting id. */
  stamp: (meeting: Pick<Meeting, 'id'>) => Date;
}

/**
 * The council's site, from each board's model and the record its build left in its output
 * folder (what its site has of each meeting: the files the board's site lists). Nothing a
 * board's build wrote is read but the size of its minutes pages; nothing of a confidential
 * folder is ever named, since a board's site never has one.
 */
export async function buildCouncilSite(council: LoadedCouncil, boards: readonly BuiltBoard[], output: StagedOutput): Promise<void> {
  const data = council.council.data as Council;
  const labels = committeeLabels(boards.map((b) => b.model.board));
  const committees = await Promise.all(boards.map(async (b, i) => ({ folder: b.folder, label: labels[i]!, board: b.model.board, meetings: await meetingsOnSite(b) })));
  const site: CouncilSite = { council: { name: data.name, address: data.address ?? [] }, committees, today: boards[0]?.today ?? '' };

  const { Renderer } = await import('../render/renderer.js');
  const { loadTemplates } = await import('../load/template-files.js');
  const { councilPages, councilSearchScript } = await import('../render/site/council-pages.js');
  const logo = council.logo ? { logo: data.logo!, logo_alt: data.logo_alt ?? data.name } : {};
  const renderer = await Renderer.create(
    { templates: await loadTemplates(), images: new Map(), ...(council.logo ? { logo: council.logo } : {}) },
    themeView({ council: data.name, theme: { ...(data.theme ?? {}), ...logo } }),
  );
  await writeCouncilSite(output, {
    name: data.name,
    pages: await councilPages(renderer, site),
    searchScript: councilSearchScript(renderer),
    calendars: boards.map((b) => ({ board: b.model.board, meetings: b.model.meetings, stamp: b.stamp })),
    openData: councilOpenData(data.name, committees.map((c) => ({ ...c, base: committeeSiteRoot(c.folder) }))),
    feed: councilFeed(data.name, boards.map((b, i) => ({ base: committeeSiteRoot(b.folder), feed: boardFeed(b.model.board, committees[i]!.meetings, b.stamp, { today: b.today, label: labels[i]! }) }))),
  });
}

/** What the board's site shows of each meeting, from the record of its build. */
async function meetingsOnSite(board: BuiltBoard): Promise<SiteMeeting[]> {
  const cache = await BuildCache.open(board.outDir);
  const onSite = new Set(cache.entry(SITE_UNIT)?.files ?? []);
  const inSite = (path: string) => onSite.has(`${SITE_DIR}/${path}`);
  const meetings: SiteMeeting[] = [];
  for (const meeting of board.model.meetings) {
    const published = cache.entry(meeting.id)?.published;
    const files = new Map((published ?? []).filter((f) => inSite(`${meetingFolder(meeting)}/${f.name}`)).map((f) => [f.name, f]));
    const site: SiteMeeting = { ...siteMeeting(board.model, meeting, files, published ? 'an earlier build' : 'no build').site };
    const record = board.model.minutes.get(meeting.id);
    const minutesPath = `${meetingFolder(meeting)}/minutes.html`;
    if (record && inSite(minutesPath)) {
      const bytes = (await stat(join(board.outDir, SITE_DIR, minutesPath))).size;
      site.minutes = { record, html: { path: minutesPath, mediaType: 'text/html', bytes }, ...(site.minutesPdf ? { pdf: site.minutesPdf } : {}) };
    }
    meetings.push(site);
  }
  return meetings;
}
