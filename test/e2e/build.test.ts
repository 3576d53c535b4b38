import { existsSync } from 'node:fs';
import { readFile, readdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { copyOfExample, cpb } from '../helpers/cli.js';
import { pdfPages } from '../helpers/pdf.js';

// What the published Lancashire agenda of 26 November 2019 shows (../shared/seeds), typed from
// the seed rather than from our example data, so a mistake in either shows here.
const SEED_ITEMS = [
  ['Introductions and Apologies', 'County Councillor Brown'],
  ['Notes of the Meeting and Matters Arising from 17 September 2019', 'County Councillor Brown'],
  ['Exploitation and Violence Reduction', 'Andy Smith, Head of Service, Safeguarding, Inspection and Audit Team'],
  ['Children in Care and Care Leavers Performance Information', 'Umer Khonat, Business Intelligence Analyst, Business Intelligence Team'],
  ['Corporate Parenting Strategy Delivery Plan', 'Barbara Bath, Head of Service, Fostering, Adoption, Residential and Youth Offending Teams'],
  ['Timetable of Meetings 2020/2021', 'County Councillor Brown'],
  ['Any Other Business', 'County Councillor Brown'],
  ['Date and Time of Next Meeting', 'County Councillor Brown'],
] as const;

describe('cpb build on the example board', () => {
  let board: { dir: string; cleanup: () => Promise<void> };
  let result: Awaited<ReturnType<typeof cpb>>;
  let pages: string[];
  const pdf = () => join(board.dir, 'out/2019-11-26/agenda.pdf');

  beforeAll(async () => {
    board = await copyOfExample();
    result = await cpb(['build', board.dir]);
    pages = existsSync(pdf()) ? await pdfPages(pdf()) : [];
  });
  afterAll(() => board.cleanup());

  it('exits 0 and lists the files it wrote', () => {
    expect(result.stderr).not.toMatch(/error/i);
    expect(result.code).toBe(0);
    expect(result.stdout).toContain('out/2019-11-26/agenda.html');
    expect(result.stdout).toContain('out/2019-11-26/agenda.pdf');
  });

  it('prints an agenda of two A4 pages, each numbered', () => {
    expect(pages).toHaveLength(2);
    pages.forEach((text, i) => expect(text).toContain(`Page ${i + 1}`));
  });

  it('shows the board, date, time, venue and notice of the seed agenda', () => {
    const text = pages.join(' ');
    expect(text).toContain('Lancashire County Council');
    expect(text).toContain('Corporate Parenting Board');
    expect(text).toContain('Tuesday, 26th November, 2019 at 6.00 pm');
    expect(text).toContain("Committee Room 'C' - The Duke of Lancaster Room, County Hall, Preston");
    expect(text).toContain('Please note refreshments are available in the room from 5.30pm');
  });

  it('shows every item of the seed agenda in order with its number, title and presenter', () => {
    const text = pages.join(' ');
    let from = 0;
    SEED_ITEMS.forEach(([title, presenter], i) => {
      const at = text.indexOf(`${i + 1}. ${title}`, from);
      expect(at, `item ${i + 1} "${title}"`).toBeGreaterThanOrEqual(from);
      expect(text.indexOf(presenter, at), `presenter of item ${i + 1}`).toBeGreaterThan(at);
      from = at;
    });
  });

  it('prints a page range for each item with papers, notes late papers, and gives the next meeting', () => {
    const text = pages.join(' ');
    for (const n of [2, 3, 4, 5, 9]) expect(text, `item ${n}`).toMatch(new RegExp(`${n}\\. [^]*?\\(Pages? \\d+( - \\d+)?\\)`));
    expect(text).not.toContain('000');
    expect(text).toMatch(/6\. Timetable of Meetings 2020\/2021 County Councillor Brown To note the timetable of meetings for 2020\/2021\. Papers to follow in a supplementary pack\./);
    expect(text).toContain("Thursday, 30th January, 2020 at 6.00 pm in the Duke of Lancaster Room – Committee Room 'C', County Hall, Preston, PR1 0LD.");
  });

  it('writes HTML with language, title and the same agenda', async () => {
    const html = await readFile(join(board.dir, 'out/2019-11-26/agenda.html'), 'utf8');
    expect(html).toMatch(/<html lang="en-GB">/);
    expect(html).toContain('<title>Corporate Parenting Board, Tuesday, 26th November, 2019: Agenda</title>');
    expect(html).toContain('Exploitation and Violence Reduction');
  });

  it('leaves no staging folder behind', async () => {
    expect((await readdir(join(board.dir, 'out'))).filter((n) => n.startsWith('.cpb-staging'))).toEqual([]);
  });
});

describe('cpb build when things go wrong', () => {
  it('keeps the HTML, skips the PDF and explains how to get a browser when there is none', async () => {
    const board = await copyOfExample();
    try {
      const r = await cpb(['build', board.dir], { env: { CPB_BROWSER: join(board.dir, 'no-such-browser') } });
      expect(r.code).toBe(1);
      expect(r.stderr).toContain('The browser named by CPB_BROWSER does not exist');
      expect(r.stderr).toContain('apt-get install chromium');
      expect(existsSync(join(board.dir, 'out/2019-11-26/agenda.html'))).toBe(true);
      expect(existsSync(join(board.dir, 'out/2019-11-26/agenda.pdf'))).toBe(false);
    } finally {
      await board.cleanup();
    }
  });

  it('ends a print that overruns its timeout with a clear error and leaves earlier outputs alone', async () => {
    const board = await copyOfExample();
    try {
      const out = join(board.dir, 'out/2019-11-26');
      expect((await cpb(['build', board.dir, '--html-only'])).code).toBe(0);
      const before = await readFile(join(out, 'agenda.html'), 'utf8');
      const meeting = join(board.dir, 'meetings/2019-11-26/meeting.yaml');
      await writeFile(meeting, (await readFile(meeting, 'utf8')).replace('Any Other Business', 'Other Business'));
      const started = Date.now();
      const r = await cpb(['build', board.dir, '--timeout', '0.05']);
      expect(Date.now() - started).toBeLessThan(30_000);
      expect(r.code).toBe(1);
      expect(r.stderr).toContain('The browser took longer than 0.05 s');
      expect(r.stderr).toContain('previous outputs');
      expect(await readFile(join(out, 'agenda.html'), 'utf8')).toBe(before);
      expect(existsSync(join(out, 'agenda.pdf'))).toBe(false);
    } finally {
      await board.cleanup();
    }
  });

  it('refuses to build invalid data, naming file and line, and writes nothing', async () => {
    const board = await copyOfExample();
    try {
      const meeting = join(board.dir, 'meetings/2019-11-26/meeting.yaml');
      const broken = (await readFile(meeting, 'utf8')).replace('member: barbara-bath', 'member: barbra-bath');
      await writeFile(meeting, broken);
      const line = broken.split('\n').findIndex((l) => l.includes('barbra-bath')) + 1;
      const column = broken.split('\n')[line - 1]!.indexOf('barbra-bath') + 1;
      const r = await cpb(['build', board.dir]);
      expect(r.code).toBe(1);
      expect(r.stderr).toContain(`meetings/2019-11-26/meeting.yaml:${line}:${column}  error  'barbra-bath' is not a member in board.yaml`);
      expect(r.stderr).toContain("Did you mean 'barbara-bath'?");
      expect(existsSync(join(board.dir, 'out'))).toBe(false);
    } finally {
      await board.cleanup();
    }
  });

  it('shows the plan without a browser on --dry-run', async () => {
    const r = await cpb(['build', 'examples/lancashire', '--dry-run', '--format', 'json']);
    expect(r.code).toBe(0);
    const plan = JSON.parse(r.stdout) as { documents: { meeting: string; kind: string; title: string; template: string; outputs: string[] }[] };
    const november = plan.documents.filter((d) => d.meeting === '2019-11-26');
    const tail = (o: string) => o.split('/out/')[1];
    expect(november.filter((d) => d.kind.endsWith('pack')).map((d) => [d.kind, d.outputs.map(tail)])).toEqual([
      ['public pack', ['2019-11-26/pack.pdf']],
      ['supplementary pack', ['2019-11-26/supplementary.pdf']],
      ['confidential pack', ['2019-11-26/confidential/pack.pdf']],
    ]);
    expect(november.find((d) => d.kind === 'agenda')?.outputs.map(tail)).toEqual(['2019-11-26/agenda.html', '2019-11-26/agenda.pdf']);
    // Papers sit beside the agenda, named by item, place and title.
    expect(november.find((d) => d.title === 'Children in Care and Care Leavers performance information')?.outputs.map(tail)).toEqual([
      '2019-11-26/04-1-children-in-care-and-care-leavers-performance-information.html',
      '2019-11-26/04-1-children-in-care-and-care-leavers-performance-information.pdf',
    ]);
    // The exempt item's paper is written only under confidential/, named by the item's public title, not its own.
    expect(november.filter((d) => d.kind === 'paper').flatMap((d) => d.outputs.map(tail)).filter((o) => /\/09-/.test(o ?? ''))).toEqual([
      '2019-11-26/confidential/09-1-residential-placement-review.html',
      '2019-11-26/confidential/09-1-residential-placement-review.pdf',
    ]);
  });
});
