import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { parse as parseCsv } from 'csv-parse/sync';
import { describe, expect, it } from 'vitest';
import { parse as parseYaml } from 'yaml';
import { loadCsvFile } from '../../src/load/csv-file.js';
import { contrastRatio } from '../../src/domain/contrast.js';
import { isOpen, openOnly, planFromData, planFromRows, planSummary, titleOfFileName, actionsOf, type Plan } from '../../src/model/plan.js';
import { planReportView } from '../../src/model/plan-view.js';
import { DEFAULT_RAG } from '../../src/domain/rag-scheme.js';
import { completedRating } from '../../src/model/rating-style.js';
import { ratingCell } from '../../src/domain/plan-cells.js';
import type { PlanData } from '../../src/domain/types.js';
import { loadRenderFiles } from '../../src/load/render-files.js';
import { Renderer } from '../../src/render/renderer.js';

const ROOT = join(import.meta.dirname, '../..');
const LANCASHIRE_PLAN = join(ROOT, 'examples/lancashire/plans/delivery-plan.yaml');
const NORTH_LINCS_PLAN = join(ROOT, 'examples/north-lincolnshire/plans/delivery-plan-2022-24.csv');

async function lancashire(): Promise<{ raw: any; plan: Plan }> {
  const raw = parseYaml(await readFile(LANCASHIRE_PLAN, 'utf8'));
  return { raw, plan: planFromData(raw as PlanData) };
}

/** Counted straight from the parsed YAML, without the model: rating → number, per objective. */
function countsFromYaml(raw: any): Map<string, number>[] {
  return raw.objectives.map((o: any) => {
    const counts = new Map<string, number>();
    const actions = [...(o.actions ?? []), ...(o.areas ?? []).flatMap((a: any) => a.actions)];
    for (const a of actions) counts.set(a.rag ?? '(none)', (counts.get(a.rag ?? '(none)') ?? 0) + 1);
    return counts;
  });
}

function small(): Plan {
  return planFromData({
    title: 'Small plan',
    checkpoints: ['2019-09-17'],
    objectives: [
      {
        ref: '1',
        title: 'First',
        actions: [
          { ref: '1a', action: 'Done already', rag: 'Blue', timescale: '30/06/2019' },
          { ref: '1b', action: 'Late', rag: 'Red', timescale: '30/09/2019', commentary: 'Behind.', checkpoints: { '2019-09-17': 'Amber' } },
          { ref: '1c', action: 'Not reviewed yet', timescale: 'Ongoing' },
        ],
      },
      { ref: '2', title: 'Second', areas: [{ title: 'Area A', actions: [{ ref: '2a', action: 'Finished', rag: 'Blue' }] }] },
    ],
  });
}

describe('the plan summary', () => {
  it('counts the actions of the example plan per rating per objective, as the YAML has them', async () => {
    const { raw, plan } = await lancashire();
    const expected = countsFromYaml(raw);
    const summary = planSummary(plan, DEFAULT_RAG);
    expect(summary.objectives).toHaveLength(expected.length);
    summary.objectives.forEach(({ counts }, i) => {
      const want = expected[i]!;
      expect(counts.byRating, `objective ${i + 1}`).toEqual(DEFAULT_RAG.map((r) => want.get(r.name) ?? 0));
      expect(counts.unrated).toBe(want.get('(none)') ?? 0);
      expect(counts.total).toBe([...want.values()].reduce((a, b) => a + b, 0));
    });
    const all = expected.reduce((sum, m) => sum + [...m.values()].reduce((a, b) => a + b, 0), 0);
    expect(summary.totals.total).toBe(all);
    expect(summary.totals.byRating).toEqual(DEFAULT_RAG.map((r) => expected.reduce((sum, m) => sum + (m.get(r.name) ?? 0), 0)));
    expect(summary.anyRated).toBe(true);
  });

  it('puts the same counts in the view\'s table, with totals, and describes them in the chart\'s text alternative', async () => {
    const { raw, plan } = await lancashire();
    const expected = countsFromYaml(raw);
    const view = planReportView(plan, DEFAULT_RAG, { show: 'open', asOf: '2019-11-26' });
    expect(view.summary.columns.map((c) => c.label)).toEqual(['Red', 'Amber', 'Green', 'Blue']);
    view.summary.rows.forEach((row, i) => {
      expect(row.cells).toEqual(DEFAULT_RAG.map((r) => expected[i]!.get(r.name) ?? 0));
      expect(row.total).toBe(row.cells.reduce((a, b) => a + b, 0));
    });
    expect(view.summary.totals.cells).toEqual([0, 1, 2, 3].map((c) => view.summary.rows.reduce((sum, r) => sum + r.cells[c]!, 0)));
    const first = expected[0]!;
    expect(view.summary.chart?.label).toContain(`Objective 1: ${first.get('Red')} Red, ${first.get('Green')} Green`);
    // One bar per objective, its segments as long as their counts, in proportion.
    const chart = view.summary.chart!;
    expect(chart.bars).toHaveLength(expected.length);
    const unit = chart.bars[0]!.segments[0]!.width / chart.bars[0]!.segments[0]!.count;
    for (const bar of chart.bars) for (const s of bar.segments) expect(s.width).toBeCloseTo(s.count * unit, 0);
  });

  it('says that no ratings have been given yet when no action has one, and draws no chart', () => {
    const plan = planFromRows([{ objective: 'Safe', action: 'A' }, { objective: 'Well', action: 'B' }], 'Plan');
    const view = planReportView(plan, DEFAULT_RAG, { show: 'all', asOf: '2022-07-14' });
    expect(view.summary.rated).toBe(false);
    expect(view.summary.noRatings).toMatch(/No ratings have been given yet/);
    expect(view.summary.chart).toBeUndefined();
    expect(view.summary.columns).toEqual([]);
    expect(view.summary.rows.map((r) => [r.label, r.total])).toEqual([['Safe', 1], ['Well', 1]]);
  });
});

describe('open actions only', () => {
  it('leaves out the actions rated with the scheme\'s completed rating (Blue), keeping unrated ones', () => {
    const plan = small();
    const completed = completedRating(DEFAULT_RAG);
    expect(completed?.name).toBe('Blue');
    const open = openOnly(plan, completed);
    expect(open.objectives.flatMap(actionsOf).map((a) => a.ref)).toEqual(['1b', '1c']);
    expect(open.objectives).toHaveLength(2);

    const view = planReportView(plan, DEFAULT_RAG, { show: 'open', asOf: '2019-11-26' });
    expect(view.objectives.map((o) => o.count)).toEqual(['2 open actions of 3', '0 open actions of 1']);
    expect(view.objectives[1]!.empty).toBe('No open actions.');
    expect(view.objectives[0]!.groups[0]!.actions.map((a) => a.ref)).toEqual(['1b', '1c']);
    // The summary still counts every action, completed ones included.
    expect(view.summary.totals.cells).toEqual([1, 0, 0, 2, 1]);
    expect(view.summary.columns.at(-1)?.label).toBe('Not yet rated');

    const all = planReportView(plan, DEFAULT_RAG, { show: 'all', asOf: '2019-11-26' });
    expect(all.objectives[0]!.groups[0]!.actions.map((a) => a.ref)).toEqual(['1a', '1b', '1c']);
    expect(all.objectives[1]!.groups[0]!.area).toBe('Area A');
  });

  it('follows the board\'s own scheme, and keeps everything when the scheme has no completed rating', () => {
    const scheme = [
      { name: 'Red', meaning: 'incomplete' },
      { name: 'Green', meaning: 'on track' },
      { name: 'Done', meaning: 'Completed' },
    ];
    expect(completedRating(scheme)?.name).toBe('Done');
    expect(isOpen({ action: 'x', rag: 'Done', checkpoints: {} }, completedRating(scheme))).toBe(false);
    expect(isOpen({ action: 'x', rag: 'Blue', checkpoints: {} }, completedRating(scheme))).toBe(true);
    const threeOnly = DEFAULT_RAG.slice(0, 3);
    expect(completedRating(threeOnly)).toBeUndefined();
    expect(openOnly(small(), undefined).objectives.flatMap(actionsOf)).toHaveLength(4);
  });

  it('prints each rating as its word on its colour with contrasting text, flags past timescales and shows checkpoints', () => {
    const view = planReportView(small(), DEFAULT_RAG, { show: 'all', asOf: '2019-11-26' });
    const [done, late, unrated] = view.objectives[0]!.groups[0]!.actions as [any, any, any];
    expect(late.rag.name).toBe('Red');
    expect(contrastRatio(late.rag.background, late.rag.colour)).toBeGreaterThanOrEqual(4.5);
    expect(late.pastTimescale).toBe(true);
    expect(late.by).toBe('2019-09-30');
    expect(late.checkpoints.map((c: any) => c.rating?.name)).toEqual(['Amber']);
    expect(done.pastTimescale).toBe(false); // completed
    expect(unrated.rag).toBeUndefined();
    expect(unrated.ongoing).toBe(true);
    expect(view.checkpointHeadings).toEqual(['RAG at 17 September 2019']);
  });
});

describe('a plan kept as a spreadsheet', () => {
  it('groups rows by objective and then area, in order of first appearance', () => {
    const plan = planFromRows(
      [
        { objective: 'Safe', area: 'Stability', ref: 'S1', action: 'One' },
        { objective: 'Well', area: '', ref: 'W1', action: 'Two', rag: 'Green' },
        { objective: 'Safe', area: 'Visitors', ref: 'S2', action: 'Three', timescale: 'Dec 2022' },
        { objective: 'Safe', area: 'Stability', ref: 'S3', action: 'Four', lead: 'AD' },
      ],
      'Plan',
    );
    expect(plan.objectives.map((o) => o.title)).toEqual(['Safe', 'Well']);
    expect(plan.objectives[0]!.areas.map((a) => [a.title, a.actions.map((x) => x.ref)])).toEqual([
      ['Stability', ['S1', 'S3']],
      ['Visitors', ['S2']],
    ]);
    expect(plan.objectives[1]!.areas).toEqual([{ actions: [{ ref: 'W1', action: 'Two', rag: 'Green', checkpoints: {} }] }]);
    expect(plan.objectives[0]!.areas[1]!.actions[0]!.timescale).toEqual({ text: 'Dec 2022', by: '2022-12-31', precision: 'month', ongoing: false });
    expect(plan.objectives[0]!.areas[0]!.actions[1]!.lead).toBe('AD');
  });

  it('reads North Lincolnshire\'s plan into priorities and areas of focus, every row once', async () => {
    const csv = await loadCsvFile(NORTH_LINCS_PLAN, 'delivery-plan-2022-24.csv', null);
    const plan = planFromRows(csv.rows.map((r) => r.cells), titleOfFileName('delivery-plan-2022-24.csv'));
    const records = parseCsv(await readFile(NORTH_LINCS_PLAN, 'utf8'), { columns: true }) as Record<string, string>[];
    const objectives = [...new Set(records.map((r) => r['objective']))];
    expect(plan.title).toBe('Delivery plan 2022-24');
    expect(plan.objectives.map((o) => o.title)).toEqual(objectives);
    for (const objective of plan.objectives) {
      const rows = records.filter((r) => r['objective'] === objective.title);
      expect(objective.areas.map((a) => a.title)).toEqual([...new Set(rows.map((r) => r['area']))]);
      expect(actionsOf(objective).map((a) => a.ref)).toEqual(rows.map((r) => r['ref']));
    }
    expect(planSummary(plan, DEFAULT_RAG).anyRated).toBe(false);
  });
});

describe('rendering the plan report', () => {
  it('draws the chart as an SVG image with a text alternative, and prints ratings as words', async () => {
    const renderer = await Renderer.create(await loadRenderFiles());
    const html = await renderer.renderFragment('plan', planReportView(small(), DEFAULT_RAG, { show: 'all', asOf: '2019-11-26' }));
    expect(html).toMatch(/<svg role="img" aria-label="Bar chart of actions by current rating for each objective\. Objective 1: 1 Red, 1 Blue, 1 not yet rated; Objective 2: 1 Blue\."/);
    expect(html).toContain('<title>Bar chart of actions');
    expect(html).toMatch(/<td class="rag" style="background-color:#c00000;color:#ffffff">Red<\/td>/);
    expect(html).toMatch(/<time datetime="2019-09-30">30\/09\/2019<\/time><br><strong class="flag past">Past timescale<\/strong>/);
    expect(html).not.toMatch(/<script/);
  });
});

describe('checkpoints by label, notes in rating cells and the word for no rating', () => {
  const data: PlanData = {
    title: 'Development Plan',
    checkpoints: ['2019-09-17', 'Q2'],
    objectives: [{ title: 'Stable homes', actions: [
      { action: 'Recruit carers', rag: 'Amber', rag_note: 'awaiting data', checkpoints: { '2019-09-17': { rating: 'Red', note: 'no panel yet' }, Q2: '' } },
      { action: 'Review plans' },
    ] }],
  };

  it('heads a date checkpoint "RAG at …" and a label as written, with each cell\'s note', () => {
    const view = planReportView(planFromData(data), DEFAULT_RAG, { show: 'all', asOf: '2019-11-26' });
    expect(view.checkpointHeadings).toEqual(['RAG at 17 September 2019', 'Q2']);
    const [first] = view.objectives[0]!.groups[0]!.actions;
    expect(first).toMatchObject({ ragNote: 'awaiting data', checkpoints: [{ rating: { name: 'Red' }, note: 'no panel yet' }, {}] });
    expect([view.unratedCurrent, view.unratedCheckpoint]).toEqual(['Not yet rated', '–']);
  });

  it('says the board\'s word, or nothing, where there is no rating', () => {
    const view = planReportView({ ...planFromData(data), unratedWord: '' }, DEFAULT_RAG, { show: 'all', asOf: '2019-11-26' });
    expect([view.unratedCurrent, view.unratedCheckpoint]).toEqual(['', '']);
  });
});

describe('a spreadsheet plan with checkpoint columns, notes after a colon and an action holding a list', () => {
  // The same plan as a YAML plan would give it, less what only YAML can say (aim, how, objective refs).
  const yaml: PlanData = {
    title: 'Development plan',
    checkpoints: ['2019-09-17', 'Q2'],
    objectives: [{ title: 'Stable homes', actions: [
      { ref: '1a', action: 'Recruit foster carers:\n- for teenagers\n  - in the east of the county\n- for sibling groups', rag: 'Amber', rag_note: 'awaiting data', checkpoints: { '2019-09-17': { rating: 'Red', note: 'no panel yet' }, Q2: 'Amber' } },
      { ref: '1b', action: 'Review plans', checkpoints: { '2019-09-17': 'Green' } },
    ] }],
  };
  const CSV = [
    'objective,ref,action,rag,RAG at 2019-09-17,RAG at Q2',
    'Stable homes,1a,"Recruit foster carers:\n- for teenagers\n  - in the east of the county\n- for sibling groups",Amber: awaiting data,Red: no panel yet,Amber',
    'Stable homes,1b,Review plans,,Green,',
    '',
  ].join('\n');

  // The action's list is Markdown the build renders (test/e2e/plan-checkpoints.test.ts): the same text as in YAML.
  it('reads into the plan the YAML form gives, and prints the same report', async () => {
    const { mkdtemp, writeFile, rm } = await import('node:fs/promises');
    const dir = await mkdtemp(join((await import('node:os')).tmpdir(), 'cpb-plan-'));
    try {
      await writeFile(join(dir, 'development-plan.csv'), CSV);
      const csv = await loadCsvFile(join(dir, 'development-plan.csv'), 'plans/development-plan.csv', null);
      expect(csv.problems).toEqual([]);
      const fromCsv = planFromRows(csv.rows.map((r) => r.cells), titleOfFileName('development-plan.csv'), csv.header);
      expect(fromCsv).toEqual(planFromData(yaml));
      const renderer = await Renderer.create(await loadRenderFiles());
      const options = { show: 'all', asOf: '2019-11-26' } as const;
      const html = await renderer.renderFragment('plan', planReportView({ ...fromCsv, unratedWord: '' }, DEFAULT_RAG, options));
      expect(html).toBe(await renderer.renderFragment('plan', planReportView({ ...planFromData(yaml), unratedWord: '' }, DEFAULT_RAG, options)));
      expect(html).toContain('RAG at 17 September 2019');
      expect(html).toContain('no panel yet');
      expect(html).toMatch(/<td class="rag unrated"><\/td>/);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });

  it('reads a rating cell as the rating, then a note after the first colon', () => {
    expect(['Green', ' Amber : awaiting data ', 'Red: see: below', '', ': only a note'].map(ratingCell)).toEqual([
      { rating: 'Green' }, { rating: 'Amber', note: 'awaiting data' }, { rating: 'Red', note: 'see: below' }, {}, { note: 'only a note' },
    ]);
  });
});
