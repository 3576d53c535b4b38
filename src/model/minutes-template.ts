import type { Board } from './board.js';
import type { Meeting } from './meeting.js';

/**
 * A minutes.yaml for the clerk to complete: everyone on the board as expected attendance, one
 * entry per agenda item, each field present and commented. Titles appear only in comments.
 */
export function minutesTemplate(board: Board, meeting: Meeting): string {
  const lines = [
    `# Minutes of the meeting of ${meeting.date}. Remove anyone from present who did not attend,`,
    '# and list them under apologies if they sent them. Minute numbers are computed; never type them.',
    'present:',
    ...board.members.map((m) => `  - ${m.id}${' '.repeat(Math.max(1, 24 - m.id.length))}# ${m.fullName}`),
    'also_present: []          # officers and others not on the board: - { name: …, organisation: … }',
    'apologies: []             # member ids, or { name: … } for others',
    'declarations: []          # - { who: member-id, item: 3, interest: … }',
    'minutes:',
  ];
  for (const item of meeting.items) {
    lines.push(
      `  - item: ${item.number}               # ${item.title.replace(/\n/g, ' ')}`,
      '    discussion: |',
      '      ',
      '    resolved: []            # - That the Board …',
      '    actions: []             # - { id: a-short-stable-name, owners: [member-id], action: …, due: YYYY-MM-DD }',
    );
  }
  return `${lines.join('\n')}\n`;
}
