import type { Problem } from '../../errors.js';
import type { MeetingFolder } from '../../load/board-folder.js';
import type { MeetingData } from '../../domain/types.js';
import { at } from './context.js';

/**
 * meeting.yaml: a paper is republished between the agenda's publication and the meeting. Before
 * the agenda it was never published; after the meeting the papers are the record of what the
 * meeting had before it, so a later correction is a new paper at a later meeting.
 */
export function republishedProblems(folder: MeetingFolder): Problem[] {
  const source = folder.meeting;
  if (!source) return [];
  const data = source.data as MeetingData;
  const problems: Problem[] = [];
  data.items.forEach((item, i) => {
    item.papers?.forEach((paper, j) => {
      const date = paper.republished?.date;
      if (date === undefined) return;
      const path = ['items', i, 'papers', j, 'republished', 'date'];
      // A paper of an exempt item is named by the item's public title: messages reach CI logs.
      const named = item.exempt ? `A paper of '${item.title}'` : `'${paper.title}'`;
      // Dates are YYYY-MM-DD (the schema checks it), so they compare as strings.
      if (date > data.date) {
        problems.push(at(source, path, `${named} is republished on ${date}, after the meeting on ${data.date}`, 'meeting/republished-date', {
          hint: 'A paper is republished before its meeting; correct the date, or take the corrected paper to a later meeting.',
        }));
      } else if (data.published !== undefined && date < data.published) {
        problems.push(at(source, path, `${named} is republished on ${date}, before the agenda was published on ${data.published}`, 'meeting/republished-date', {
          hint: 'A paper changed before the agenda went out is not republished: remove `republished`, or correct its date or the meeting\'s `published`.',
        }));
      }
    });
  });
  return problems;
}
