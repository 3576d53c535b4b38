import { createHash } from 'node:crypto';
import type { Board } from '../board.js';
import { longDate, shortDate } from '../../domain/dates.js';
import type { Meeting } from '../meeting.js';
import type { SiteDocument, SiteMeeting, SitePaper } from './site-meeting.js';
import { plural } from '../../domain/words.js';

/**
 * The board's Atom feed (site/feed.atom): an entry for each document the site publishes for a
 * meeting, so a feed reader or an e-mail alert service hears of new papers. Pure: every date
 * comes from the build's own record (the date its PDFs carry) or, for a republished paper, from
 * meeting.yaml; never from the clock.
 */
export interface FeedEntry {
  /**
   * A urn:uuid made from the council, the board, the meeting and the kind of document only; for a
   * republished paper also the paper and the day it was republished (a second time is a new entry).
   */
  id: string;
  kind: 'agenda' | 'supplementary' | 'draft minutes' | 'approved minutes' | 'republished paper';
  title: string;
  updated: Date;
  /** Inside the site: the page to read it on. */
  page: string;
  /** The document itself, when it is a file a reader may download. */
  file?: SiteDocument;
  summary: string;
}

export interface Feed {
  id: string;
  title: string;
  author: string;
  /** The newest entry's date; the epoch for a board with nothing published yet. */
  updated: Date;
  entries: FeedEntry[];
}

/** A name-based UUID (the SHA-1 form, version 5) of `name`: the same name always gives the same id. */
export function nameUuid(name: string): string {
  const hash = createHash('sha1').update(name).digest();
  hash[6] = (hash[6]! & 0x0f) | 0x50;
  hash[8] = (hash[8]! & 0x3f) | 0x80;
  const hex = hash.subarray(0, 16).toString('hex');
  return `urn:uuid:${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}

/** How the feed is made beyond its board: the build's day, and the committee's name in entry titles. */
export interface FeedOptions {
  /** YYYY-MM-DD, the build's day: no entry is dated later (papers of a meeting still to come are out now). */
  today: string;
  /** The committee's name in entry titles (the council's feed tells two boards of one name apart); the board's name else. */
  label?: string;
}

/**
 * `stamp` gives the date a meeting's documents were made (the plan's PDF date: SOURCE_DATE_EPOCH,
 * else the meeting's date), and an entry is dated by it but never after the build's day.
 * Approved minutes are dated by the meeting that approved them.
 */
export function boardFeed(board: Pick<Board, 'name' | 'council' | 'dateStyle'>, meetings: readonly SiteMeeting[], stampOf: (meeting: Pick<Meeting, 'id'>) => Date, options: FeedOptions): Feed {
  // Ids keep the board's own name, so an entry has one id in the board's feed and the council's.
  const key = (meeting: Pick<Meeting, 'id'>, kind: string) => nameUuid(`cpb feed entry\0${board.council}\0${board.name}\0${meeting.id}\0${kind}`);
  const stamp = (meeting: Pick<Meeting, 'id'>) => notAfter(stampOf(meeting), options.today);
  const entries: FeedEntry[] = [];
  for (const site of meetings) {
    const { meeting } = site;
    const date = longDate(meeting.date, board.dateStyle);
    const of = `${options.label ?? board.name}, ${date}`;
    // The agenda and pack as one entry: the pack when printed, else the agenda (an --html-only build).
    const agenda = site.pack ?? site.agenda.find((d) => d.mediaType === 'application/pdf') ?? site.agenda[0];
    if (agenda) {
      const summary = site.pack ? `The agenda pack of the meeting on ${date}: the agenda and every public paper${pagesOf(site.pack)}.` : `The agenda of the meeting on ${date}.`;
      entries.push({ id: key(meeting, 'agenda'), kind: 'agenda', title: `Agenda and papers: ${of}`, updated: stamp(meeting), page: site.page, file: agenda, summary });
    }
    if (site.supplementary) {
      entries.push({ id: key(meeting, 'supplementary'), kind: 'supplementary', title: `Supplementary agenda pack: ${of}`, updated: stamp(meeting), page: site.page, file: site.supplementary, summary: `Papers for the meeting on ${date} that came after the agenda was published${pagesOf(site.supplementary)}.` });
    }
    if (site.minutes) {
      const approvedAt = site.minutes.record.approvedAt;
      const file = site.minutes.pdf;
      const base = { page: site.minutes.html.path, ...(file ? { file } : {}) };
      if (approvedAt === undefined) {
        entries.push({ id: key(meeting, 'draft minutes'), kind: 'draft minutes', title: `Draft minutes: ${of}`, updated: stamp(meeting), ...base, summary: `The minutes of the meeting on ${date}, not yet approved as an accurate record.` });
      } else {
        const approvedDate = longDate(approvedAt, board.dateStyle);
        entries.push({ id: key(meeting, 'approved minutes'), kind: 'approved minutes', title: `Minutes: ${of}`, updated: stamp({ id: approvedAt }), ...base, summary: `The minutes of the meeting on ${date}, approved as an accurate record on ${approvedDate}.` });
      }
    }
    // Exempt items have no papers on the site, so their republications never reach here.
    for (const paper of site.items.flatMap((i) => i.papers)) {
      const entry = republishedEntry(paper, site.page, of, date, (what) => key(meeting, what));
      if (entry) entries.push({ ...entry, updated: notAfter(entry.updated, options.today) });
    }
  }
  // Newest first; documents of one day in the order the site lists them.
  const order = new Map(entries.map((e, i) => [e, i]));
  entries.sort((a, b) => b.updated.getTime() - a.updated.getTime() || order.get(a)! - order.get(b)!);
  return {
    id: nameUuid(`cpb feed\0${board.council}\0${board.name}`),
    title: feedTitle(board),
    author: board.council,
    updated: entries[0]?.updated ?? new Date(0),
    entries,
  };
}

/** `date`, or the start of `today` (UTC) when `date` falls on a later day. */
function notAfter(date: Date, today: string): Date {
  const start = new Date(`${today}T00:00:00Z`);
  return date.getTime() >= start.getTime() + 86_400_000 ? start : date;
}

export function feedTitle(board: Pick<Board, 'name'>): string {
  return `${board.name}: agendas, papers and minutes`;
}

/** The entry for a paper published again after its agenda, dated the day it was: data, not the build's record. */
function republishedEntry(paper: SitePaper, page: string, of: string, date: string, key: (what: string) => string): FeedEntry | undefined {
  const again = paper.republished;
  const file = paper.pdf ?? paper.html;
  if (!again || !file) return undefined;
  const when = shortDate(again.date);
  return {
    // The file as meeting.yaml names it, else (a generated paper) its place on the agenda.
    id: key(`republished paper\0${paper.file || paper.id}\0${again.date}`),
    kind: 'republished paper',
    title: `Republished: ${paper.title} (${of})`,
    updated: new Date(`${again.date}T00:00:00Z`),
    page,
    file,
    summary: `${paper.title}, a paper for the meeting on ${date}, was republished on ${when}${again.note ? `: ${again.note}` : '.'}`,
  };
}

function pagesOf(file: SiteDocument): string {
  return file.pages === undefined ? '' : ` (${plural(file.pages, 'page')})`;
}
