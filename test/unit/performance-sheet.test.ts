import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseCsv } from '../../src/load/csv-file.js';
import { figureTable, financialYearMonths } from '../../src/load/figure-table.js';
import { loadXlsxFile } from '../../src/load/xlsx-sheet.js';
import { performanceReport } from '../../src/model/performance.js';
import { performanceReportView } from '../../src/model/performance-view.js';
import { DEFAULT_RAG } from '../../src/domain/rag-scheme.js';
import { figureIndicatorProblems, figuresProblems } from '../../src/validate/rules/performance-rules.js';
import type { TableSource } from '../../src/load/board-folder.js';
import type { IndicatorsData } from '../../src/domain/types.js';
import { FIXTURES } from '../helpers/cli.js';
import { zip } from '../helpers/zip.js';

const MONTHS = financialYearMonths(2019);

function sheet(text: string, name = 'performance/2019-20.csv'): TableSource {
  return { ...parseCsv(Buffer.from(text), `/board/${name}`, name), kind: 'figures' };
}

function report(source: TableSource, definitions?: IndicatorsData) {
  const table = figureTable(source);
  return performanceReport(definitions, MONTHS, table.cells, table.rows);
}

const WIDE = [
  'Section,Indicator,Unit,Apr,May,Jun,Average,Target,Notes',
  'Children in care,Children looked after,No.,100,110,120,110,,Snapshot at month end',
  'Children in care,Reviews in timescale,%,90%,95%,N/A,92.5%,95,',
  'Care leavers,Care leavers in touch,%,80%,85%,90%,,,',
  ',Target,,85,86,87,,,',
].join('\n');

describe('a wide sheet as analysts keep it', () => {
  it('recognises the section, indicator, unit, average, target and notes columns by their headings', () => {
    const table = figureTable(sheet(WIDE));
    expect(table.problems).toEqual([]);
    expect(table.layout).toBe('wide');
    expect(table.rows.map((r) => [r.key, r.group, r.unit?.raw, r.published?.raw, r.target?.raw, r.notes])).toEqual([
      ['Children looked after', 'Children in care', 'No.', '110', undefined, 'Snapshot at month end'],
      ['Reviews in timescale', 'Children in care', '%', '92.5%', '95', undefined],
      ['Care leavers in touch', 'Care leavers', '%', undefined, undefined, undefined],
    ]);
    // The Target row belongs to the row above it, a target per month.
    expect(table.rows[2]!.monthTargets?.map((t) => [t.month, t.cell.raw])).toEqual([['2019-04', '85'], ['2019-05', '86'], ['2019-06', '87']]);
    // Figures are only the months, and the target row gives none.
    expect(table.cells.filter((c) => c.indicator === 'Target')).toEqual([]);
    expect(table.cells.filter((c) => c.indicator === 'Children looked after').map((c) => c.raw)).toEqual(['100', '110', '120']);
  });

  it('builds a report from the sheet alone: groups by section, names and units from the columns, and no rating', () => {
    const r = report(sheet(WIDE));
    expect(r.groups.map((g) => [g.title, g.indicators.map((s) => s.indicator.name)])).toEqual([
      ['Children in care', ['Children looked after', 'Reviews in timescale']],
      ['Care leavers', ['Care leavers in touch']],
    ]);
    const [cla, reviews] = r.groups[0]!.indicators;
    expect(cla!.indicator.unit).toBe('count');
    expect(reviews!.indicator.unit).toBe('percentage');
    expect(reviews!.indicator.target).toBe(95);
    expect(r.groups[1]!.indicators[0]!.indicator.target).toEqual({ '2019-04': 85, '2019-05': 86, '2019-06': 87 });
    expect(cla!.indicator.notes).toBe('Snapshot at month end');
    expect(reviews!.year).toBe(92.5);
    // No polarity is known without indicators.yaml, so nothing is rated.
    expect(r.groups.flatMap((g) => g.indicators).some((s) => s.months.some((m) => m.rag))).toBe(false);
    expect(r.offTarget).toEqual([]);
  });

  it('takes a "Total" column as the rule for the year figure when no definition says otherwise', () => {
    const r = report(sheet('Indicator,Apr,May,Total\nAdoptions,3,4,7\n'));
    const s = r.groups[0]!.indicators[0]!;
    expect(r.groups[0]!.title).toBe('Indicators');
    expect(s.indicator.average).toBe('sum');
    expect(s.year).toBe(7);
  });

  it('matches a sheet row to its definition by name, keeping the definition and filling in a target it lacks', () => {
    const definitions: IndicatorsData = {
      groups: [{ title: 'Reviews', indicators: [{ id: 'reviews', name: 'Reviews in timescale', unit: 'percentage', polarity: 'higher-is-better', tolerance: 2 }] }],
    };
    const r = report(sheet(WIDE), definitions);
    const s = r.groups[0]!.indicators[0]!;
    expect(s.indicator.target).toBe(95);
    expect(s.months.slice(0, 2).map((m) => m.rag)).toEqual(['red', 'green']);
    expect(r.groups.map((g) => g.title)).toEqual(['Reviews']);
  });

  it('warns when the published average differs from cpb\'s own, at that cell, and says nothing when it agrees', () => {
    const source = sheet('Indicator,Apr,May,Jun,Average\nA,10,11,13,11.3\nB,10,11,13,12\n');
    const problems = figureIndicatorProblems(source, undefined);
    expect(problems).toHaveLength(1);
    expect(problems[0]).toMatchObject({ severity: 'warning', rule: 'figures/published-year', line: 3 });
    expect(problems[0]!.message).toBe("the published figure 12 differs from cpb's average of the months, 11");
  });

  it('refuses a target row with no indicator above it, a unit it does not know and a target that is not a number', () => {
    const problems = figuresProblems(sheet('Indicator,Unit,Apr,Target\nTarget,,5,\nA,widgets,3,ten\n'));
    expect(problems.map((p) => [p.rule, p.line])).toEqual([
      ['figures/target-row', 2],
      ['figures/unit-word', 3],
      ['figures/target', 3],
    ]);
  });

  it('still refuses a column that is neither a month nor one it knows', () => {
    const problems = figuresProblems(sheet('Indicator,Apr,Owner\nA,3,Sam\n'));
    expect(problems.map((p) => [p.rule, p.message])).toEqual([['figures/columns', "column 'Owner' is not a month"]]);
  });
});

describe('the year figure by its rule', () => {
  const ratioDefinitions: IndicatorsData = {
    groups: [{
      title: 'Reviews',
      indicators: [
        { id: 'reviews-in-time', name: 'Reviews in time', unit: 'count', polarity: 'neither' },
        { id: 'reviews-due', name: 'Reviews due', unit: 'count', polarity: 'neither' },
        { id: 'reviews-rate', name: 'Reviews in timescale', unit: 'percentage', polarity: 'higher-is-better', average: 'ratio', numerator: 'reviews-in-time', denominator: 'reviews-due', decimals: 0, year_decimals: 2 },
      ],
    }],
  };

  it('makes a ratio of sums from two indicators: 45 of 50 and 40 of 40 are 85 of 90, not the mean of 90% and 100%', () => {
    const r = report(sheet('Indicator,Apr,May,Jun\nreviews-in-time,45,40,\nreviews-due,50,40,10\nreviews-rate,90%,100%,\n'), ratioDefinitions);
    const rate = r.groups[0]!.indicators[2]!;
    expect(rate.year).toBeCloseTo((85 / 90) * 100, 10);
    // June has a denominator but no numerator, so it is left out of both sums.
    const view = performanceReportView(r, DEFAULT_RAG, '2019-20');
    expect(view.groups[0]!.rows[2]).toMatchObject({ year: '94.44', yearRule: 'overall', months: [{ text: '90' }, { text: '100' }, { text: '' }, ...Array(9).fill({ text: '', missing: true })] });
  });

  it('takes a ratio from a sheet\'s Numerator and Denominator columns, and checks the published figure against it', () => {
    const source = sheet('Indicator,Unit,Apr,May,Numerator,Denominator,Average\nReviews in timescale,%,90%,100%,85,90,95%\n');
    const r = report(source);
    expect(r.groups[0]!.indicators[0]!.indicator.average).toBe('ratio');
    expect(r.groups[0]!.indicators[0]!.year).toBeCloseTo(94.444, 3);
    expect(figureIndicatorProblems(source, undefined).map((p) => p.message)).toEqual(["the published figure 95% differs from cpb's overall figure of the months, 94"]);
  });

  it('refuses a ratio whose numerator and denominator neither indicators.yaml nor the sheet gives', () => {
    const definitions: IndicatorsData = { groups: [{ title: 'R', indicators: [{ id: 'rate', name: 'Rate', unit: 'percentage', polarity: 'neither', average: 'ratio' }] }] };
    expect(figureIndicatorProblems(sheet('Indicator,Apr\nrate,5%\n'), definitions).map((p) => p.rule)).toEqual(['figures/ratio']);
  });
});

describe('pages for wide tables', () => {
  const build = (csv: string, wide: 'shrink' | 'fit' | 'landscape') => {
    const table = figureTable(sheet(csv));
    return performanceReportView(performanceReport(undefined, MONTHS, table.cells, table.rows, wide), DEFAULT_RAG, '2019-20');
  };
  const twelve = `Indicator,${['Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec', 'Jan', 'Feb', 'Mar'].join(',')}\nChildren looked after,${Array(12).fill('2084').join(',')}\n`;

  it('keeps today\'s layout by default: no landscape pages, no change of type size', () => {
    const view = build(twelve, 'shrink');
    expect(view.readable).toBeUndefined();
    expect(view.groups[0]!.landscape).toBeUndefined();
  });

  it('with fit, prints a table of twelve months on landscape pages, and a short one on portrait', () => {
    expect(build(twelve, 'fit')).toMatchObject({ readable: true, groups: [{ landscape: true, pt: 8.5 }] });
    // Only two months exported so far: the blank month columns are narrow, and the table fits portrait at 8 pt, never smaller.
    expect(build('Indicator,Apr,May\nAdoptions,9,12\n', 'fit').groups[0]).toMatchObject({ landscape: false, pt: 8 });
    expect(build('Indicator,Apr,May\nAdoptions,9,12\n', 'landscape').groups[0]).toMatchObject({ landscape: true, pt: 8.5 });
  });
});

describe('tables that share one commentary', () => {
  it('prints the commentaries and notes of a run of tables once, after its last table', () => {
    const definitions: IndicatorsData = { groups: [
      { title: 'Placements: stability', commentary: 'Stability is improving.', indicators: [{ id: 'moves', name: 'Moves', unit: 'count', polarity: 'neither', notes: 'Three or more moves.' }] },
      { title: 'Placements: distance', continues: true, indicators: [{ id: 'distance', name: 'Distance', unit: 'count', polarity: 'neither' }] },
      { title: 'Care leavers', commentary: 'On track.', indicators: [{ id: 'in-touch', name: 'In touch', unit: 'count', polarity: 'neither' }] },
    ] };
    const view = performanceReportView(report(sheet('Indicator,Apr\nmoves,3\ndistance,4\nin-touch,5\n'), definitions), DEFAULT_RAG, '2019-20');
    expect(view.groups.map((g) => [g.title, g.commentary, g.notes.map((n) => n.name)])).toEqual([
      ['Placements: stability', undefined, []],
      ['Placements: distance', 'Stability is improving.', ['Moves']],
      ['Care leavers', 'On track.', []],
    ]);
  });
});

describe('an Excel workbook of figures', () => {
  let dir: string;
  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'cpb-xlsx-'));
  });
  afterAll(() => rm(dir, { recursive: true, force: true }));

  it('reads the workbook LibreOffice Calc saved: headings, names, units, percentages as shown, blank months left out', async () => {
    const source = await loadXlsxFile(join(FIXTURES, 'calc-performance-wide.xlsx'), 'calc-performance-wide.xlsx', null);
    expect(source.problems).toEqual([]);
    expect(source.sheet).toBe('performance-wide');
    expect(source.header.slice(0, 5)).toEqual(['Section', 'Indicator', 'Unit', 'Apr', 'May']);
    const visits = source.rows.find((r) => r.cells['Indicator'] === 'Children looked after with an up to date statutory visit')!;
    // 0.931 in a cell formatted as a percentage is the 93.1% the analyst sees.
    expect(visits.cells['Apr']).toBe('93.1%');
    expect(visits.cells['Dec']).toBe('');
    expect(visits.cells['Target']).toBe('95');
    expect(visits.line).toBe(7);
    expect(source.rows.find((r) => r.cells['Indicator'] === 'Number of children looked after')!.cells['Sep']).toBe('2071');
  });

  it('names the sheet and cell of every problem', async () => {
    const workbook = new ExcelJS.Workbook();
    const ws = workbook.addWorksheet('Figures 2019');
    ws.addRow(['Indicator', 'Apr', 'May']);
    ws.addRow(['Adoptions', 3, '(4)']);
    const path = join(dir, '2019-20.xlsx');
    await workbook.xlsx.writeFile(path);
    const source: TableSource = { ...(await loadXlsxFile(path, 'performance/2019-20.xlsx', null)), kind: 'figures' };
    const problems = figuresProblems(source);
    expect(problems.map((p) => [p.cell, p.rule])).toEqual([["'Figures 2019'!C2", 'figures/value']]);
  });

  it('reads a month heading typed as a date, and a formula by its result', async () => {
    const workbook = new ExcelJS.Workbook();
    const ws = workbook.addWorksheet('Data');
    ws.addRow(['Indicator', new Date(Date.UTC(2019, 3, 1)), new Date(Date.UTC(2019, 4, 1))]);
    ws.addRow(['Adoptions', 3, { formula: 'B2+1', result: 4 }]);
    const path = join(dir, 'dates-2019-20.xlsx');
    await workbook.xlsx.writeFile(path);
    const source = await loadXlsxFile(path, 'dates.xlsx', null);
    expect(source.header).toEqual(['Indicator', '2019-04', '2019-05']);
    expect(source.rows[0]!.cells).toEqual({ Indicator: 'Adoptions', '2019-04': '3', '2019-05': '4' });
  });

  it('refuses a file that is not a workbook, a spreadsheet of another kind and a zip bomb, before reading them', async () => {
    const refusal = async (name: string, bytes: Buffer | string) => {
      await writeFile(join(dir, name), bytes);
      return (await loadXlsxFile(join(dir, name), name, null)).problems.map((p) => p.rule);
    };
    expect(await refusal('not.xlsx', 'indicator,Apr\nA,1\n')).toEqual(['xlsx/damaged']);
    expect(await refusal('calc.xlsx', zip([{ name: 'content.xml', data: '<office:document-content/>' }]))).toEqual(['xlsx/not-a-workbook']);
    // An archive whose table of contents says its part unzips to 200 MB is refused from that alone.
    const bomb = zip([{ name: 'xl/workbook.xml', data: '<workbook/>' }], { deflate: true });
    const directory = bomb.readUInt32LE(bomb.length - 22 + 16);
    bomb.writeUInt32LE(200 * 1024 * 1024, directory + 24);
    expect(await refusal('bomb.xlsx', bomb)).toEqual(['xlsx/too-large']);
    // One that says less than it holds is refused too, when the part is tried.
    const liar = zip([{ name: 'xl/workbook.xml', data: 'x'.repeat(5000) }], { deflate: true });
    liar.writeUInt32LE(10, liar.readUInt32LE(liar.length - 22 + 16) + 24);
    expect(await refusal('liar.xlsx', liar)).toEqual(['xlsx/damaged']);
  });
});
