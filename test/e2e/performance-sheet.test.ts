import { execFile } from 'node:child_process';
import { appendFile, copyFile, rm, writeFile } from 'node:fs/promises';
import { promisify } from 'node:util';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FIXTURES, copyOfExample, cpb } from '../helpers/cli.js';
import { pdfPages, smallestPdfWith } from '../helpers/pdf.js';
import { paperFile } from '../helpers/paper-files.js';

// The performance report made from a workbook as an analyst keeps it (saved by LibreOffice Calc,
// not by cpb): one row per indicator, Section, Indicator (the name), Unit, Apr … Mar, Target, and
// no indicators.yaml. The expected text is read off the workbook's rows here.

const fold = (s: string) => s.replace(/\s+/g, ' ').trim();
const run = promisify(execFile);
const SECTIONS = ['Children looked after', 'Visits, reviews and placements', 'Health and education', 'Care leavers'];

describe('a performance report from an Excel workbook alone', () => {
  let board: { dir: string; cleanup: () => Promise<void> };
  let text: string;
  let pages: string[];
  let pdf: string;

  beforeAll(async () => {
    board = await copyOfExample();
    const performance = join(board.dir, 'performance');
    await rm(join(performance, 'indicators.yaml'));
    await rm(join(performance, '2019-20.csv'));
    await copyFile(join(FIXTURES, 'calc-performance-wide.xlsx'), join(performance, '2019-20.xlsx'));
    await appendFile(join(board.dir, 'board.yaml'), '\nperformance:\n  wide_tables: fit\n');
    const r = await cpb(['build', board.dir, '--meeting', '2019-11-26'], { env: { CPB_TODAY: '2019-11-20' } });
    expect(r.code, r.stderr).toBe(0);
    pdf = paperFile(join(board.dir, 'out/2019-11-26'), 4, 2, 'pdf');
    pages = await pdfPages(pdf);
    text = fold(pages.join(' '));
  }, 240_000);
  afterAll(() => board.cleanup());

  it('groups the indicators by the Section column, in the order of the sheet, with names and units from it', () => {
    const at = SECTIONS.map((s) => text.indexOf(`${s} Indicator Apr May Jun`));
    expect(at.every((i) => i > 0), JSON.stringify(at)).toBe(true);
    expect([...at].sort((a, b) => a - b)).toEqual(at);
    expect(text).toContain('Number of children looked after (number) 2,048 2,055 2,063 2,070 2,066 2,071 2,079 2,084');
  });

  it('prints percentage cells as the sheet shows them, July\'s "N/A" as typed, and the target from the Target column', () => {
    // The mean of the eight months, 94.0, then the target and no rating.
    expect(text).toContain('Children looked after with an up to date statutory visit (%) 93.1 94 92.6 95.2 94.8 93.9 94.4 93.7 94.0 average 95 –');
    expect(text).toContain('Average days between entering care and moving in with the adoptive family (days) 472 468 465 N/A 459 461 455 452');
  });

  it('prints the headlines on a portrait page and each table, too wide for portrait at 8.5 pt, on landscape pages', async () => {
    const { stdout } = await run('pdfinfo', ['-f', '1', '-l', String(pages.length), pdf]);
    const sizes = [...stdout.matchAll(/^Page +\d+ size: +([\d.]+) x ([\d.]+)/gm)].map((m) => (Number(m[1]) > Number(m[2]) ? 'landscape' : 'portrait'));
    expect(sizes).toHaveLength(pages.length);
    expect(sizes[0]).toBe('portrait');
    expect(pages[0]).toContain('Headlines');
    // The tables follow on landscape pages, each group's heading and table on one.
    expect(sizes.slice(1).every((s) => s === 'landscape'), sizes.join(' ')).toBe(true);
    for (const section of SECTIONS) {
      const page = pages.findIndex((p) => fold(p).includes(`${section} Indicator Apr May Jun`));
      expect(sizes[page], section).toBe('landscape');
    }
  });

  it('rates nothing, since the sheet says no direction is better, and says so', () => {
    expect(text).toContain('No indicator is rated: none has both a target and a direction (higher or lower is better).');
    const tables = text.slice(text.indexOf('Children looked after Indicator Apr'));
    expect(tables).not.toMatch(/\b(Red|Amber|Green)\b/);
  });
});

describe('problems in a workbook', () => {
  let board: { dir: string; cleanup: () => Promise<void> };
  beforeAll(async () => {
    board = await copyOfExample();
    await rm(join(board.dir, 'performance/2019-20.csv'));
    const workbook = new ExcelJS.Workbook();
    const sheet = workbook.addWorksheet('Figures');
    sheet.addRow(['Indicator', 'Unit', 'Apr', 'May', 'Average']);
    sheet.addRow(['Number of children looked after', 'count', 2048, '2,05x', null]);
    sheet.addRow(['Children adopted', 'count', 9, 12, 12]);
    await workbook.xlsx.writeFile(join(board.dir, 'performance/2019-20.xlsx'));
  });
  afterAll(() => board.cleanup());

  it('names the sheet and cell of each, and matches rows to indicators.yaml by name', async () => {
    const r = await cpb(['validate', board.dir]);
    expect(r.code).toBe(1);
    const out = r.stdout + r.stderr;
    expect(out).toMatch(/performance\/2019-20\.xlsx: Figures!D2 +error +'2,05x' is not a figure/);
    // indicators.yaml adds up adoptions (average: sum): 9 and 12 make 21, not the published 12.
    expect(out).toMatch(/performance\/2019-20\.xlsx: Figures!E3 +warning +the published figure 12 differs from cpb's total of the months, 21/);
    expect(out).not.toContain('has no definition');
  });
});

// Reviews as a ratio of sums (45 of 50 in April, 40 of 40 in May: 85 of 90, 94.44%, where the mean
// of the two months would be 95%), months to 0 decimals and the year to 2, and two tables that
// share one commentary.
const INDICATORS = `groups:
  - title: Reviews held and due
    commentary: The counts behind the rate.
    indicators:
      - { id: reviews-in-time, name: Reviews held in timescale, unit: count, polarity: neither, average: sum }
      - { id: reviews-due, name: Reviews due, unit: count, polarity: neither, average: sum }
  - title: Review rate
    continues: true
    commentary: Both tables are read together.
    indicators:
      - { id: reviews-rate, name: Reviews in timescale, unit: percentage, polarity: neither, average: ratio, numerator: reviews-in-time, denominator: reviews-due, decimals: 0, year_decimals: 2 }
`;
const FIGURES = 'indicator,month,value\nreviews-in-time,2019-04,45\nreviews-in-time,2019-05,40\nreviews-due,2019-04,50\nreviews-due,2019-05,40\nreviews-rate,2019-04,90%\nreviews-rate,2019-05,100%\n';

describe('a ratio of sums, its own decimals for the year, and two tables sharing one commentary', () => {
  let board: { dir: string; cleanup: () => Promise<void> };
  let text: string;
  beforeAll(async () => {
    board = await copyOfExample();
    await writeFile(join(board.dir, 'performance/indicators.yaml'), INDICATORS);
    await writeFile(join(board.dir, 'performance/2019-20.csv'), FIGURES);
    const r = await cpb(['build', board.dir, '--meeting', '2019-11-26'], { env: { CPB_TODAY: '2019-11-20' } });
    expect(r.code, r.stderr).toBe(0);
    const pages = await smallestPdfWith(join(board.dir, 'out/2019-11-26'), 'Review rate Indicator');
    expect(pages.length).toBeGreaterThan(0);
    text = fold(pages.join(' '));
  }, 240_000);
  afterAll(() => board.cleanup());

  it('makes the year figure from the sums, 85 of 90, to two decimals, with the months to none', () => {
    expect(text).toMatch(/Reviews in timescale \(%\) 90 100 (– )*94\.44 overall/);
    expect(text).not.toContain('95.00');
    expect(text).toMatch(/Reviews held in timescale \(number\) 45 40 (– )*85 total/);
    expect(text).toContain('numerators added up over their denominators added up');
  });

  it('prints the two tables\' commentaries once, together, after the second table', () => {
    const second = text.indexOf('Review rate Indicator');
    expect(text.indexOf('Reviews held and due Indicator')).toBeLessThan(second);
    expect(text.split('The counts behind the rate.')).toHaveLength(2);
    expect(text.split('Both tables are read together.')).toHaveLength(2);
    expect(text.indexOf('The counts behind the rate.')).toBeGreaterThan(second);
    expect(text.indexOf('Both tables are read together.')).toBeGreaterThan(text.indexOf('The counts behind the rate.'));
  });
});
