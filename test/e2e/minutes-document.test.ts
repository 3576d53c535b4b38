import { existsSync } from 'node:fs';
import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parse, stringify } from 'yaml';
import type { MinutesData } from '../../src/domain/types.js';
import { copyOfExample, cpb, EXAMPLE } from '../helpers/cli.js';
import { pdfMetadata, pdfPages } from '../helpers/pdf.js';
import { wordsInPublicFiles } from '../helpers/public-outputs.js';
import { axeViolations, pageStructure } from '../helpers/site.js';
import { BrowserSession } from '../../src/print/browser-session.js';

// The example board has minutes of three meetings: September's approved in November, November's
// approved in January, and January's not yet approved by any later meeting. November's item 9 was
// taken in private; the word below stands for its exempt discussion.
const ENV = { CPB_TODAY: '2020-02-01' };
const MARKER = 'periwinklecourt';

async function addExemptDiscussion(boardDir: string): Promise<void> {
  const file = join(boardDir, 'meetings/2019-11-26/minutes.yaml');
  const minutes = parse(await readFile(file, 'utf8')) as MinutesData;
  minutes.minutes.find((m) => m.item === 9)!.discussion = `The Board discussed the placement at ${MARKER}.`;
  await writeFile(file, stringify(minutes));
}

describe("each meeting's minutes as a document of their own", () => {
  let board: { dir: string; cleanup: () => Promise<void> };
  let out: string;
  beforeAll(async () => {
    board = await copyOfExample();
    await addExemptDiscussion(board.dir);
    const r = await cpb(['build', board.dir], { env: ENV });
    expect(r.code, r.stderr).toBe(0);
    out = join(board.dir, 'out');
  }, 240_000);
  afterAll(() => board.cleanup());

  it('writes minutes approved by a later meeting as approved, without DRAFT, holding back exempt business', async () => {
    const pages = await pdfPages(join(out, '2019-11-26/minutes.pdf'));
    const text = pages.join(' ');
    expect(text).toContain('Minutes of the Meeting held on Tuesday, 26th November, 2019 at 6.00 pm');
    expect(text).toContain('Approved as an accurate record at the meeting held on Thursday, 30th January, 2020.');
    expect(text).not.toContain('DRAFT');
    expect(text).not.toContain('Draft:');
    expect(text).toContain('9. Residential Placement Review This item was considered in private.');
    expect(text.toLowerCase()).not.toContain(MARKER);
    expect((await pdfMetadata(join(out, '2019-11-26/minutes.pdf'))).Title).toBe('Corporate Parenting Board, Tuesday, 26th November, 2019: Minutes');
    const html = await readFile(join(out, '2019-11-26/minutes.html'), 'utf8');
    expect(html).toContain('Approved as an accurate record at the meeting held on Thursday, 30th January, 2020.');
  });

  it('marks minutes no later meeting has approved DRAFT on every page', async () => {
    const pages = await pdfPages(join(out, '2020-01-30/minutes.pdf'));
    expect(pages.length).toBeGreaterThan(0);
    for (const page of pages) expect(page).toContain('DRAFT');
    expect(pages[0]).toContain('Draft: these minutes have not yet been approved as an accurate record.');
    expect(pages.join(' ')).not.toContain('Approved as an accurate record');
    expect((await pdfMetadata(join(out, '2020-01-30/minutes.pdf'))).Title).toBe('Corporate Parenting Board, Thursday, 30th January, 2020: Minutes (draft)');
  });

  it('writes the full minutes, exempt business and all, in the confidential folder only, marked CONFIDENTIAL', async () => {
    const pages = await pdfPages(join(out, '2019-11-26/confidential/minutes.pdf'));
    for (const page of pages) expect(page).toContain('CONFIDENTIAL');
    expect(pages.join(' ').toLowerCase()).toContain(MARKER);
    expect(await readFile(join(out, '2019-11-26/confidential/minutes.html'), 'utf8')).toContain(MARKER);
    // Minutes that hold nothing back have no confidential copy; a meeting without minutes has no minutes.
    expect(existsSync(join(out, '2019-09-17/minutes.pdf'))).toBe(true);
    expect(existsSync(join(out, '2019-09-17/confidential/minutes.pdf'))).toBe(false);
    expect(existsSync(join(out, '2020-03-25/minutes.pdf'))).toBe(false);
    expect(existsSync(join(out, '2020-03-25/minutes.html'))).toBe(false);
  });

  it("links the minutes' PDF from the meeting's page at once, and publishes no exempt word anywhere", async () => {
    const page = await readFile(join(out, 'site/meetings/2020-01-30/index.html'), 'utf8');
    expect(page).toMatch(/<a href="minutes\.html">Minutes of this meeting<\/a> \(<a href="minutes\.pdf">PDF<span class="visually-hidden"> of Minutes of this meeting<\/span><\/a>, \d+ KB, \d+ pages?\): draft: not yet approved as an accurate record/);
    expect(await readFile(join(out, 'site/meetings/2020-01-30/minutes.pdf'))).toEqual(await readFile(join(out, '2020-01-30/minutes.pdf')));
    const json = JSON.parse(await readFile(join(out, 'site/meetings.json'), 'utf8')) as { meetings: { id: string; documents: { note: string; links: { url: string }[] }[] }[] };
    const january = json.meetings.find((m) => m.id.includes('2020-01-30'))!;
    expect(january.documents.find((d) => d.note === 'Minutes (draft)')?.links.map((l) => l.url)).toEqual(['meetings/2020-01-30/minutes.html', 'meetings/2020-01-30/minutes.pdf']);
    expect(existsSync(join(out, 'site/meetings/2019-11-26/confidential'))).toBe(false);
    expect(await wordsInPublicFiles(out, [MARKER])).toEqual([]);
  });

  it('passes axe-core (WCAG 2.2 A and AA) in a browser, public and confidential, with one h1 and its language', async () => {
    const session = new BrowserSession({ timeoutMs: 30_000 });
    try {
      for (const file of ['2019-11-26/minutes.html', '2020-01-30/minutes.html', '2019-11-26/confidential/minutes.html']) {
        const checked = await session.withPage(`checking ${file}`, async (p) => {
          await p.goto(pathToFileURL(join(out, file)).href, { waitUntil: 'load' });
          return { violations: await axeViolations(p), structure: await pageStructure(p), title: await p.title() };
        });
        expect(checked.violations, file).toEqual([]);
        expect(checked.structure.lang).toBe('en-GB');
        expect(checked.structure.h1s).toBe(1);
        expect(checked.structure.skippedLevels).toEqual([]);
        expect(checked.title).toMatch(/^Corporate Parenting Board, .*: Minutes/);
      }
    } finally {
      await session.close();
    }
  }, 120_000);

  it('lists the minutes among the documents --dry-run plans', async () => {
    const r = await cpb(['build', board.dir, '--dry-run'], { env: ENV });
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toMatch(/2019-11-26 {2}minutes: Minutes\n.*2019-11-26\/minutes\.html\n.*2019-11-26\/minutes\.pdf/);
    expect(r.stdout).toMatch(/2019-11-26 {2}confidential minutes: Minutes\n.*2019-11-26\/confidential\/minutes\.html/);
  });
});

describe('minutes change from draft to approved when a later meeting approves them', () => {
  let board: { dir: string; cleanup: () => Promise<void> };
  beforeAll(async () => {
    board = await copyOfExample();
  });
  afterAll(() => board.cleanup());

  it('builds the earlier meeting again, without --force, each time the approval comes or goes', async () => {
    const january = join(board.dir, 'meetings/2020-01-30/minutes.yaml');
    const approving = await readFile(january, 'utf8');
    const minutesOfNovember = () => readFile(join(board.dir, 'out/2019-11-26/minutes.html'), 'utf8');
    const siteNovember = () => readFile(join(board.dir, 'out/site/meetings/2019-11-26/index.html'), 'utf8');
    let r = await cpb(['build', board.dir, '--html-only'], { env: ENV });
    expect(r.code, r.stderr).toBe(0);
    expect(await minutesOfNovember()).toContain('Approved as an accurate record at the meeting held on Thursday, 30th January, 2020.');

    // January's minutes no longer record approving November's: they are a draft again.
    await writeFile(january, approving.replace(/^approves_minutes_of: 2019-11-26\n/m, ''));
    r = await cpb(['build', board.dir, '--html-only'], { env: ENV });
    expect(r.code, r.stderr).toBe(0);
    expect(await minutesOfNovember()).toContain('these minutes have not yet been approved as an accurate record.');
    expect(await minutesOfNovember()).not.toContain('Approved as an accurate record');
    expect(await siteNovember()).toContain('draft: not yet approved as an accurate record');

    await writeFile(january, approving);
    r = await cpb(['build', board.dir, '--html-only'], { env: ENV });
    expect(r.code, r.stderr).toBe(0);
    expect(await minutesOfNovember()).toContain('Approved as an accurate record at the meeting held on Thursday, 30th January, 2020.');
    expect(await siteNovember()).toContain('approved as an accurate record on Thursday, 30th January, 2020');
  }, 240_000);

  it('refuses an approval of minutes no earlier meeting has, naming the file and line', async () => {
    const january = join(board.dir, 'meetings/2020-01-30/minutes.yaml');
    const approving = await readFile(join(EXAMPLE, 'meetings/2020-01-30/minutes.yaml'), 'utf8');
    await writeFile(january, approving.replace(/^approves_minutes_of: 2019-11-26$/m, 'approves_minutes_of: 2020-03-25'));
    const r = await cpb(['build', board.dir, '--html-only'], { env: ENV });
    await writeFile(january, approving);
    expect(r.code).not.toBe(0);
    const line = approving.split('\n').findIndex((l) => l.startsWith('approves_minutes_of:')) + 1;
    expect(r.stderr + r.stdout).toContain(`meetings/2020-01-30/minutes.yaml:${line}:`);
    expect(r.stderr + r.stdout).toContain('minutes/approves-unknown');
  });
});
