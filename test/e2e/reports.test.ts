import { existsSync } from 'node:fs';
import { cp, mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parse as parseCsv } from 'csv-parse/sync';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parse as parseYaml } from 'yaml';
import { builtCopyOfExample } from '../helpers/built-example.js';
import { ROOT, cpb } from '../helpers/cli.js';
import { pdfPages } from '../helpers/pdf.js';
import { paperFile } from '../helpers/paper-files.js';

// The delivery plan report and the performance report, made from the example board's data and
// printed into the pack of 26 November 2019. Expected figures are worked out here from the data
// files themselves (the YAML plan, the indicators and the figures CSV), not by cpb's code.

const PLAN_TITLE = "Appendix 'A': Corporate Parenting Strategy Delivery Plan, open actions";
const PERFORMANCE_TITLE = "Annex 'A': Children in Care and Care Leavers performance report";
const RATINGS = ['Red', 'Amber', 'Green', 'Blue'];

const fold = (s: string) => s.replace(/\s+/g, ' ').trim();

describe('the delivery plan and performance reports in the pack', () => {
  let board: { dir: string; cleanup: () => Promise<void> };
  let pages: string[];
  let planText: string;
  let performanceText: string;

  beforeAll(async () => {
    const built = await builtCopyOfExample(['--meeting', '2019-11-26'], { CPB_TODAY: '2019-11-20' });
    board = built;
    const r = built.result;
    expect(r.code, r.stderr).toBe(0);
    pages = await pdfPages(join(board.dir, 'out/2019-11-26/pack.pdf'));
    // The front sheet names both papers; each report starts where its title heads a page after it.
    const start = (title: string) => pages.findIndex((t, i) => i >= 2 && t.includes(`Agenda Item`) && t.includes(`meeting to be held on Tuesday, 26th November, 2019 ${title}`));
    const end = (from: number) => {
      const next = pages.findIndex((t, i) => i > from && /meeting to be held on/.test(t));
      return next < 0 ? pages.length : next;
    };
    const plan = start(PLAN_TITLE);
    const performance = start(PERFORMANCE_TITLE);
    expect(plan, 'plan report').toBeGreaterThan(1);
    expect(performance, 'performance report').toBeGreaterThan(1);
    planText = pages.slice(plan, end(plan)).join(' ');
    performanceText = pages.slice(performance, end(performance)).join(' ');
  });
  afterAll(() => board.cleanup());

  it('stamps both reports with their agenda items', () => {
    expect(planText).toContain('Agenda Item 5');
    expect(performanceText).toContain('Agenda Item 4');
  });

  it('prints the plan summary: counts per rating per objective and their totals, as in the YAML', async () => {
    const raw = parseYaml(await readFile(join(ROOT, 'examples/lancashire/plans/delivery-plan.yaml'), 'utf8'));
    const totals = [0, 0, 0, 0];
    for (const o of raw.objectives) {
      const actions: { rag?: string }[] = [...(o.actions ?? []), ...(o.areas ?? []).flatMap((a: { actions: unknown[] }) => a.actions)];
      const counts = RATINGS.map((name) => actions.filter((a) => a.rag === name).length);
      counts.forEach((n, i) => (totals[i]! += n));
      const row = `Objective ${o.ref}: ${fold(o.title)} ${counts.join(' ')} ${actions.length}`;
      expect(planText, `summary row of objective ${o.ref}`).toContain(row);
    }
    expect(planText).toContain(`Total ${totals.join(' ')} ${totals.reduce((a, b) => a + b, 0)}`);
    // The chart's legend names every rating with its meaning.
    expect(planText).toContain('Red (incomplete) Amber (slippage) Green (on track) Blue (completed)');
  });

  it('lists the open actions under their objectives with reference, timescale as written and rating word', () => {
    expect(planText).toContain('Open actions only: every action not rated Blue (completed).');
    expect(planText).toMatch(/Objective 1: Our Children and Young People have a voice in the way we deliver our services Aim: /);
    expect(planText).toMatch(/How will we achieve this: We will engage our young people/);
    expect(planText).toMatch(/3a2 To consult with young people [^]*? Nov 18 – Nov 19 Green/);
    // 3a1 is completed (Blue): counted in the summary, left out of the open actions.
    expect(planText).not.toMatch(/3a1 To consult/);
    expect(planText).toMatch(/10b\.ii How do we capture the voice of the child [^]*? 01\/09\/2019 Past timescale [^]*?Red/);
    expect(planText).toMatch(/ 4 Life story to be completed with every child in care[^]*? Nov-19 Amber/);
    expect(planText).toContain('RAG at 17 September 2019');
  });

  it('prints the performance table by month, with figures as supplied and the rating worked out from target and tolerance', async () => {
    const indicators = parseYaml(await readFile(join(ROOT, 'examples/lancashire/performance/indicators.yaml'), 'utf8'));
    const figures = parseCsv(await readFile(join(ROOT, 'examples/lancashire/performance/2019-20.csv'), 'utf8'), { columns: true }) as { indicator: string; month: string; value: string }[];
    const list: { id: string; name: string; polarity: string; target?: number; tolerance?: number }[] = indicators.groups.flatMap((g: { indicators: unknown[] }) => g.indicators);
    const rowOf = (id: string) => {
      const i = list.findIndex((x) => x.id === id);
      // A row starts with the indicator's name and its unit in brackets (the headlines have a colon),
      // and ends where the next row or the group's commentary starts.
      const from = performanceText.indexOf(`${list[i]!.name} (`);
      expect(from, id).toBeGreaterThanOrEqual(0);
      const ends = [list[i + 1] ? performanceText.indexOf(`${list[i + 1]!.name} (`, from + 1) : -1, performanceText.indexOf(' Commentary ', from)];
      return performanceText.slice(from, Math.min(...ends.filter((e) => e > from), performanceText.length));
    };
    // By hand: the latest month's figure against a single target, as the RAG rule says.
    const expected = (id: string) => {
      const def = list.find((x) => x.id === id)!;
      const latest = figures.filter((f) => f.indicator === id && /\d/.test(f.value)).at(-1)!;
      const value = Number(latest.value.replace(/[,%]/g, ''));
      const good = def.polarity === 'higher-is-better' ? value - def.target! : def.target! - value;
      return good >= 0 ? 'Green' : good >= -def.tolerance! ? 'Amber' : 'Red';
    };
    expect(expected('placement-moves')).toBe('Red');
    expect(expected('statutory-visits')).toBe('Amber');
    expect(expected('cl-suitable-accommodation')).toBe('Green');
    for (const id of ['placement-moves', 'statutory-visits', 'cl-suitable-accommodation', 'missing-incidents']) {
      expect(rowOf(id).trimEnd(), id).toMatch(new RegExp(` ${expected(id)}$`));
    }

    expect(performanceText).toContain('Indicator Apr May Jun Jul Aug Sep Oct Nov Dec Jan Feb Mar Trend Year to date Target RAG');
    for (const group of indicators.groups) expect(performanceText).toContain(group.title);
    // July's adoption figure was supplied as "N/A" and is printed so, between June's and August's.
    const adoption = figures.filter((f) => f.indicator === 'adoption-days').map((f) => f.value);
    expect(adoption[3]).toBe('N/A');
    expect(rowOf('adoption-days')).toContain(adoption.slice(2, 5).join(' '));
    // The rating that changed from October to November, and the headline of indicators off target.
    expect(performanceText).toMatch(/Ratings changed since the month before Care leavers aged 19-21 in education, employment or training: Amber to Red \(October to November 2019\)/);
    expect(performanceText).toMatch(/Off target in the latest month Red Children looked after with 3 or more placements in the last 12 months: 12\.3% against a target of 10\.0% \(November 2019\)/);
    expect(performanceText).toContain('Notes on data and definitions');
    expect(performanceText).toContain('Commentary');
  });

  it('writes each report on its own as HTML with the chart\'s and trends\' text alternatives, and as PDF', async () => {
    const out = join(board.dir, 'out/2019-11-26');
    const plan = await readFile(paperFile(out, 5, 2, 'html'), 'utf8');
    expect(plan).toMatch(/<svg role="img" aria-label="Bar chart of actions by current rating for each objective\. Objective 1: \d+ Red, \d+ Green, 1 Blue;/);
    expect(plan).toMatch(/<td class="rag" style="background-color:#c00000;color:#ffffff">Red<\/td>/);
    expect(plan).not.toMatch(/<script/i);
    const performance = await readFile(paperFile(out, 4, 2, 'html'), 'utf8');
    expect(performance).toMatch(/<svg role="img" aria-label="Trend from April to November: rising from 10\.8 to 12\.3\."/);
    expect(performance).toContain('<title>Trend from April to November: rising from 10.8 to 12.3.</title>');
    expect(existsSync(paperFile(out, 5, 2, 'pdf'))).toBe(true);
    expect((await pdfPages(paperFile(out, 4, 2, 'pdf'))).join(' ')).toContain(PERFORMANCE_TITLE);
  });
});

describe('a plan kept as a spreadsheet (North Lincolnshire)', () => {
  let parent: string;
  let dir: string;
  let text: string;
  let all: string;
  let rows: Record<string, string>[];
  const MEETING = '2023-03-16';

  beforeAll(async () => {
    rows = parseCsv(await readFile(join(ROOT, 'examples/north-lincolnshire/plans/delivery-plan-2022-24.csv'), 'utf8'), { columns: true }) as Record<string, string>[];
    parent = await mkdtemp(join(tmpdir(), 'cpb-test-'));
    dir = join(parent, 'board');
    await cp(join(ROOT, 'examples/north-lincolnshire'), dir, { recursive: true, filter: (src) => !src.includes('/out') });
    const meetingDir = join(dir, 'meetings', MEETING);
    expect(existsSync(meetingDir), 'the test meeting must not clash with the example').toBe(false);
    await mkdir(meetingDir, { recursive: true });
    await writeFile(
      join(meetingDir, 'meeting.yaml'),
      [
        `date: ${MEETING}`,
        'time: "14:00"',
        'venue: Conference Room, Church Square House, Scunthorpe',
        'items:',
        '  - title: Partnership Plan 2022-2024 Delivery Plan',
        '    presenter: { member: ann-marie-brierley }',
        '    papers:',
        '      - title: 2022-2024 Delivery Plan, all actions',
        '        generate: plan',
        '        plan: plans/delivery-plan-2022-24.csv',
        '        show: all',
        '',
      ].join('\n'),
    );
    const validate = await cpb(['validate', dir]);
    expect(validate.code, validate.stderr).toBe(0);
    const r = await cpb(['build', dir, '--meeting', MEETING], { env: { CPB_TODAY: '2023-03-01' } });
    expect(r.code, r.stderr).toBe(0);
    all = (await pdfPages(join(dir, 'out', MEETING, 'pack.pdf'))).join(' ');
    text = all.slice(all.indexOf('Summary of ratings'));
  });
  afterAll(() => rm(parent, { recursive: true, force: true }));

  it('shows every priority and area of focus in the order of the spreadsheet, with each action', () => {
    expect(text).not.toBe('');
    let at = 0;
    for (const objective of new Set(rows.map((r) => r['objective']!))) {
      const mine = rows.filter((r) => r['objective'] === objective);
      // Each priority's heading is followed by the number of its actions.
      const heading = text.indexOf(`${objective} ${mine.length} action${mine.length === 1 ? '' : 's'} `, at);
      expect(heading, objective).toBeGreaterThanOrEqual(at);
      at = heading;
      for (const area of new Set(mine.map((r) => r['area']!))) {
        const found = text.indexOf(`Area of focus: ${fold(area)}`, at);
        expect(found, area).toBeGreaterThan(at);
        at = found;
      }
    }
    for (const row of rows) expect(text).toContain(`${row['ref']} ${fold(row['action']!).slice(0, 40)}`);
  });

  it('says that no ratings have been given yet instead of drawing a chart', () => {
    expect(text).toContain(`No ratings have been given yet: none of the plan's ${rows.length} actions has a RAG rating.`);
    expect(all).toContain('All actions, open and completed.');
    const safe = rows.filter((r) => r['objective'] === 'Safe').length;
    expect(text).toContain(`Safe ${safe} Well`);
    expect(text).not.toContain('Red (incomplete)');
  });
});
