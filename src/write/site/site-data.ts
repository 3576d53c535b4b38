import type { AgendaItem, Generator, Meeting } from '../../model/meeting.js';
import type { MinutesRecord } from '../../model/minutes.js';

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
  minutes?: { record: MinutesRecord; html: SiteDocument };
}

export const SITE_DIR = 'site';

export function meetingFolder(meeting: Pick<Meeting, 'id'>): string {
  return `meetings/${meeting.id}`;
}
