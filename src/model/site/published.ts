import type { Meeting } from '../meeting.js';
import { CONFIDENTIAL_DIR } from '../outputs.js';

/**
 * What the site needs to know of one public file a meeting's build made: told by the build that
 * rendered and printed it, and kept in the build manifest for the builds that reuse the meeting.
 */
export interface PublishedFile {
  /** Inside the meeting's folder: "agenda.html", "pack.pdf", "03-1-delivery-plan.html". */
  name: string;
  bytes: number;
  /** PDFs only. */
  pages?: number;
  /** The words search finds in a paper; absent when none could be read. */
  text?: string;
  /** A supplied PDF as cpb publishes it (sanitised): the site's copy is its only file. */
  supplied?: true;
  /** What the sanitiser took out of a supplied PDF. */
  warning?: string;
}

/** A meeting's minutes as HTML, with what rendering them warned of. */
export interface RenderedMinutes {
  html: string;
  warnings: string[];
}

/** What one meeting's build published for the site: as buildMeetingOutputs returns it. */
export interface MeetingPublished {
  files: PublishedFile[];
  /** The supplied PDFs as published (sanitised), by name in the meeting's folder: they have no file of their own. */
  supplied: Map<string, Uint8Array>;
  /** The SHA-256 of each of those, by name: the build record keeps it, so a rebuild can keep the words read from it. */
  suppliedSha256: Map<string, string>;
  /** The public minutes of other meetings that this meeting's papers rendered, by meeting id. */
  minutes: Map<string, RenderedMinutes>;
}

/**
 * The record of one file a meeting's build wrote (`relPath` inside the output folder, e.g.
 * "2019-11-26/03-1-delivery-plan.html"), or undefined for a confidential one, which the site never has.
 */
export function publishedFile(meeting: Pick<Meeting, 'id'>, relPath: string, data: string | Uint8Array, facts: { pages?: number; text?: string } = {}): PublishedFile | undefined {
  const prefix = `${meeting.id}/`;
  if (!relPath.startsWith(prefix)) throw new Error(`${relPath} is not a file of ${meeting.id}`);
  const name = relPath.slice(prefix.length);
  if (name.split('/').includes(CONFIDENTIAL_DIR)) return undefined;
  const bytes = typeof data === 'string' ? Buffer.byteLength(data) : data.length;
  return { name, bytes, ...(facts.pages !== undefined ? { pages: facts.pages } : {}), ...(facts.text !== undefined ? { text: facts.text } : {}) };
}
