import type { BoardModel } from '../../model/board-model.js';
import type { Board } from '../../model/board.js';
import { longDate } from '../../domain/dates.js';
import type { Meeting } from '../../model/meeting.js';
import type { MinutesRecord } from '../../model/minutes.js';
import type { RenderedMinutes } from '../../model/site/published.js';
import type { DocumentText } from '../../model/site/search-entries.js';
import { meetingFolder, type SiteDocument, type SiteMeeting } from '../../model/site/site-meeting.js';
import { href, indexView, meetingPageView, type SiteBoard } from '../../model/site/site-views.js';
import { minutesHtml } from '../generated/minutes-paper.js';
import type { Renderer } from '../renderer.js';
import { htmlText } from './search-text.js';

/** One page of the site, by its path inside out/site. */
export interface SitePage {
  path: string;
  html: string;
}

export interface SitePageContext {
  board: Pick<Board, 'name' | 'council' | 'dateStyle'>;
  renderer: Renderer;
  /** templates/site/site.css, put into every page. */
  pageCss: string;
  /** The board's Atom feed, inside the site, that every page names in its head. */
  feed?: { href: string; title: string };
}

/** The site's style sheet and search script, board overrides first. */
export function siteTemplates(renderer: Renderer): { pageCss: string; searchScript: string } {
  const searchScript = renderer.asset('site/search.js');
  if (searchScript === undefined) throw new Error('templates/site/search.js is missing');
  return { pageCss: renderer.asset('site/site.css') ?? '', searchScript };
}

/**
 * The public view of a meeting's minutes (an exempt minute shows its number, title and exemption,
 * nothing more): as a paper of this build rendered them, `already`, or rendered now.
 */
export async function publicMinutes(model: BoardModel, renderer: Renderer, meeting: Meeting, already?: RenderedMinutes): Promise<(RenderedMinutes & { record: MinutesRecord }) | undefined> {
  const record = model.minutes.get(meeting.id);
  if (!record) return undefined;
  if (record.audience !== 'public') throw new Error(`the minutes of ${meeting.id} for the website are not the public view`);
  return { record, ...(already ?? (await minutesHtml({ model, meeting, renderer }, record))) };
}

/** The page of a meeting's minutes, the document the site lists for it, and its words to search. */
export async function minutesPage(ctx: SitePageContext, site: Pick<SiteMeeting, 'meeting' | 'page'>, minutes: RenderedMinutes): Promise<{ page: SitePage; doc: SiteDocument; text: DocumentText }> {
  const { board } = ctx;
  const path = `${meetingFolder(site.meeting)}/minutes.html`;
  const date = longDate(site.meeting.date, board.dateStyle);
  const heading = `Minutes of the meeting held on ${date}`;
  const html = await ctx.renderer.renderSitePage('document', {
    lang: 'en-GB',
    title: `Minutes: ${board.name}, ${date}`,
    council: board.council,
    boardName: board.name,
    root: href(path, 'index.html').replace(/index\.html$/, ''),
    meetingHref: href(path, site.page),
    date,
    heading,
    html: minutes.html,
    pageCss: ctx.pageCss,
    ...feedLink(ctx, path),
  });
  return {
    page: { path, html },
    doc: { path, mediaType: 'text/html', bytes: Buffer.byteLength(html) },
    text: { title: heading, kind: 'minutes', path, text: htmlText(minutes.html) },
  };
}

/** A page for each meeting, the index of meetings and the search page. */
export async function sitePages(ctx: SitePageContext, site: SiteBoard): Promise<SitePage[]> {
  const { board, renderer, pageCss } = ctx;
  const pages: SitePage[] = [];
  for (const [index, current] of site.meetings.entries()) {
    pages.push({ path: current.page, html: await renderer.renderSitePage('meeting', { ...meetingPageView(site, index), pageCss, ...feedLink(ctx, current.page) }) });
  }
  pages.push({ path: 'index.html', html: await renderer.renderSitePage('index', { ...indexView(site), pageCss, ...feedLink(ctx, 'index.html') }) });
  pages.push({
    path: 'search.html',
    html: await renderer.renderSitePage('search', { lang: 'en-GB', title: `Search: ${board.name}`, council: board.council, boardName: board.name, root: '', pageCss, ...feedLink(ctx, 'search.html') }),
  });
  return pages;
}

/** The feed as the page at `path` links it (layout.hbs puts it in the head, site-nav.hbs in the menu). */
function feedLink(ctx: SitePageContext, path: string): { feed?: { href: string; title: string } } {
  return ctx.feed ? { feed: { href: href(path, ctx.feed.href), title: ctx.feed.title } } : {};
}
