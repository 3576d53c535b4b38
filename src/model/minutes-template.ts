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
    ...attendanceForms(board, meeting),
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

/**
 * Commented examples of what the clerk may record of someone present, with the board's own ids
 * (different members where the board has them) and the meeting's last item, so each line is valid as it stands.
 */
function attendanceForms(board: Board, meeting: Meeting): string[] {
  const ids = board.members.map((m) => m.id);
  if (ids.length === 0) return [];
  const pick = (n: number) => ids[Math.min(n, ids.length - 1)]!;
  const form = (entry: string, note: string) => `  #   - ${entry}${' '.repeat(Math.max(1, 44 - entry.length))}# ${note}`;
  return [
    '  # Where the minutes record more, write an entry as one of these instead:',
    form(`{ member: ${pick(0)}, role: Chairman }`, 'the part they took at this meeting'),
    form(`{ member: ${pick(1)}, from: "18:20" }`, 'arrived late: a time, or from: 4 (the item)'),
    form(`{ member: ${pick(2)}, to: ${meeting.items.at(-1)?.number ?? 1} }`, 'left early, after that item; or a time, to: "19:40"'),
    form(`{ name: County Councillor Pat Jones, substituting_for: ${pick(3)} }`, 'a substitute not on the board'),
  ];
}
