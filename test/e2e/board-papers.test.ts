import { existsSync, readFileSync } from 'node:fs';
import { readFile, readdir, rename, writeFile } from 'node:fs/promises';
import { join, relative } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { copyOfExample, cpb } from '../helpers/cli.js';
import { fold, pdfPages } from '../helpers/pdf.js';
import { paperFile } from '../helpers/paper-files.js';

// The board's own papers in the example: the meeting of 25 March 2020 has the forward plan, the
// schedule of meetings 2020/21, the members' training plan and a participation table; the
// meeting of 12 May 2020 has the membership with the terms of reference, and attendance.
const ENV = { CPB_TODAY: '2020-03-01' };

describe("the board's own papers, built from its data", () => {
  let board: { dir: string; cleanup: () => Promise<void> };
  let result: Awaited<ReturnType<typeof cpb>>;
  let march: string[];
  let may: string[];
  const onPages = (pages: string[], item: number) => pages.filter((p) => p.includes(`Agenda Item ${item} `)).join(' ');

  beforeAll(async () => {
    board = await copyOfExample();
    result = await cpb(['build', board.dir, '--meeting', '2020-03-25', '2020-05-12'], { env: ENV });
    const pack = (date: string) => join(board.dir, 'out', date, 'pack.pdf');
    march = existsSync(pack('2020-03-25')) ? await pdfPages(pack('2020-03-25')) : [];
    may = existsSync(pack('2020-05-12')) ? await pdfPages(pack('2020-05-12')) : [];
  }, 240_000);
  afterAll(() => board.cleanup());

  it('builds both meetings', () => {
    expect(result.code, result.stderr).toBe(0);
    expect(march.length).toBeGreaterThan(0);
    expect(may.length).toBeGreaterThan(0);
  });

  it('prints the schedule of meetings for 2020/21 from the meeting folders and the schedule in board.yaml', () => {
    const text = onPages(march, 9);
    const schedule = text.slice(text.indexOf('in the municipal year 2020/21'));
    expect(schedule).toContain('Date Day Time Venue Status');
    let from = 0;
    for (const row of [
      "12 May 2020 Tuesday 6.00 pm Committee Room 'C' - The Duke of Lancaster Room, County Hall, Preston Planned",
      "22 July 2020 (Young People's Meeting) Wednesday 1.30 pm Committee Room 'C'",
      '10 September 2020 Thursday 6.00 pm',
      '24 November 2020 Tuesday 6.00 pm',
      '21 January 2021 Thursday 6.00 pm',
      '16 March 2021 Tuesday 6.00 pm',
    ]) {
      const at = schedule.indexOf(row, from);
      expect(at, row).toBeGreaterThanOrEqual(from);
      from = at;
    }
    // 25 March 2020 falls in 2019/20, not in this schedule.
    expect(schedule.slice(0, schedule.indexOf('please contact'))).not.toContain('25 March 2020');
  });

  it('prints the forward plan: each later meeting, its items, and its report deadlines counted round the May bank holiday', () => {
    const text = onPages(march, 9);
    expect(text).toContain('Meetings of the Corporate Parenting Board after Wednesday, 25th March, 2020');
    expect(text).toContain(
      'Tuesday, 12th May, 2020 6.00 pm, Committee Room \'C\' - The Duke of Lancaster Room, County Hall, Preston ' +
        'Draft reports to lead officer Monday, 20th April, 2020 Final reports to Democratic Services Monday, 27th April, 2020 Agenda despatched Friday, 1st May, 2020',
    );
    expect(text).toContain('Item Lead officer Standing item Key decision');
    expect(text).toContain('Membership and Terms of Reference Sam Gorton No Not applicable');
    expect(text).toContain('Sufficiency Strategy for Children Looked After 2020-2023 Barbara Bath, Head of Service No Cabinet forward plan, June 2020');
    expect(text).toContain('Action Log Sam Gorton Yes Not applicable');
    expect(text).toContain('Agenda despatched Tuesday, 14th July, 2020 No items are planned for this meeting yet.');
    // Christmas and New Year fall between the January 2021 meeting and its deadlines.
    expect(text).toContain('Thursday, 21st January, 2021 6.00 pm');
    expect(text).toContain('Draft reports to lead officer Wednesday, 30th December, 2020 Final reports to Democratic Services Thursday, 7th January, 2021 Agenda despatched Wednesday, 13th January, 2021');
    expect(text).toMatch(/To be scheduled .*Ministerial Roundtable Discussion with Personal Advisors Roxanne McAllister Deferred at the meeting of 17 September 2019/);
    expect(text).toContain('Outcome of the inspection of children\'s services Director of Children\'s Social Care When the inspection report is published.');
  });

  it("prints the members' training plan with the percentage of members attending each session", () => {
    const text = onPages(march, 9);
    expect(text).toContain("Percentages attending are of the board's 11 elected and co-opted members.");
    expect(text).toContain('Essential Tuesday, 17th September, 2019 Barbara Bath, Head of Service Briefing before the Board All members 73% (8 of 11)');
    expect(text).toContain('High Tuesday, 15th October, 2019 Michael Walder, Business Intelligence Team Workshop All members 45% (5 of 11)');
    expect(text).toContain('High To be rearranged Safeguarding, Inspection and Audit Team Workshop All members Not yet held');
    expect(text).toContain('2 of 5 sessions held; on average 59% of elected and co-opted members attended each.');
  });

  it('prints a table from a CSV with group subtotals and totals worked out by cpb', () => {
    const text = onPages(march, 8);
    expect(text).toContain('Quarter Sessions held Attendances New members Rated the session good LINX April to June 2019 6 48 5 88%');
    expect(text).toContain('Total for LINX 21 166 16 88.3%');
    expect(text).toContain("Total for Care Leavers' Forum 10 65 6 79.7%");
    expect(text).toContain('Total 31 231 22 84.0%');
  });

  it('marks the table up for screen readers: caption, header cells with scope, numbers right-aligned', async () => {
    const html = await readFile(paperFile(join(board.dir, 'out/2020-03-25'), 8, 1, 'html'), 'utf8');
    expect(html).toContain('<caption>Participation in LINX and the Care Leavers&#x27; Forum, April to December 2019<span class="caption-detail">');
    expect(html).toContain('<th scope="col" class="align-right">Sessions held</th>');
    expect(html).toContain('<th scope="rowgroup" colspan="5">LINX</th>');
    expect(html).toMatch(/<tr class="total"><th scope="row" class="align-left">Total<\/th><td class="align-right">31<\/td>/);
  });

  it('prints the membership by kind with the terms of reference, and attendance from the minutes', () => {
    const membership = onPages(may, 3);
    expect(membership).toContain('Chair: County Councillor Ian Brown');
    expect(membership).toContain('Elected members Name Role on the board Represents County Councillor Ian Brown Chair Lancashire County Council');
    expect(membership).toContain("Young people's representatives Name Role on the board Represents Jake LINX Representative");
    expect(membership).toContain('Terms of reference Purpose The Corporate Parenting Board advises the County Council');
    const attendance = onPages(may, 4);
    expect(attendance).toContain('Attendance at the 3 meetings of the Corporate Parenting Board in 2019/20 with minutes: 17 September 2019, 26 November 2019 and 30 January 2020.');
    expect(attendance).toContain('County Councillor Jayne Rear 3 1 2 33%');
    expect(attendance).toContain('Register of declarations of interest No interests were declared at these meetings.');
  });

  it('writes each paper on its own as HTML and PDF too', async () => {
    const meeting = join(board.dir, 'out/2020-03-25');
    for (const [item, position] of [[8, 1], [9, 1], [9, 2], [9, 3]] as const) {
      expect(existsSync(paperFile(meeting, item, position, 'html'))).toBe(true);
      expect(existsSync(paperFile(meeting, item, position, 'pdf'))).toBe(true);
    }
    const forward = (await pdfPages(paperFile(meeting, 9, 1, 'pdf'))).join(' ');
    expect(forward).toContain('Agenda despatched Friday, 1st May, 2020');
  });
});

/** Every file of the board except out/, with its text. */
async function snapshot(dir: string): Promise<Map<string, string>> {
  const files = new Map<string, string>();
  const walk = async (d: string) => {
    for (const e of await readdir(d, { withFileTypes: true })) {
      const path = join(d, e.name);
      if (e.isDirectory()) {
        if (relative(dir, path) !== 'out') await walk(path);
      } else {
        files.set(relative(dir, path), readFileSync(path, 'latin1'));
      }
    }
  };
  await walk(dir);
  return files;
}

describe('derived, never typed: move or cancel a meeting and its papers follow', () => {
  let board: { dir: string; cleanup: () => Promise<void> };
  beforeAll(async () => {
    board = await copyOfExample();
  });
  afterAll(() => board.cleanup());

  /** Builds the HTML of the March meeting and returns the text of its schedule, forward plan and agenda. */
  async function build(): Promise<{ schedule: string; forward: string; agenda: string }> {
    const r = await cpb(['build', board.dir, '--meeting', '2020-03-25', '--html-only'], { env: ENV });
    expect(r.code, r.stderr).toBe(0);
    const text = async (file: string) => fold((await readFile(join(board.dir, 'out/2020-03-25', file), 'utf8')).replace(/<style[^]*?<\/style>/g, '').replace(/<[^>]+>/g, ' ')).replaceAll('&#x27;', "'");
    const papers = await Promise.all((await readdir(join(board.dir, 'out/2020-03-25'))).filter((f) => /^\d{2}-\d+-.*\.html$/.test(f)).map(text));
    return {
      schedule: papers.find((p) => p.includes('in the municipal year 2020/21')) ?? '',
      forward: papers.find((p) => p.includes('the deadlines for their reports')) ?? '',
      agenda: await text('agenda.html'),
    };
  }

  it('renaming a meeting folder and its date moves it in the schedule, the forward plan, its deadlines and the next meeting', async () => {
    const before = await build();
    expect(before.schedule).toContain('12 May 2020 Tuesday 6.00 pm');
    expect(before.forward).toContain('Tuesday, 12th May, 2020');
    expect(before.forward).toContain('Agenda despatched Friday, 1st May, 2020');
    expect(before.agenda).toContain('The date and time of the next meeting is as follows: Tuesday, 12th May, 2020 at 6.00 pm');
    const files = await snapshot(board.dir);

    await rename(join(board.dir, 'meetings/2020-05-12'), join(board.dir, 'meetings/2020-05-19'));
    const path = join(board.dir, 'meetings/2020-05-19/meeting.yaml');
    await writeFile(path, (await readFile(path, 'utf8')).replace('date: 2020-05-12', 'date: 2020-05-19'));

    const after = await build();
    expect(after.schedule).toContain('19 May 2020 Tuesday 6.00 pm');
    expect(after.schedule).not.toContain('12 May 2020');
    expect(after.forward).toContain('Tuesday, 19th May, 2020');
    expect(after.forward).not.toContain('12th May, 2020');
    // Fifteen, ten and six working days before 19 May 2020, skipping the bank holiday of Friday 8 May.
    expect(after.forward).toContain(
      'Draft reports to lead officer Monday, 27th April, 2020 Final reports to Democratic Services Monday, 4th May, 2020 Agenda despatched Monday, 11th May, 2020',
    );
    expect(after.agenda).toContain('The date and time of the next meeting is as follows: Tuesday, 19th May, 2020 at 6.00 pm');

    // Nothing else was edited: only the renamed meeting's file differs.
    const changed = await snapshot(board.dir);
    const moved = 'meetings/2020-05-12/meeting.yaml';
    expect([...changed.keys()].sort()).toEqual([...files.keys()].map((k) => (k === moved ? 'meetings/2020-05-19/meeting.yaml' : k)).sort());
    for (const [file, text] of files) if (file !== moved) expect(changed.get(file), file).toBe(text);
  });

  it('cancelling a meeting marks it cancelled, drops its deadlines and puts its items back to be scheduled', async () => {
    const path = join(board.dir, 'meetings/2020-05-19/meeting.yaml');
    await writeFile(path, (await readFile(path, 'utf8')).replace('status: planned', 'status: cancelled'));
    const after = await build();
    expect(after.schedule).toContain('19 May 2020 Tuesday 6.00 pm Committee Room \'C\' - The Duke of Lancaster Room, County Hall, Preston Cancelled');
    expect(after.forward).toContain('Tuesday, 19th May, 2020 : Cancelled');
    expect(after.forward).not.toContain('Agenda despatched Monday, 11th May, 2020');
    expect(after.forward).toMatch(
      /To be scheduled .*Sufficiency Strategy for Children Looked After 2020-2023 Barbara Bath, Head of Service Was planned for the meeting of 19 May 2020, which is cancelled\./,
    );
    // Standing items recur anyway, so they are not carried over.
    expect(after.forward.slice(after.forward.indexOf('To be scheduled'))).not.toContain('Introductions and Apologies');
    // The March agenda now shows the next meeting that will take place.
    expect(after.agenda).toContain('The date and time of the next meeting is as follows: Wednesday, 22nd July, 2020 at 1.30 pm');
  });
});

describe('cpb new meeting', () => {
  let board: { dir: string; cleanup: () => Promise<void> };
  beforeAll(async () => {
    board = await copyOfExample();
  });
  afterAll(() => board.cleanup());

  it('scaffolds a planned meeting from the standing items, time and venue of the meeting before it, and never overwrites', async () => {
    const r = await cpb(['new', 'meeting', '2020-09-10', '--board', board.dir], { env: ENV });
    expect(r.code, r.stderr).toBe(0);
    expect(r.stderr).toContain('remove 2020-09-10 from schedule: in board.yaml');
    const written = await readFile(join(board.dir, 'meetings/2020-09-10/meeting.yaml'), 'utf8');
    expect(written).toContain('date: 2020-09-10');
    expect(written).toContain('time: "18:00"');
    expect(written).toContain("venue: Committee Room 'C' - The Duke of Lancaster Room, County Hall, Preston");
    expect(written).toContain('status: planned');
    // The standing items of 12 May 2020, the latest meeting before it; not its other items.
    expect(written).toContain('title: Minutes of the Meeting and Matters Arising from 12 May 2020');
    expect(written).toContain('title: Action Log');
    expect(written).toContain('shows_next_meeting: true');
    expect(written).not.toContain('Membership and Terms of Reference');
    expect(written).not.toMatch(/^next_meeting:/m);

    const valid = await cpb(['validate', board.dir], { env: ENV });
    expect(valid.code, valid.stderr).toBe(0);
    expect(valid.stderr).toContain('the meeting of 2020-09-10 has a folder in meetings/, so this entry is not used  (board/schedule-has-folder)');

    const again = await cpb(['new', 'meeting', '2020-09-10', '--board', board.dir], { env: ENV });
    expect(again.code).toBe(2);
    expect(again.stderr).toContain('already exists');
    expect(await readFile(join(board.dir, 'meetings/2020-09-10/meeting.yaml'), 'utf8')).toBe(written);

    const bad = await cpb(['new', 'meeting', '2020-02-30', '--board', board.dir], { env: ENV });
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain("'2020-02-30' is not a date written YYYY-MM-DD");
  });
});
