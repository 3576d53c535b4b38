import type { BoardModel } from '../model/board-model.js';
import type { Meeting } from '../model/meeting.js';
import { boardFeed, feedTitle } from '../model/site/feed-entries.js';
import { agendaText, searchEntries, type DocumentText } from '../model/site/search-entries.js';
import type { MeetingPublished, PublishedFile } from '../model/site/published.js';
import { siteFileNames, siteMeeting, type FilesFrom, type SiteMeeting } from '../model/site/site-meeting.js';
import { longDate } from '../domain/dates.js';
import type { Renderer } from '../render/renderer.js';
import { minutesPage, publicMinutes, sitePages, siteTemplates } from '../render/site/site-pages.js';
import type { StagedOutput } from '../write/staged-output.js';
import { copyPublished, fromEarlierBuild, fromThisBuild } from '../write/site/site-copies.js';
import { FEED_FILE } from '../write/site/atom-feed.js';
import { writeSite, writeSiteFile } from '../write/site/write-site.js';

export interface SiteBuildContext {
  model: BoardModel;
  renderer: Renderer;
  output: StagedOutput;
  /** The meetings built in this run, by id. */
  built: ReadonlyMap<string, MeetingPublished>;
  /** What earlier builds published of the meetings that are current and not built now, by id. */
  earlier: ReadonlyMap<string, readonly PublishedFile[]>;
  /** YYYY-MM-DD: splits upcoming from past meetings. */
  today: string;
  /** DTSTAMP of calendar events. */
  stamp: (meeting: Meeting) => Date;
  warn: (message: string) => void;
}

/**
 * out/site: a page per meeting, the index of meetings, search, the calendar and open data, with
 * copies of every public agenda, pack and paper. What the site says of each file (its pages, its
 * words) is what the build that made it said: nothing the build wrote is read back but to copy it.
 * Links are relative, so it works from file: and any web server.
 */
export async function buildSiteOutputs(ctx: SiteBuildContext): Promise<void> {
  const { model, renderer, output } = ctx;
  const templates = siteTemplates(renderer);
  const feed = (meetings: readonly SiteMeeting[]) => boardFeed(model.board, meetings, (m) => ctx.stamp(model.meetings.find((x) => x.id === m.id)!), { today: ctx.today });
  const pageContext = { board: model.board, renderer, pageCss: templates.pageCss, feed: { href: FEED_FILE, title: feedTitle(model.board) } };
  const thisBuild = fromThisBuild(output, new Map([...ctx.built].map(([id, b]) => [id, b.supplied])));
  const earlierBuild = fromEarlierBuild(output);
  // Each meeting's minutes as the papers of this run rendered them, else rendered here.
  const rendered = new Map([...ctx.built.values()].flatMap((b) => [...b.minutes]));
  const meetings: SiteMeeting[] = [];
  const texts: { meeting: Meeting; doc: DocumentText }[] = [];

  for (const meeting of model.meetings) {
    const built = ctx.built.get(meeting.id)?.files;
    const earlier = ctx.earlier.get(meeting.id);
    const from: FilesFrom = built ? 'this build' : earlier ? 'an earlier build' : 'no build';
    const known = new Map((built ?? earlier ?? []).map((f) => [f.name, f]));
    const wanted = siteFileNames(meeting).flatMap((name) => known.get(name) ?? []);
    const copied = await copyPublished(output, meeting, wanted, built ? thisBuild : earlierBuild);
    const onSite = siteMeeting(model, meeting, new Map(copied.map((f) => [f.name, f])), from);
    onSite.warnings.forEach(ctx.warn);
    const site: SiteMeeting = { ...onSite.site };
    const minutes = await publicMinutes(model, renderer, meeting, rendered.get(meeting.id));
    if (minutes) {
      minutes.warnings.forEach((w) => ctx.warn(`minutes of ${meeting.id}: ${w}`));
      const page = await minutesPage(pageContext, site, minutes);
      await writeSiteFile(output, page.page.path, page.page.html);
      site.minutes = { record: minutes.record, html: page.doc, ...(site.minutesPdf ? { pdf: site.minutesPdf } : {}) };
      texts.push({ meeting, doc: page.text });
    }
    texts.push({ meeting, doc: { title: `Agenda: ${model.board.name}, ${longDate(meeting.date, model.board.dateStyle)}`, kind: 'agenda', path: site.page, text: agendaText(meeting) } });
    texts.push(...onSite.texts.map((doc) => ({ meeting, doc })));
    meetings.push(site);
  }

  const pages = await sitePages(pageContext, { board: model.board, meetings, today: ctx.today });
  const pageOf = new Map(meetings.map((m) => [m.meeting.id, m.page]));
  await writeSite(output, {
    board: model.board,
    meetings: model.meetings,
    onSite: meetings,
    pages,
    search: { entries: searchEntries(model.board, pageOf, texts), script: templates.searchScript },
    stamp: ctx.stamp,
    feed: feed(meetings),
  });
}
