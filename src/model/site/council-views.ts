import type { Board } from '../board.js';
import { clockTime, longDate } from '../../domain/dates.js';
import type { SiteMeeting } from './site-meeting.js';
import { documentView, href, type MeetingSummaryView } from './site-views.js';

/**
 * The council's site, on top of its boards' sites: a home page, a page per committee and one
 * search. Each board's site is out/<folder>/site/, so a path inside it is prefixed with that
 * here. Pure: links are relative to the page they are on.
 */
export interface CouncilCommittee {
  /** The board's sub-folder, which is also its folder in the output. */
  folder: string;
  /** Its name on the council's pages: the board's name, with its council's when two boards share one. */
  label: string;
  board: Pick<Board, 'name' | 'council' | 'dateStyle'>;
  /** What its site shows of each meeting, with paths inside that site. */
  meetings: readonly SiteMeeting[];
}

export interface CouncilSite {
  council: { name: string; address: readonly string[] };
  committees: readonly CouncilCommittee[];
  /** YYYY-MM-DD: splits upcoming from past meetings. */
  today: string;
}

/** Where a committee's own site is, inside the council's. */
export function committeeSiteRoot(folder: string): string {
  return `${folder}/site/`;
}

export function committeePage(folder: string): string {
  return `committees/${folder}/index.html`;
}

interface CouncilPageBase {
  lang: 'en-GB';
  title: string;
  /** The council's name, for the layout's author and the page header. */
  council: string;
  /** The way back to the council's home page from this page ("" or "../../"). */
  root: string;
}

/** A meeting as the council's pages list it: as its committee's site does, with the committee. */
export interface CouncilMeetingView extends MeetingSummaryView {
  committee: string;
  committeeHref: string;
}

export interface CouncilHomeView extends CouncilPageBase {
  address: readonly string[];
  asOf: string;
  committees: { name: string; href: string; siteHref: string; next?: string }[];
  upcoming: CouncilMeetingView[];
}

export interface CommitteeView extends CouncilPageBase {
  name: string;
  siteHref: string;
  calendarHref: string;
  feedHref: string;
  openDataHref: string;
  searchHref: string;
  upcoming: CouncilMeetingView[];
  /** The latest past meetings, newest first. */
  recent: CouncilMeetingView[];
  /** How many past meetings its own site lists. */
  pastCount: number;
}

/** How many past meetings a committee page lists; its own site lists them all. */
export const RECENT_MEETINGS = 5;

function base(title: string, council: string, page: string): CouncilPageBase {
  return { lang: 'en-GB', title, council, root: href(page, 'index.html').replace(/index\.html$/, '') };
}

function meetingView(page: string, committee: CouncilCommittee, site: SiteMeeting): CouncilMeetingView {
  const root = committeeSiteRoot(committee.folder);
  const inSite = (path: string) => `${root}${path}`;
  const { meeting } = site;
  return {
    committee: committee.label,
    committeeHref: href(page, committeePage(committee.folder)),
    href: href(page, inSite(site.page)),
    date: longDate(meeting.date, committee.board.dateStyle),
    time: clockTime(meeting.time),
    venue: meeting.venue,
    cancelled: meeting.status === 'cancelled',
    ...(site.pack ? { pack: documentView(page, 'Agenda pack', { pdf: { ...site.pack, path: inSite(site.pack.path) } }) } : {}),
    ...(site.minutes
      ? { minutes: documentView(page, 'Minutes', { html: { ...site.minutes.html, path: inSite(site.minutes.html.path) } }, site.minutes.record.approvedAt ? undefined : 'draft') }
      : {}),
  };
}

/** The council's home page: its committees, and every committee's upcoming meetings by date. */
export function councilHomeView(site: CouncilSite): CouncilHomeView {
  const page = 'index.html';
  const upcoming = site.committees
    .flatMap((c) => c.meetings.filter((m) => m.meeting.date >= site.today).map((m) => ({ c, m })))
    .sort((a, b) => (a.m.meeting.date + a.m.meeting.time).localeCompare(b.m.meeting.date + b.m.meeting.time));
  return {
    ...base(`${site.council.name}: committees, meetings and papers`, site.council.name, page),
    address: site.council.address,
    asOf: longDate(site.today, 'plain'),
    committees: site.committees.map((c) => {
      const next = c.meetings.find((m) => m.meeting.date >= site.today && m.meeting.status !== 'cancelled');
      return {
        name: c.label,
        href: href(page, committeePage(c.folder)),
        siteHref: href(page, `${committeeSiteRoot(c.folder)}index.html`),
        ...(next ? { next: longDate(next.meeting.date, c.board.dateStyle) } : {}),
      };
    }),
    upcoming: upcoming.map(({ c, m }) => meetingView(page, c, m)),
  };
}

/** A committee's page in the council's site: what is coming, what was last, and the way to its own site. */
export function committeeView(site: CouncilSite, committee: CouncilCommittee): CommitteeView {
  const page = committeePage(committee.folder);
  const root = committeeSiteRoot(committee.folder);
  const past = committee.meetings.filter((m) => m.meeting.date < site.today);
  return {
    ...base(`${committee.label}: ${site.council.name}`, site.council.name, page),
    name: committee.label,
    siteHref: href(page, `${root}index.html`),
    calendarHref: href(page, `${root}meetings.ics`),
    feedHref: href(page, `${root}feed.atom`),
    openDataHref: href(page, `${root}meetings.json`),
    searchHref: href(page, `${root}search.html`),
    upcoming: committee.meetings.filter((m) => m.meeting.date >= site.today).map((m) => meetingView(page, committee, m)),
    recent: past.slice(-RECENT_MEETINGS).reverse().map((m) => meetingView(page, committee, m)),
    pastCount: past.length,
  };
}

export interface CouncilSearchView extends CouncilPageBase {
  /** Each committee's own search index, loaded by the page, with where its links start. */
  indexes: { committee: string; src: string; base: string }[];
}

export function councilSearchView(site: CouncilSite): CouncilSearchView {
  return {
    ...base(`Search: ${site.council.name}`, site.council.name, 'search.html'),
    indexes: site.committees.map((c) => ({ committee: c.label, src: `${committeeSiteRoot(c.folder)}search-index.js`, base: committeeSiteRoot(c.folder) })),
  };
}

/** Each board's name on the council's pages: two boards of one name are told apart by their councils'. */
export function committeeLabels(boards: readonly Pick<Board, 'name' | 'council'>[]): string[] {
  return boards.map((b) => (boards.filter((o) => o.name === b.name).length > 1 ? `${b.name} (${b.council})` : b.name));
}
