// Writes a generated board of realistic shape for `npm run bench`: meetings with the standing
// items, Markdown cover reports of a few pages each, minutes and actions.
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

const WORDS = 'the board children care leavers placement stability report officers young people council strategy plan review support education health performance information partnership service foster residential local offer'.split(' ');

/** Sentences of board-report words, the same for the same seed. */
export function prose(seed, sentences) {
  const out = [];
  for (let s = 0; s < sentences; s++) {
    const words = [];
    for (let w = 0; w < 14; w++) words.push(WORDS[(seed * 7 + s * 13 + w * 3) % WORDS.length]);
    out.push(`${words.join(' ')}.`.replace(/^./, (c) => c.toUpperCase()));
  }
  return out.join(' ');
}

function report(title, seed, pages) {
  const sections = [];
  for (let i = 0; i < pages * 3; i++) {
    sections.push(`# Section ${i + 1}\n\n${prose(seed + i, 6)}\n\n${prose(seed + i + 1, 5)}\n`);
    if (i % 3 === 1) sections.push('| Measure | Value |\n| --- | --- |\n| Visits | 93% |\n| Reviews | 97% |\n');
  }
  return `---\ntitle: ${title}\nreport_of: Report of the Head of Service\nsummary: ${prose(seed, 1)}\nrecommendations:\n  - That the Board notes the report.\n---\n${sections.join('\n')}`;
}

/** An item presented by the head of service with one paper, papers/`file`. */
function reportItem(title, date, file) {
  return `  - title: ${title}\n    presenter: { member: head }\n    purpose: To receive the report.\n    papers: [{ title: ${title} of ${date}, file: papers/${file} }]`;
}

/**
 * A board with `meetings` meetings, each with `reports` reports of `pages` pages and, after them,
 * one item for each of the `supplied` PDFs (bytes), given as it is (papers/supplied-N.pdf).
 */
export function writeBenchBoard(dir, { meetings, reports, pages, supplied = [] }) {
  mkdirSync(dir, { recursive: true });
  writeFileSync(join(dir, 'board.yaml'), `name: Corporate Parenting Board\ncouncil: Bench County Council\nmembership:\n  - { id: chair, name: Pat Example, title: Councillor, role: Chair, kind: elected }\n  - { id: clerk, name: Sam Clerk, kind: officer, service: Democratic Services }\n  - { id: head, name: Alex Head, kind: officer, post: Head of Service }\n`);
  const start = new Date(Date.UTC(2015, 4, 12));
  const dates = [];
  for (let m = 0; m < meetings; m++) {
    const d = new Date(start.getTime() + m * 61 * 86400000);
    while (d.getUTCDay() !== 2) d.setUTCDate(d.getUTCDate() + 1);
    dates.push(d.toISOString().slice(0, 10));
  }
  dates.forEach((date, m) => {
    const folder = join(dir, 'meetings', date);
    mkdirSync(join(folder, 'papers'), { recursive: true });
    const items = ['  - { title: Introductions and Apologies, standing: true, presenter: { member: chair } }'];
    if (m > 0) items.push(`  - title: Minutes of the last meeting\n    standing: true\n    papers: [{ title: Minutes of the last meeting, generate: minutes }]\n  - title: Action Log\n    standing: true\n    papers: [{ title: Action log, generate: action-log }]`);
    for (let r = 0; r < reports; r++) {
      writeFileSync(join(folder, 'papers', `report-${r + 1}.md`), report(`Report ${r + 1} of ${date}`, m * 31 + r, pages));
      items.push(reportItem(`Report ${r + 1}`, date, `report-${r + 1}.md`));
    }
    supplied.forEach((bytes, r) => {
      writeFileSync(join(folder, 'papers', `supplied-${r + 1}.pdf`), bytes);
      items.push(reportItem(`Supplied report ${r + 1}`, date, `supplied-${r + 1}.pdf`));
    });
    items.push('  - { title: Any Other Business, standing: true, presenter: { member: chair } }');
    writeFileSync(join(folder, 'meeting.yaml'), `date: ${date}\ntime: "18:00"\nvenue: County Hall\nstatus: held\nitems:\n${items.join('\n')}\n`);
    const minutes = items.map((_, i) => `  - item: ${i + 1}\n    discussion: ${prose(m + i, 2)}\n    resolved: [That the Board notes the item.]${i === 2 ? `\n    actions: [{ id: action-${m}, owners: [head], action: Report back., due: ${dates[m + 1] ?? date} }]` : ''}`);
    writeFileSync(join(folder, 'minutes.yaml'), `present: [chair, clerk, head]\n${m > 0 ? `approves_minutes_of: ${dates[m - 1]}\n` : ''}minutes:\n${minutes.join('\n')}\n`);
  });
  return dates;
}
