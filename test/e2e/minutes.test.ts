import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { copyOfExample, cpb, EXAMPLES } from '../helpers/cli.js';
import { pdfPages } from '../helpers/pdf.js';
import { paperFile } from '../helpers/paper-files.js';

// The third meeting's pack (30 January 2020) holds the second meeting's minutes and the action log
// of the first two; North Lincolnshire numbers minutes continuously across the municipal year.
describe('minutes and the action log in the third meeting\'s pack', () => {
  let board: { dir: string; cleanup: () => Promise<void> };
  let text: string;
  let pages: string[];
  beforeAll(async () => {
    board = await copyOfExample();
    const r = await cpb(['build', board.dir, '--meeting', '2020-01-30'], { env: { CPB_TODAY: '2020-02-01' } });
    expect(r.code, r.stderr).toBe(0);
    pages = await pdfPages(join(board.dir, 'out/2020-01-30/pack.pdf'));
    text = pages.join(' ');
  });
  afterAll(() => board.cleanup());

  it('holds the November minutes, numbered per meeting, approved and so not marked DRAFT', () => {
    expect(text).toContain('Minutes of the Meeting held on Tuesday, 26th November, 2019 at 6.00 pm');
    for (const [n, title] of [[1, 'Introductions and Apologies'], [3, 'Exploitation and Violence Reduction'], [9, 'Residential Placement Review']] as const) {
      expect(text).toContain(`${n}. ${title}`);
    }
    expect(text).toContain('Approved as an accurate record at the meeting held on Thursday, 30th January, 2020');
    expect(text).not.toContain('DRAFT');
    expect(text).toMatch(/\(Action: [A-Z][a-z]+ [A-Z]/);
  });

  it('shows actions from both earlier meetings, completed, on-going with dated updates, and overdue in words', () => {
    const log = pages.filter((p) => p.includes('Agenda Item 3')).join(' ');
    expect(log).toContain('Meeting held on Tuesday, 17th September, 2019');
    expect(log).toContain('Meeting held on Tuesday, 26th November, 2019');
    expect(log).toContain('Completed');
    expect(log).toMatch(/On-going/);
    expect(log).toMatch(/\d\d\.\d\d\.\d\d: /);
    expect(log).toContain('Overdue');
    expect(log).toContain('Update requested three times');
    expect(log).toContain('Last updated: Tuesday, 21st January, 2020');
    // The January meeting's own action is not in its own log.
    expect(log).not.toContain('family safeguarding and mental health');
  });
});

describe('continuous minute numbers', () => {
  it('run on from 62 across North Lincolnshire\'s municipal year', async () => {
    const out = await mkdtemp(join(tmpdir(), 'cpb-nl-out-'));
    const r = await cpb(['build', join(EXAMPLES, 'north-lincolnshire'), '--meeting', '2023-01-12', '--out', out], { env: { CPB_TODAY: '2023-02-01' } });
    expect(r.code, r.stderr).toBe(0);
    const text = (await pdfPages(join(out, '2023-01-12/pack.pdf'))).join(' ');
    await rm(out, { recursive: true, force: true });
    // The October minutes follow the July ones (62-67).
    expect(text).toMatch(/\b68\. /);
    expect(text).toMatch(/\b73\. /);
    expect(text).not.toMatch(/\b67\. /);
  });
});

describe('minute numbers that never reset, and a meeting that sets its own first number', () => {
  it('run on from the board\'s first number, then from the number the November minutes start at', async () => {
    const board = await copyOfExample();
    try {
      const boardYaml = join(board.dir, 'board.yaml');
      await writeFile(boardYaml, `${await readFile(boardYaml, 'utf8')}\nminutes:\n  numbering: never-reset\n  first_number: 40\n`);
      const november = join(board.dir, 'meetings/2019-11-26/minutes.yaml');
      await writeFile(november, `first_number: 100\n${await readFile(november, 'utf8')}`);
      const r = await cpb(['build', board.dir, '--meeting', '2020-01-30'], { env: { CPB_TODAY: '2020-02-01' } });
      expect(r.code, r.stderr).toBe(0);
      const pages = await pdfPages(join(board.dir, 'out/2020-01-30/pack.pdf'));
      const minutes = pages.filter((p) => p.includes('Agenda Item 2')).join(' ');
      expect(minutes).toContain('100. Introductions and Apologies');
      expect(minutes).toContain('108. Residential Placement Review');
      expect(minutes).not.toMatch(/\b1\. Introductions/);
      // September's eleven minutes are 40 to 50: the log cites them so.
      const log = pages.filter((p) => p.includes('Agenda Item 3')).join(' ');
      expect(log).toMatch(/Meeting held on Tuesday, 17th September, 2019 Minute Item Owner Action Progress Status 4\d /);
      expect(log).not.toMatch(/Status [1-9] /);
    } finally {
      await board.cleanup();
    }
  });
});

describe("the board's own minute references", () => {
  it('head the minutes and cite them in the action log, and a pattern with an unknown field is refused at its line', async () => {
    const board = await copyOfExample();
    try {
      const boardYaml = join(board.dir, 'board.yaml');
      const original = await readFile(boardYaml, 'utf8');
      await writeFile(boardYaml, `${original}\nminutes:\n  short_name: CPB\n  reference: "{board}/{yy}/{number}"\n`);
      // November's minutes cite one of September's, in the discussion and in a decision.
      const november = join(board.dir, 'meetings/2019-11-26/minutes.yaml');
      const minutesYaml = await readFile(november, 'utf8');
      await writeFile(november, minutesYaml
        .replace('they are expected to be back on track.', 'they are expected to be back on track, as asked at [minute: 2019-09-17/4].')
        .replace('      - That the progress against the open actions', '      - "[Minute: 2019-09-17 4] having been noted, that the progress against the open actions"\n      - That the progress against the open actions'));
      const r = await cpb(['build', board.dir, '--meeting', '2020-01-30'], { env: { CPB_TODAY: '2020-02-01' } });
      expect(r.code, r.stderr).toBe(0);
      const pages = await pdfPages(join(board.dir, 'out/2020-01-30/pack.pdf'));
      const minutes = pages.filter((p) => p.includes('Agenda Item 2')).join(' ');
      expect(minutes).toContain('CPB/19/1 Introductions and Apologies');
      expect(minutes).toContain('CPB/19/9 Residential Placement Review');
      expect(minutes).toContain('when they are expected to be back on track, as asked at minute CPB/19/4.');
      expect(minutes).toContain('Minute CPB/19/4 having been noted, that the progress');
      expect(minutes).not.toContain('[minute:');
      const log = pages.filter((p) => p.includes('Agenda Item 3')).join(' ');
      expect(log).toMatch(/Minute Item Owner Action Progress Status CPB\/19\/\d+ /);
      const listed = await cpb(['actions', board.dir], { env: { CPB_TODAY: '2020-02-01' } });
      expect(listed.stdout).toMatch(/raised 2019-09-17, minute CPB\/19\/\d+ \(/);

      // A mark citing a minute September did not have is refused at its line.
      await writeFile(november, minutesYaml.replace('they are expected to be back on track.', 'they are expected to be back on track [minute: 2019-09-17/12].'));
      const marked = await cpb(['validate', board.dir]);
      expect(marked.code).toBe(1);
      expect(marked.stderr).toContain('meetings/2019-11-26/minutes.yaml:99');
      expect(marked.stderr).toContain('[minute: 2019-09-17/12] cites minute 12, but the minutes of 2019-09-17 run from 1 to 11');
      await writeFile(november, minutesYaml);

      await writeFile(boardYaml, `${original}\nminutes:\n  reference: "Minute {no}"\n`);
      const v = await cpb(['validate', board.dir]);
      expect(v.code).toBe(1);
      const line = original.split('\n').length + 2;
      expect(v.stderr).toContain(`board.yaml:${line}`);
      expect(v.stderr).toContain('the minute reference "Minute {no}" has an unknown field {no}');
      expect(v.stderr).toContain('{number}');
    } finally {
      await board.cleanup();
    }
  });
});

describe('meetings before the folder begins', () => {
  const history = [
    'history:',
    '  - date: 2019-07-09',
    '    minutes: { first: 30, last: 41 }',
    '    actions:',
    '      - id: sufficiency-strategy',
    '        minute: 35',
    '        item: Sufficiency Strategy',
    '        owners: [barbara-bath, Former Head of Service]',
    '        action: Circulate the sufficiency strategy to members.',
    '',
  ].join('\n');

  it('carry their actions into the action log under their own meeting and minute, and the numbering runs on from them', async () => {
    const board = await copyOfExample();
    try {
      const boardYaml = join(board.dir, 'board.yaml');
      await writeFile(boardYaml, `${await readFile(boardYaml, 'utf8')}\nminutes:\n  numbering: never-reset\n${history}`);
      const actions = join(board.dir, 'actions.yaml');
      await writeFile(actions, `${await readFile(actions, 'utf8')}\nsufficiency-strategy:\n  status: completed\n  updates:\n    - { date: 2019-08-01, text: Circulated to members. }\n`);
      const r = await cpb(['build', board.dir, '--meeting', '2020-01-30'], { env: { CPB_TODAY: '2020-02-01' } });
      expect(r.code, r.stderr).toBe(0);
      const pages = await pdfPages(join(board.dir, 'out/2020-01-30/pack.pdf'));
      const log = pages.filter((p) => p.includes('Agenda Item 3')).join(' ');
      expect(log).toContain('Meeting held on Tuesday, 9th July, 2019 Minute Item Owner Action Progress Status 35 Sufficiency Strategy');
      expect(log).toContain('Barbara Bath, Former Head of Service Circulate the sufficiency strategy to members. 01.08.19: Circulated to members. Completed');
      expect(log.indexOf('9th July, 2019')).toBeLessThan(log.indexOf('17th September, 2019'));
      // September's minutes run on from 41 (42 to 52), November's from there (53 to 61).
      const minutes = pages.filter((p) => p.includes('Agenda Item 2')).join(' ');
      expect(minutes).toContain('53. Introductions and Apologies');
      expect(minutes).toContain('61. Residential Placement Review');
    } finally {
      await board.cleanup();
    }
  });

  it('refuse an action under a minute the meeting did not have, naming the line', async () => {
    const board = await copyOfExample();
    try {
      const boardYaml = join(board.dir, 'board.yaml');
      const original = await readFile(boardYaml, 'utf8');
      await writeFile(boardYaml, `${original}\n${history.replace('minute: 35', 'minute: 45')}`);
      const v = await cpb(['validate', board.dir]);
      expect(v.code).toBe(1);
      expect(v.stderr).toContain(`board.yaml:${original.split('\n').length + 6}`);
      expect(v.stderr).toContain("minute 45 is not one of the meeting's minutes (30 to 41)");
    } finally {
      await board.cleanup();
    }
  });
});

describe('attendance as the clerk records it', () => {
  it('prints roles, late arrivals, early leavers, substitutes and apologies by group, and refuses someone present who is no one', async () => {
    const board = await copyOfExample();
    try {
      const boardYaml = join(board.dir, 'board.yaml');
      await writeFile(boardYaml, `${await readFile(boardYaml, 'utf8')}\nminutes:\n  apologies_by_group: true\n`);
      const november = join(board.dir, 'meetings/2019-11-26/minutes.yaml');
      const original = await readFile(november, 'utf8');
      const edited = original
        .replace('  - ian-brown\n', '  - { member: ian-brown, role: Chairman }\n')
        .replace('  - jayne-rear\n', '  - { member: jayne-rear, to: "19:20" }\n  - { name: County Councillor Pat Jones, substituting_for: julie-gibson }\n')
        .replace('  - audrey-swann\n', '  - { member: audrey-swann, from: 4 }\n')
        .replace('  - natasha\n', '  - natasha\n  - { name: Dr Asha Rao, organisation: Designated Doctor, group: officer }\n');
      await writeFile(november, edited);
      const r = await cpb(['build', board.dir, '--meeting', '2020-01-30'], { env: { CPB_TODAY: '2020-02-01' } });
      expect(r.code, r.stderr).toBe(0);
      const minutes = (await pdfPages(join(board.dir, 'out/2020-01-30/pack.pdf'))).filter((p) => p.includes('Agenda Item 2')).join(' ');
      expect(minutes).toContain('County Councillor Ian Brown (Chairman) – Lancashire County Council');
      expect(minutes).toContain('County Councillor Jayne Rear – Lancashire County Council (to 7.20 pm)');
      expect(minutes).toContain('County Councillor Pat Jones (substituting for County Councillor Julie Gibson)');
      expect(minutes).toContain('Audrey Swann – Vulnerable and Looked After Children (from item 4)');
      expect(minutes).toContain('Apologies Members: County Councillor Julie Gibson Co-opted members: Liz Donnelly-Nelson, Natasha Wright');
      expect(minutes).toContain("Young people's representatives: Charlotte, Natasha");
      expect(minutes).toContain('Officers: Michael Walder, Dr Asha Rao');

      await writeFile(november, original.replace('  - ian-brown\n', '  - ian-brown\n  - { name: Someone Else }\n'));
      const v = await cpb(['validate', board.dir]);
      expect(v.code).toBe(1);
      expect(v.stderr).toContain('meetings/2019-11-26/minutes.yaml:10');
      expect(v.stderr).toContain('someone present is neither a member (member:) nor a substitute (name: and substituting_for:)');
    } finally {
      await board.cleanup();
    }
  });
});

describe('actions inline in the discussion, and owners by post in the minutes but by person in the log', () => {
  it('print "(Action: post)" where the discussion marks it, the log names the person and post, and a mark for no action is refused', async () => {
    const board = await copyOfExample();
    try {
      const boardYaml = join(board.dir, 'board.yaml');
      await writeFile(boardYaml, `${await readFile(boardYaml, 'utf8')}\nminutes:\n  action_placement: inline\n  action_owners: post\naction_log:\n  action_owners: both\n`);
      const november = join(board.dir, 'meetings/2019-11-26/minutes.yaml');
      const original = await readFile(november, 'utf8');
      await writeFile(november, original.replace('they are expected to be back on track.', 'they are expected to be back on track. [action: delivery-plan-red-actions]'));
      const r = await cpb(['build', board.dir, '--meeting', '2020-01-30'], { env: { CPB_TODAY: '2020-02-01' } });
      expect(r.code, r.stderr).toBe(0);
      const pages = await pdfPages(join(board.dir, 'out/2020-01-30/pack.pdf'));
      const minutes = pages.filter((p) => p.includes('Agenda Item 2')).join(' ');
      expect(minutes).toContain('when they are expected to be back on track. (Action: Head of Service) Resolved: a) That the progress');
      expect(minutes).not.toContain('rated red, with reasons and revised timescales.');
      expect(minutes).not.toContain('[action:');
      // Unmarked actions still print after the decisions; an owner not on the board by name.
      expect(minutes).toContain('(Action: Andy Smith, Gavin Redhead)');
      const log = pages.filter((p) => p.includes('Agenda Item 3')).join(' ');
      expect(log).toContain('Barbara Bath (Head of Service) Provide Members with an exception report');

      await writeFile(november, original.replace('they are expected to be back on track.', 'they are expected to be back on track. [action: red-actions]'));
      const v = await cpb(['validate', board.dir]);
      expect(v.code).toBe(1);
      expect(v.stderr).toContain('meetings/2019-11-26/minutes.yaml:99');
      expect(v.stderr).toContain("the discussion marks [action: red-actions], but this minute raises no action 'red-actions'");
    } finally {
      await board.cleanup();
    }
  });
});

describe('the times a meeting sat, and the council\'s words for its minutes and action log', () => {
  it('are in the minutes heading once the clerk records when it finished, and a finish before the start is refused', async () => {
    const board = await copyOfExample();
    try {
      const minutes = join(board.dir, 'meetings/2019-11-26/minutes.yaml');
      await writeFile(minutes, `finished: "19:40"\n${await readFile(minutes, 'utf8')}`);
      // And the council's own wording of decisions and of the signatory.
      const boardYaml = join(board.dir, 'board.yaml');
      await writeFile(boardYaml, `${await readFile(boardYaml, 'utf8')}\nminutes:\n  decision_wording: "RESOLVED –"\n  decision_lettering: "(i)"\n  letter_single_decision: true\n  signature_title: Chairman\naction_log:\n  status_words: { completed: Complete, not-updated: "" }\n`);
      // The clerk dates the log as the board will receive it.
      const agenda = join(board.dir, 'meetings/2020-01-30/meeting.yaml');
      await writeFile(agenda, (await readFile(agenda, 'utf8')).replace('        generate: action-log\n', '        generate: action-log\n        last_updated: 2020-01-24\n'));
      const r = await cpb(['build', board.dir, '--meeting', '2020-01-30', '--html-only'], { env: { CPB_TODAY: '2020-02-01' } });
      expect(r.code, r.stderr).toBe(0);
      const paper = await readFile(paperFile(join(board.dir, 'out/2020-01-30'), 2, 1, 'html'), 'utf8');
      expect(paper).toContain('Minutes of the Meeting held on Tuesday, 26th November, 2019, 6.00 – 7.40 pm, in ');
      expect(paper).toContain('<strong>RESOLVED –</strong>');
      expect(paper).not.toContain('Resolved:');
      expect(paper).toMatch(/<span class="label">\(i\)<\/span>/);
      expect(paper).toMatch(/, Chairman<\/p>/);
      const log = await readFile(paperFile(join(board.dir, 'out/2020-01-30'), 3, 1, 'html'), 'utf8');
      expect(log).toContain('<span class="status">Complete</span>');
      expect(log).not.toContain('<span class="status">Completed</span>');
      // An action with no entry in actions.yaml yet has a blank status.
      expect(log).toContain('<span class="status"></span>');
      expect(log).toContain('Last updated: Friday, 24th January, 2020');

      await writeFile(minutes, (await readFile(minutes, 'utf8')).replace('finished: "19:40"', 'finished: "07:40"'));
      const v = await cpb(['validate', board.dir], { env: { CPB_TODAY: '2020-02-01' } });
      expect(v.code).toBe(1);
      expect(v.stderr).toContain('meetings/2019-11-26/minutes.yaml:1');
      expect(v.stderr).toContain('the meeting finished at 07:40, not after it started (18:00)');
    } finally {
      await board.cleanup();
    }
  });
});
