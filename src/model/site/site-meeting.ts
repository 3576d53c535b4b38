import type { BoardModel } from '../board-model.js';
import type { AgendaItem, Generator, Meeting, Republication } from '../meeting.js';
import { minutesShownId, type MinutesRecord } from '../minutes.js';
import { CONFIDENTIAL_DIR } from '../outputs.js';
import { paperFileName, paperId } from '../pack-plan.js';
import type { PublishedFile } from './published.js';
import type { DocumentText } from './search-entries.js';

/** A public file of the site, by its path inside out/site (forward slashes). */
export interface SiteDocument {
  path: string;
  mediaType: 'text/html' | 'application/pdf';
  bytes: number;
  /** PDFs only. */
  pages?: number;
}

/** One public paper of an agenda item, as the site has it. */
export interface SitePaper {
  /** "item3-paper2", as in the pack. */
  id: string;
  title: string;
  generator?: Generator['kind'];
  /** For generated minutes: the meeting whose minutes they are. */
  minutesOf?: string;
  /** The paper's file as meeting.yaml names it ('' for a generated paper). */
  file: string;
  republished?: Republication;
  html?: SiteDocument;
  pdf?: SiteDocument;
}

/** One agenda item; an exempt item never has papers here, only its title and exemption. */
export interface SiteItem {
  item: AgendaItem;
  papers: SitePaper[];
}

/** What the site holds for one meeting. Nothing in it comes from the confidential outputs. */
export interface SiteMeeting {
  meeting: Meeting;
  /** The meeting's page, e.g. "meetings/2019-11-26/index.html". */
  page: string;
  agenda: SiteDocument[];
  pack?: SiteDocument;
  supplementary?: SiteDocument;
  items: SiteItem[];
  /** The meeting's own minutes: the site's page of them, and the PDF its build printed. */
  minutes?: { record: MinutesRecord; html: SiteDocument; pdf?: SiteDocument };
  /** The PDF of the meeting's own minutes (out/DATE/minutes.pdf), as the site has it. */
  minutesPdf?: SiteDocument;
}

export function meetingFolder(meeting: Pick<Meeting, 'id'>): string {
  return `meetings/${meeting.id}`;
}

/** The last line of defence: no path with a confidential folder in it is read or written for the site. */
export function assertPublic(path: string): void {
  if (path.split(/[\\/]/).includes(CONFIDENTIAL_DIR)) throw new Error(`Refusing to publish ${path}: confidential outputs never go on the website`);
}

export function siteDocument(meeting: Pick<Meeting, 'id'>, file: Pick<PublishedFile, 'name' | 'bytes' | 'pages'>): SiteDocument {
  const path = `${meetingFolder(meeting)}/${file.name}`;
  assertPublic(path);
  const mediaType = file.name.endsWith('.pdf') ? 'application/pdf' : 'text/html';
  return { path, mediaType, bytes: file.bytes, ...(mediaType === 'application/pdf' && file.pages !== undefined ? { pages: file.pages } : {}) };
}

/** The names of the public files the site may have of a meeting, in the order it lists them. */
export function siteFileNames(meeting: Meeting): string[] {
  const papers = meeting.items.flatMap((item) =>
    item.exempt
      ? []
      : item.papers.flatMap((paper, index) => {
          const name = paperFileName(item, index);
          return paper.format === 'pdf' ? [`${name}.pdf`] : [`${name}.html`, `${name}.pdf`];
        }),
  );
  return ['agenda.html', 'agenda.pdf', 'pack.pdf', 'supplementary.pdf', ...papers, 'minutes.pdf'];
}

export interface MeetingOnSite {
  site: Omit<SiteMeeting, 'minutes'>;
  texts: DocumentText[];
  warnings: string[];
}

/**
 * Where the site's files of a meeting come from: this build, an earlier one (whose warnings are
 * said again), or none (a meeting not built yet, or changed since: it is listed without documents).
 */
export type FilesFrom = 'this build' | 'an earlier build' | 'no build';

/** What the site shows of one meeting, from the public files it has of it (`files`, by name in the meeting's folder). */
export function siteMeeting(model: Pick<BoardModel, 'minutes'>, meeting: Meeting, files: ReadonlyMap<string, PublishedFile>, from: FilesFrom): MeetingOnSite {
  const texts: DocumentText[] = [];
  const warnings: string[] = [];
  const doc = (name: string) => {
    const file = files.get(name);
    return file ? siteDocument(meeting, file) : undefined;
  };
  const agenda = [doc('agenda.html'), doc('agenda.pdf')].filter((d): d is SiteDocument => d !== undefined);
  const pack = doc('pack.pdf');
  const supplementary = doc('supplementary.pdf');
  const minutesPdf = doc('minutes.pdf');
  const items: SiteItem[] = [];
  for (const item of meeting.items) {
    // An exempt item is listed by its title and exemption only.
    if (item.exempt) {
      items.push({ item, papers: [] });
      continue;
    }
    const papers: SitePaper[] = [];
    for (const [index, paper] of item.papers.entries()) {
      const id = paperId(item, index);
      const name = paperFileName(item, index);
      const minutesOf = paper.generator?.kind === 'minutes' ? minutesShownId(paper.generator, meeting.date, model.minutes) : undefined;
      const base = { id, title: paper.title, file: paper.file, ...(paper.generator ? { generator: paper.generator.kind } : {}), ...(minutesOf ? { minutesOf } : {}), ...(paper.republished ? { republished: paper.republished } : {}) };
      if (paper.format === 'pdf') {
        const file = files.get(`${name}.pdf`);
        if (file?.warning && from === 'an earlier build') warnings.push(file.warning);
        if (!file) {
          if (from !== 'no build') warnings.push(`${paper.file}: not found, so it is not on the website`);
          papers.push(base);
          continue;
        }
        const pdf = siteDocument(meeting, file);
        if (file.text) texts.push({ title: paper.title, kind: 'paper', path: pdf.path, text: file.text });
        else warnings.push(`${paper.file}: no text could be read from it, so search will not find its words`);
        papers.push({ ...base, pdf });
        continue;
      }
      const htmlFile = files.get(`${name}.html`);
      const html = htmlFile && siteDocument(meeting, htmlFile);
      const pdf = doc(`${name}.pdf`);
      if (html && htmlFile?.text !== undefined) texts.push({ title: paper.title, kind: 'paper', path: html.path, text: htmlFile.text });
      papers.push({ ...base, ...(html ? { html } : {}), ...(pdf ? { pdf } : {}) });
    }
    items.push({ item, papers });
  }
  const site = {
    meeting,
    page: `${meetingFolder(meeting)}/index.html`,
    agenda,
    ...(pack ? { pack } : {}),
    ...(supplementary ? { supplementary } : {}),
    items,
    ...(minutesPdf ? { minutesPdf } : {}),
  };
  return { site, texts, warnings };
}
