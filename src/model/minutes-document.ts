import type { Meeting } from './meeting.js';
import { withholdsAnything, type Audience, type MinutesRecord } from './minutes.js';
import { CONFIDENTIAL_DIR } from './outputs.js';

/**
 * A meeting's minutes as a document of their own: written with the meeting's other files as soon
 * as its minutes.yaml exists, draft until a later meeting's minutes.yaml approves them.
 */
export interface MinutesDocument {
  audience: Audience;
  /** The view printed: the public one, or the whole record for the confidential copy. */
  record: MinutesRecord;
  /** Relative to the output folder, without extension: "2019-11-26/minutes". */
  file: string;
}

/**
 * The public minutes of `meeting` (if it has minutes), and, when they hold back exempt business, the
 * full minutes in the meeting's confidential folder, which the website never reads.
 */
export function minutesDocuments(
  meeting: Pick<Meeting, 'id'>,
  minutes: { public: ReadonlyMap<string, MinutesRecord>; confidential: ReadonlyMap<string, MinutesRecord> },
): MinutesDocument[] {
  const open = minutes.public.get(meeting.id);
  const full = minutes.confidential.get(meeting.id);
  if (!open || !full) return [];
  const docs: MinutesDocument[] = [{ audience: 'public', record: open, file: `${meeting.id}/minutes` }];
  if (withholdsAnything(full)) docs.push({ audience: 'confidential', record: full, file: `${meeting.id}/${CONFIDENTIAL_DIR}/minutes` });
  return docs;
}
