import type { PublishedFile } from '../../model/site/published.js';
import { assertPublic, meetingFolder } from '../../model/site/site-meeting.js';
import type { Meeting } from '../../model/meeting.js';
import type { StagedOutput } from '../staged-output.js';
import { SITE_DIR } from './site-folder.js';
import { writeSiteFile } from './write-site.js';

/** Where the site's copy of a meeting's file comes from: this build, or an earlier one. */
export type CopySource = (meeting: Meeting, file: PublishedFile) => Promise<Uint8Array | undefined>;

/** This build's files, and the supplied PDFs it published (by meeting id, then name), which have no file of their own. */
export function fromThisBuild(output: StagedOutput, supplied: ReadonlyMap<string, ReadonlyMap<string, Uint8Array>>): CopySource {
  return async (meeting, file) => (file.supplied ? supplied.get(meeting.id)?.get(file.name) : output.read(`${meeting.id}/${file.name}`));
}

/**
 * The output folder's files of a meeting not built now, if they are current (see
 * StagedOutput.markCurrent); a supplied PDF's only copy is the one in the site.
 */
export function fromEarlierBuild(output: StagedOutput): CopySource {
  return (meeting, file) => output.readCurrent(earlierCopy(meeting, file));
}

/** The file in the output folder that the site copies of an earlier build's `file`. */
export function earlierCopy(meeting: Pick<Meeting, 'id'>, file: PublishedFile): string {
  return file.supplied ? `${SITE_DIR}/${meetingFolder(meeting)}/${file.name}` : `${meeting.id}/${file.name}`;
}

/**
 * Copies a meeting's public files into the site and returns those it copied (a file gone since
 * it was built is left out). Nothing is ever read from, or written to, a confidential folder.
 */
export async function copyPublished(output: StagedOutput, meeting: Meeting, files: readonly PublishedFile[], source: CopySource): Promise<PublishedFile[]> {
  const copied: PublishedFile[] = [];
  for (const file of files) {
    const path = `${meetingFolder(meeting)}/${file.name}`;
    assertPublic(path);
    const bytes = await source(meeting, file);
    if (!bytes) continue;
    await writeSiteFile(output, path, bytes);
    copied.push(file);
  }
  return copied;
}
