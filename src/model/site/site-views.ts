import { posix } from 'node:path';
import type { Board } from '../board.js';
import { clockTime, longDate, shortDate } from '../../domain/dates.js';
import type { Meeting, Republication } from '../meeting.js';
import { municipalYear, municipalYearLabel } from '../../domain/municipal-year.js';
import { nextMeetingSentence } from '../next-meeting.js';
import { presenterLine } from '../presenter-line.js';
import type { SiteDocument, SiteMeeting, SitePaper } from './site-meeting.js';
import { plural } from '../../domain/words.js';

/**
 * What the site's templates receive: strings ready to print and links relative to the page they
 * are on (so the site works from a file share as well as from a web server). Pure.
 */

/** A document with its HTML and PDF: the title links to the HTML (or the PDF when there is no HTML). */
export interface DocumentView {
  title: string;
  href?: string;
  /** Set when both exist: a second link to the PDF. */
  pdf?: { href: string; detail: string };
  /** "PDF, 148 KB, 34 pages" when the title itself links to a PDF. */
  detail?: string;
  note?: string;
}

export interface SiteItemView {
  number: number;
  title: string;
  presenter?: string;
  purpose?: string;
  exempt?: { paragraph: number; reason: string };
  supplementary: boolean;
  nextMeeting?: string;
  papers: DocumentView[];
}

interface PageBase {
  lang: 'en-GB';
  title: string;
  council: string;
  boardName: string;
  /** From this page to the site's root, '' or '../../'. */
  root: string;
}

export interface MeetingPageView extends PageBase {
  date: string;
  time: string;
  venue: string;
  cancelled: boolean;
  when: 'upcoming' | 'past';
  notices: string[];
  documents: DocumentView[];
  items: SiteItemView[];
  pager?: { previous?: { href: string; label: string }; next?: { href: string; label: string } };
}

export interface MeetingSummaryView {
  href: string;
  date: string;
  time: string;
  venue: string;
  cancelled: boolean;
  pack?: DocumentView;
  minutes?: DocumentView;
}

export interface IndexView extends PageBase {
  asOf: string;
  upcoming: MeetingSummaryView[];
  past: { label: string; meetings: MeetingSummaryView[] }[];
  latestActionLog?: DocumentView & { meeting: string; meetingHref: string };
  latestReports?: { meeting: string; meetingHref: string; papers: DocumentView[] };
}

export function href(fromPage: string, to: string): string {
  return posix.relative(posix.dirname(fromPage), to) || posix.basename(to);
}

export function formatBytes(bytes: number): string {
  if (bytes < 1024) return `${bytes} bytes`;
  if (bytes < 1024 * 1024) return `${Math.round(bytes / 1024)} KB`;
  return `${(bytes / (1024 * 1024)).toFixed(1)} MB`;
}

function pdfDetail(file: SiteDocument): string {
  const pages = file.pages === undefined ? '' : `, ${plural(file.pages, 'page')}`;
  return `${formatBytes(file.bytes)}${pages}`;
}

export function documentView(page: string, title: string, files: { html?: SiteDocument | undefined; pdf?: SiteDocument | undefined }, note?: string): DocumentView {
  const { html, pdf } = files;
  const base = { title, ...(note ? { note } : {}) };
  if (html && pdf) return { ...base, href: href(page, html.path), pdf: { href: href(page, pdf.path), detail: pdfDetail(pdf) } };
  if (html) return { ...base, href: href(page, html.path) };
  if (pdf) return { ...base, href: href(page, pdf.path), detail: `PDF, ${pdfDetail(pdf)}` };
  return base;
}

function paperView(page: string, paper: SitePaper): DocumentView {
  return documentView(page, paper.title, { html: paper.html, pdf: paper.pdf }, paper.republished && republishedNote(paper.republished));
}

/** "Republished 22 November 2019: Appendix 2 corrected", beside the paper on its meeting's page. */
export function republishedNote(again: Republication): string {
  return `Republished ${shortDate(again.date)}${again.note ? `: ${again.note}` : ''}`;
}

export interface SiteBoard {
  board: Pick<Board, 'name' | 'council' | 'dateStyle'>;
  meetings: readonly SiteMeeting[];
  today: string;
}

function base(site: SiteBoard, title: string, page: string): PageBase {
  return { lang: 'en-GB', title, council: site.board.council, boardName: site.board.name, root: href(page, 'index.html').replace(/index\.html$/, '') };
}

function dateOf(site: SiteBoard, meeting: Meeting): string {
  return longDate(meeting.date, site.board.dateStyle);
}

export function meetingPageView(site: SiteBoard, index: number): MeetingPageView {
  const current = site.meetings[index]!;
  const { meeting, page } = current;
  const date = dateOf(site, meeting);
  const documents: DocumentView[] = [];
  if (current.pack) documents.push(documentView(page, 'Agenda pack', { pdf: current.pack }, 'the agenda and every public paper, with page numbers'));
  if (current.supplementary) documents.push(documentView(page, 'Supplementary agenda pack', { pdf: current.supplementary }, 'papers that came after the agenda was published'));
  const agendaHtml = current.agenda.find((d) => d.mediaType === 'text/html');
  const agendaPdf = current.agenda.find((d) => d.mediaType === 'application/pdf');
  if (agendaHtml || agendaPdf) documents.push(documentView(page, 'Agenda front sheet', { html: agendaHtml, pdf: agendaPdf }));
  if (current.minutes) documents.push(minutesView(site, page, current));
  documents.push(...minutesElsewhere(site, page, meeting));
  const previous = site.meetings[index - 1];
  const next = site.meetings[index + 1];
  return {
    ...base(site, `${site.board.name}, ${date}`, page),
    date,
    time: clockTime(meeting.time),
    venue: meeting.venue,
    cancelled: meeting.status === 'cancelled',
    when: meeting.date >= site.today ? 'upcoming' : 'past',
    notices: meeting.notices,
    documents,
    items: current.items.map(({ item, papers }) => ({
      number: item.number,
      title: item.title,
      ...(item.presenter ? { presenter: presenterLine(item.presenter) } : {}),
      ...(item.purpose ? { purpose: item.purpose } : {}),
      ...(item.exempt ? { exempt: item.exempt } : {}),
      supplementary: item.late && !item.exempt && item.papers.length > 0,
      ...(item.showsNextMeeting && meeting.nextMeeting
        ? { nextMeeting: nextMeetingSentence(meeting.nextMeeting, site.board.dateStyle) }
        : {}),
      papers: papers.map((p) => paperView(page, p)),
    })),
    ...(previous || next
      ? {
          pager: {
            ...(previous ? { previous: { href: href(page, previous.page), label: dateOf(site, previous.meeting) } } : {}),
            ...(next ? { next: { href: href(page, next.page), label: dateOf(site, next.meeting) } } : {}),
          },
        }
      : {}),
  };
}

function minutesView(site: SiteBoard, page: string, current: SiteMeeting): DocumentView {
  const record = current.minutes!.record;
  const note = record.approvedAt
    ? `approved as an accurate record on ${longDate(record.approvedAt, site.board.dateStyle)}`
    : 'draft: not yet approved as an accurate record';
  return documentView(page, 'Minutes of this meeting', { html: current.minutes!.html, pdf: current.minutes!.pdf }, note);
}

/** This meeting's minutes as printed in a later meeting's pack (a generated minutes paper). */
function minutesElsewhere(site: SiteBoard, page: string, meeting: Meeting): DocumentView[] {
  return site.meetings.flatMap((later) =>
    later.items.flatMap(({ papers }) =>
      papers
        .filter((p) => p.minutesOf === meeting.id && (p.html || p.pdf))
        .map((p) => documentView(page, `Minutes as published with the agenda of ${dateOf(site, later.meeting)}`, { html: p.html, pdf: p.pdf })),
    ),
  );
}

export function indexView(site: SiteBoard): IndexView {
  const page = 'index.html';
  const summary = (m: SiteMeeting): MeetingSummaryView => ({
    href: href(page, m.page),
    date: dateOf(site, m.meeting),
    time: clockTime(m.meeting.time),
    venue: m.meeting.venue,
    cancelled: m.meeting.status === 'cancelled',
    ...(m.pack ? { pack: documentView(page, 'Agenda pack', { pdf: m.pack }) } : {}),
    ...(m.minutes ? { minutes: documentView(page, 'Minutes', { html: m.minutes.html }, m.minutes.record.approvedAt ? undefined : 'draft') } : {}),
  });
  const upcoming = site.meetings.filter((m) => m.meeting.date >= site.today);
  const past = site.meetings.filter((m) => m.meeting.date < site.today).reverse();
  const years = [...new Set(past.map((m) => municipalYear(m.meeting.date)))];
  return {
    ...base(site, `${site.board.name}: meetings and papers`, page),
    asOf: longDate(site.today, site.board.dateStyle),
    upcoming: upcoming.map(summary),
    past: years.map((year) => ({
      label: municipalYearLabel(year),
      meetings: past.filter((m) => municipalYear(m.meeting.date) === year).map(summary),
    })),
    ...latest(site, page),
  };
}

/**
 * The newest action log, and the reports of the meeting the board is working towards: the next
 * one with papers, or else the last one that had them.
 */
function latest(site: SiteBoard, page: string): Pick<IndexView, 'latestActionLog' | 'latestReports'> {
  const withLog = [...site.meetings].reverse().flatMap((m) => m.items.flatMap((i) => i.papers.filter((p) => p.generator === 'action-log' && (p.html || p.pdf)).map((p) => ({ m, p }))))[0];
  const reports = (m: SiteMeeting) => m.items.flatMap((i) => (i.item.standing ? [] : i.papers.filter((p) => !p.generator && (p.html || p.pdf))));
  const withReports = site.meetings.filter((m) => reports(m).length > 0);
  const chosen = withReports.find((m) => m.meeting.date >= site.today) ?? withReports.at(-1);
  return {
    ...(withLog
      ? { latestActionLog: { ...documentView(page, withLog.p.title, { html: withLog.p.html, pdf: withLog.p.pdf }), meeting: dateOf(site, withLog.m.meeting), meetingHref: href(page, withLog.m.page) } }
      : {}),
    ...(chosen ? { latestReports: { meeting: dateOf(site, chosen.meeting), meetingHref: href(page, chosen.page), papers: reports(chosen).map((p) => paperView(page, p)) } } : {}),
  };
}
