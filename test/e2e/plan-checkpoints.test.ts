import { appendFile, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { copyOfExample, cpb } from '../helpers/cli.js';
import { pdfPages, smallestPdfWith } from '../helpers/pdf.js';
import { paperFile } from '../helpers/paper-files.js';

// A development plan as some councils keep it: checkpoint columns by label, a note in a rating
// cell, an action whose text is a list with a nested list, and blank cells where nothing is rated
// (board.yaml plans.unrated_word: ""). Printed in the pack of 26 November 2019 in place of the
// example's delivery plan.

const PLAN = `title: Development Plan
checkpoints: [April 2019, Q2]
objectives:
  - ref: "1"
    title: Stable homes
    actions:
      - ref: 1a
        action: |-
          Recruit foster carers:
          - for teenagers
            - in the east of the county
          - for sibling groups
        timescale: Mar 2020
        rag: Amber
        rag_note: awaiting data
        checkpoints:
          April 2019: { rating: Red, note: no panel yet }
          Q2: Amber
      - ref: 1b
        action: Review every placement plan
        timescale: Ongoing
        checkpoints:
          April 2019: Green
`;

// The same plan kept as a spreadsheet: "RAG at" columns, notes after a colon, the list in a quoted cell.
const CSV_PLAN = [
  'objective,ref,action,timescale,rag,RAG at April 2019,RAG at Q2',
  'Stable homes,1a,"Recruit foster carers:\n- for teenagers\n  - in the east of the county\n- for sibling groups",Mar 2020,Amber: awaiting data,Red: no panel yet,Amber',
  'Stable homes,1b,Review every placement plan,Ongoing,,Green,',
  '',
].join('\n');

const fold = (s: string) => s.replace(/\s+/g, ' ').trim();

describe('a plan with labelled checkpoints, notes, lists and blank ratings', () => {
  let board: { dir: string; cleanup: () => Promise<void> };
  let text: string;
  let html: string;
  let csvText: string;

  beforeAll(async () => {
    board = await copyOfExample();
    await writeFile(join(board.dir, 'plans/delivery-plan.yaml'), PLAN);
    await appendFile(join(board.dir, 'board.yaml'), '\nplans:\n  unrated_word: ""\n');
    await writeFile(join(board.dir, 'plans/spreadsheet-plan.csv'), CSV_PLAN);
    const agenda = join(board.dir, 'meetings/2019-11-26/meeting.yaml');
    await writeFile(agenda, (await readFile(agenda, 'utf8')).replace('        plan: plans/delivery-plan.yaml\n', '        plan: plans/delivery-plan.yaml\n      - title: The plan as a spreadsheet\n        generate: plan\n        plan: plans/spreadsheet-plan.csv\n'));
    const r = await cpb(['build', board.dir, '--meeting', '2019-11-26'], { env: { CPB_TODAY: '2019-11-20' } });
    expect(r.code, r.stderr).toBe(0);
    const meeting = join(board.dir, 'out/2019-11-26');
    text = fold((await pdfPages(paperFile(meeting, 5, 2, 'pdf'))).join(' '));
    html = await readFile(paperFile(meeting, 5, 2, 'html'), 'utf8');
    csvText = fold((await smallestPdfWith(meeting, 'Spreadsheet plan')).join(' '));
  }, 240_000);
  afterAll(() => board.cleanup());

  it('heads the checkpoint columns with their labels', () => {
    expect(text).toContain('Ref Action Timescale RAG April 2019 Q2');
  });

  it('prints the notes in the rating cells, and nothing in the cells without a rating', () => {
    expect(text).toMatch(/1a Recruit foster carers:.*?Mar 2020 Amber awaiting data Red no panel yet Amber/);
    // 1b has no current rating and none at Q2: both cells are blank, so Green is followed by nothing.
    expect(text).toMatch(/1b Review every placement plan Ongoing Green( |$)/);
    // The summary still counts unrated actions under its own heading; the action tables say nothing.
    expect(text.slice(text.indexOf('Ref Action Timescale'))).not.toContain('Not yet rated');
    expect(html).toMatch(/<td class="rag unrated"><\/td>/);
  });

  it('keeps the action\'s list and its nested list', () => {
    expect(html).toMatch(/<ul>\s*<li>for teenagers\s*<ul>\s*<li>in the east of the county<\/li>\s*<\/ul>\s*<\/li>\s*<li>for sibling groups<\/li>\s*<\/ul>/);
    expect(text).toMatch(/for teenagers .{0,3}in the east of the county .{0,3}for sibling groups/);
  });

  it('prints the spreadsheet form of the plan as the YAML form: labelled columns, notes, the list and blank cells', () => {
    // The spreadsheet plan's own paper, not the pack that holds the YAML plan's report too.
    expect(csvText).toContain('Spreadsheet plan');
    expect(csvText).not.toContain('Development Plan');
    const report = csvText.slice(csvText.indexOf('Ref Action Timescale'));
    expect(report).toContain('Ref Action Timescale RAG April 2019 Q2');
    expect(report).toMatch(/1a Recruit foster carers:.*?Mar 2020 Amber awaiting data Red no panel yet Amber/);
    expect(report).toMatch(/for teenagers .{0,3}in the east of the county .{0,3}for sibling groups/);
    expect(report).toMatch(/1b Review every placement plan Ongoing Green( |$)/);
    expect(report).not.toContain('Not yet rated');
  });
});
