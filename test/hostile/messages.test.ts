import { mkdir, readFile, rm, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { memoryIo } from '../../src/cli/io.js';
import { formatError } from '../../src/cli/report.js';
import { SourceError } from '../../src/errors.js';
import { syntaxFault } from '../../src/render/template-fault.js';
import Handlebars from 'handlebars';
import { copyOfExample, cpb, ROOT, type CliResult } from '../helpers/cli.js';

// What a user reads when something is wrong: the one real problem and not a cascade of false
// ones, hints that keep what they wrote, template errors that point at the fault, and no paths of
// this machine. Every command runs the real CLI on a scratch copy of examples/lancashire, from the
// copy's parent folder, naming the board by the relative path `board`.

const TODAY = { CPB_TODAY: '2019-11-20' };

interface Reported {
  file: string;
  line: number;
  rule: string;
}

let board: { dir: string; cleanup: () => Promise<void> };
let parent: string;
const pristine = new Map<string, string>();

beforeAll(async () => {
  board = await copyOfExample();
  parent = dirname(board.dir);
});
afterAll(async () => board.cleanup());

/** Replaces `from` by `to` in a file of the board, once; restore() puts every file back. */
async function edit(file: string, from: string | RegExp, to: string): Promise<string[]> {
  const path = join(board.dir, file);
  const text = await readFile(path, 'utf8');
  if (!pristine.has(path)) pristine.set(path, text);
  const changed = text.replace(from, to);
  expect(changed, `${file} holds ${String(from)}`).not.toBe(text);
  await writeFile(path, changed);
  return changed.split('\n');
}

async function restore(): Promise<void> {
  for (const [path, text] of pristine) await writeFile(path, text);
  pristine.clear();
}

const lineOf = (lines: string[], needle: string) => lines.findIndex((l) => l.includes(needle)) + 1;

async function validateJson(): Promise<{ code: number; errors: Reported[]; hints: string[]; messages: string[] }> {
  const r = await cpb(['validate', 'board', '--format', 'json'], { cwd: parent, env: TODAY });
  const report = JSON.parse(r.stdout) as { errors: (Reported & { hint?: string; message: string })[] };
  return {
    code: r.code,
    errors: report.errors.map((e) => ({ file: e.file, line: e.line, rule: e.rule })),
    hints: report.errors.map((e) => e.hint ?? ''),
    messages: report.errors.map((e) => e.message),
  };
}

function output(r: CliResult): string[] {
  return `${r.stdout}\n${r.stderr}`.split('\n');
}

describe('one fault, one problem', () => {
  it('a YAML syntax error in board.yaml is the only problem: no unknown presenter or member in any meeting', async () => {
    try {
      const lines = await edit('board.yaml', /^name: (.*)$/m, 'name: [$1');
      const r = await validateJson();
      expect(r.code).toBe(1);
      expect(r.errors).toEqual([{ file: 'board/board.yaml', line: lineOf(lines, 'name: [') + 1, rule: 'yaml/syntax' }]);
    } finally {
      await restore();
    }
  });

  it('a bad value in board.yaml\'s membership is the only problem', async () => {
    try {
      const lines = await edit('board.yaml', '  - id: ian-brown\n', '  - id: [ian-brown]\n');
      const r = await validateJson();
      expect(r.code).toBe(1);
      expect(r.errors).toEqual([{ file: 'board/board.yaml', line: lineOf(lines, 'id: [ian-brown]'), rule: 'schema/type' }]);
    } finally {
      await restore();
    }
  });

  it('a YAML syntax error in a meeting.yaml is the only problem', async () => {
    try {
      const lines = await edit('meetings/2019-11-26/meeting.yaml', /^time: "18:00"$/m, 'time: ["18:00"');
      const r = await validateJson();
      expect(r.code).toBe(1);
      expect(r.errors).toEqual([{ file: 'board/meetings/2019-11-26/meeting.yaml', line: lineOf(lines, 'time: [') + 1, rule: 'yaml/syntax' }]);
    } finally {
      await restore();
    }
  });

  it('a syntax error in the last meeting.yaml does not make the meeting before it lack a next meeting', async () => {
    try {
      // Without the schedule, the meeting of 25 March finds its next meeting only in meetings/2020-05-12.
      await edit('board.yaml', /^schedule:[\s\S]*$/m, '');
      const lines = await edit('meetings/2020-05-12/meeting.yaml', /^time: "18:00"$/m, 'time: ["18:00"');
      const r = await validateJson();
      expect(r.code).toBe(1);
      expect(r.errors).toEqual([{ file: 'board/meetings/2020-05-12/meeting.yaml', line: lineOf(lines, 'time: [') + 1, rule: 'yaml/syntax' }]);
    } finally {
      await restore();
    }
  });

  it("a bad item number in a meeting.yaml gives no problems in minutes.yaml about that meeting's items", async () => {
    try {
      const lines = await edit('meetings/2019-11-26/meeting.yaml', '  - title: Introductions and Apologies\n', '  - title: Introductions and Apologies\n    number: one\n');
      const r = await validateJson();
      expect(r.code).toBe(1);
      expect(r.errors).toEqual([{ file: 'board/meetings/2019-11-26/meeting.yaml', line: lineOf(lines, 'number: one'), rule: 'schema/type' }]);
    } finally {
      await restore();
    }
  });

  it('a YAML syntax error in a minutes.yaml is reported once, and actions.yaml is not said to update unknown actions', async () => {
    try {
      const lines = await edit('meetings/2019-11-26/minutes.yaml', /^present:/m, 'present: [');
      const r = await validateJson();
      expect(r.code).toBe(1);
      expect(r.errors).toHaveLength(1);
      expect(r.errors[0]).toMatchObject({ file: 'board/meetings/2019-11-26/minutes.yaml', rule: 'yaml/syntax' });
      expect(r.errors[0]!.line).toBeGreaterThanOrEqual(lineOf(lines, 'present: ['));
      expect(r.errors[0]!.line).toBeLessThanOrEqual(lineOf(lines, 'present: [') + 1);
      expect(r.hints[0]).toContain('Fix this first');
    } finally {
      await restore();
    }
  });

  it('an unclosed bracket in indicators.yaml is one problem, not dozens, and no figure is said to be undefined', async () => {
    try {
      const lines = await edit('performance/indicators.yaml', /^groups:/m, 'groups: [');
      const r = await validateJson();
      expect(r.code).toBe(1);
      expect(r.errors).toHaveLength(1);
      expect(r.errors[0]).toMatchObject({ file: 'board/performance/indicators.yaml', rule: 'yaml/syntax' });
      expect(r.errors[0]!.line).toBeGreaterThan(lineOf(lines, 'groups: ['));
    } finally {
      await restore();
    }
  });
});

describe('quoting hints keep the value as written', () => {
  it('a phone number keeps its leading zero', async () => {
    try {
      await edit('board.yaml', '  phone: (01772) 532471\n', '  phone: 01772532471\n');
      const r = await validateJson();
      expect(r.errors.map((e) => e.rule)).toEqual(['schema/type']);
      expect(r.messages[0]).toBe("'phone' must be a string, not number 01772532471");
      expect(r.hints[0]).toContain('"01772532471"');
    } finally {
      await restore();
    }
  });

  it('a plan reference keeps its trailing zero', async () => {
    try {
      await edit('plans/delivery-plan.yaml', '  - ref: "1"\n', '  - ref: 1.10\n');
      const r = await validateJson();
      expect(r.errors.map((e) => e.rule)).toEqual(['schema/type']);
      expect(r.hints[0]).toContain('"1.10"');
      expect(r.hints[0]).not.toContain('"1.1"');
      expect(r.messages[0]).toBe("'ref' must be a string, not number 1.10");
    } finally {
      await restore();
    }
  });
});

describe("errors in a board's own template", () => {
  const frontSheet = 'templates/partials/front-sheet.hbs';
  /** cpb's front sheet with `extra` added at the end of line 7. */
  async function brokenFrontSheet(extra: string): Promise<void> {
    const lines = (await readFile(join(ROOT, frontSheet), 'utf8')).split('\n');
    expect(lines.length).toBeGreaterThan(10);
    lines[6] += extra;
    await mkdir(join(board.dir, 'templates/partials'), { recursive: true });
    await writeFile(join(board.dir, frontSheet), lines.join('\n'));
  }
  const build = () => cpb(['build', 'board', '--html-only', '--force', '-m', '2019-11-26'], { cwd: parent, env: TODAY });

  function expectTemplateError(r: CliResult, reason: string) {
    expect(r.code).toBe(1);
    const errors = r.stderr.split('\n').filter((l) => l.startsWith('error '));
    expect(errors).toEqual([`error board/${frontSheet}:7  ${reason}`]);
    expect(r.stderr).not.toMatch(/Parse error|Expecting|^\s+at /m);
    expect(r.stderr).not.toMatch(/caused by/);
  }

  it('an unclosed block names the template and the line it opens on, not the end of the file', async () => {
    await brokenFrontSheet(' {{#if theme}} oops');
    expectTemplateError(await build(), 'The template cannot be read: {{#if}} is never closed: there is no {{/if}}');
  });

  it('an unknown helper names the template, its line and the helper', async () => {
    await brokenFrontSheet(' {{shout council}}');
    expectTemplateError(await build(), "The template cannot be filled in: there is no helper 'shout'");
  });

  it('an unknown partial names the template that calls it (not cpb\'s agenda), its line and the partial', async () => {
    await brokenFrontSheet(' {{> signature}}');
    expectTemplateError(await build(), "The template cannot be filled in: there is no partial 'signature'");
  });

  it("a fault inside a partial block ({{#> layout}}…{{/layout}}) is the calling template's, at its line", async () => {
    await rm(join(board.dir, 'templates'), { recursive: true, force: true });
    await mkdir(join(board.dir, 'templates/documents'), { recursive: true });
    await writeFile(join(board.dir, 'templates/documents/agenda.hbs'), '{{#> layout}}\n{{> front-sheet}}\n<p>{{shout council}}</p>\n{{/layout}}\n');
    try {
      const r = await build();
      expect(r.code).toBe(1);
      expect(r.stderr.split('\n').filter((l) => l.startsWith('error '))).toEqual(["error board/templates/documents/agenda.hbs:3  The template cannot be filled in: there is no helper 'shout'"]);
    } finally {
      await rm(join(board.dir, 'templates/documents'), { recursive: true, force: true });
    }
  });

  afterAll(async () => {
    await rm(join(board.dir, 'templates'), { recursive: true, force: true });
  });
});

describe('template syntax errors in plain words', () => {
  const fault = (text: string) => {
    try {
      Handlebars.parse(text);
    } catch (error) {
      return syntaxFault(error, text);
    }
    throw new Error('the template parsed');
  };

  it('points at the innermost block left open, past comments and closed blocks', () => {
    const text = '{{!-- {{#if x}} in a comment --}}\n{{#each items}}\n  {{#if title}}{{title}}{{/if}}\n  {{#unless done}}\n{{/each}}\n<p>\n';
    expect(fault(text)).toEqual({ line: 4, reason: '{{#unless}} is closed by {{/each}}: each block ends with its own name' });
    expect(fault('<p>\n{{#each items}}\n  {{#if title}}{{title}}{{/if}}\n<p>\n\n\n')).toEqual({ line: 2, reason: '{{#each}} is never closed: there is no {{/each}}' });
  });

  it('says what is wrong with a {{ }} without Handlebars\' token names', () => {
    expect(fault('a\n{{else}}\n')).toEqual({ line: 2, reason: '{{else}} is outside any {{#if}}, {{#unless}} or {{#each}} block' });
    expect(fault('a\nb {{title\n{{#if x}}{{/if}}')).toEqual({ line: 2, reason: 'a {{ is not closed by }} before the next {{' });
    expect(fault('a\n{{> }}')).toEqual({ line: 2, reason: 'a {{ }} is missing its name' });
  });
});

describe('CPB_TODAY', () => {
  it.each(['2020-13-45', '2019-02-30', 'tomorrow', '20191120', '2019-11-20 '])('%j is refused as usage, naming the variable and the form', async (value) => {
    const r = await cpb(['validate', 'board'], { cwd: parent, env: { CPB_TODAY: value } });
    expect(r.code).toBe(2);
    expect(r.stderr).toContain(`CPB_TODAY must be a real day written YYYY-MM-DD, not '${value}'`);
  });

  it('a real day, 29 February of a leap year, is taken', async () => {
    const r = await cpb(['validate', 'board'], { cwd: parent, env: { CPB_TODAY: '2020-02-29' } });
    expect(r.code).toBe(0);
  });
});

describe('no paths of this machine in messages', () => {
  it('failing commands run from outside the board name files relatively, never by the absolute path of the board or of cpb', async () => {
    const runs: CliResult[] = [];
    try {
      runs.push(await cpb(['build', 'no-such-board'], { cwd: parent, env: TODAY }));
      runs.push(await cpb(['validate', 'no-such-board'], { cwd: parent, env: TODAY }));
      runs.push(await cpb(['build', 'board', '--html-only', '-m', '2099-01-01'], { cwd: parent, env: TODAY }));
      runs.push(await cpb(['build', 'board', '--html-only', '-m', 'yesterday'], { cwd: parent, env: TODAY }));
      await writeFile(join(parent, 'a-file'), 'not a folder');
      runs.push(await cpb(['build', 'board', '--html-only', '-o', 'a-file'], { cwd: parent, env: TODAY }));
      runs.push(await cpb(['build', 'board', '--html-only', '-o', 'a-file/out'], { cwd: parent, env: TODAY }));
      // A Word paper that is not a Word file.
      await writeFile(join(board.dir, 'meetings/2019-11-26/papers/exploitation-update.docx'), 'not a zip');
      runs.push(await cpb(['build', 'board', '--html-only', '--force', '-m', '2019-11-26'], { cwd: parent, env: TODAY }));
      await restoreDocx();
      // A template of the board's that cannot be read, and one of cpb's that calls a partial the board broke.
      await mkdir(join(board.dir, 'templates/partials'), { recursive: true });
      await writeFile(join(board.dir, 'templates/partials/front-sheet.hbs'), '<header>\n{{#each notices}}\n');
      runs.push(await cpb(['build', 'board', '--html-only', '--force', '-m', '2019-11-26'], { cwd: parent, env: TODAY }));
      await writeFile(join(board.dir, 'templates/partials/front-sheet.hbs'), '{{> missing-piece}}\n');
      runs.push(await cpb(['build', 'board', '--html-only', '--force', '-m', '2019-11-26'], { cwd: parent, env: TODAY }));
      await rm(join(board.dir, 'templates'), { recursive: true, force: true });
      // Bad data, in every format.
      await edit('actions.yaml', /^/, 'x: [\n');
      runs.push(await cpb(['validate', 'board'], { cwd: parent, env: TODAY }));
      runs.push(await cpb(['validate', 'board', '--format', 'github'], { cwd: parent, env: TODAY }));
      runs.push(await cpb(['validate', 'board/actions.yaml'], { cwd: parent, env: TODAY }));
      runs.push(await cpb(['build', 'board', '--html-only'], { cwd: parent, env: TODAY }));
      runs.push(await cpb(['actions', 'board'], { cwd: parent, env: { CPB_TODAY: '2019-02-30' } }));
    } finally {
      await restore();
    }
    // Every one of them failed, and said why.
    expect(runs.map((r) => r.code).every((c) => c !== 0)).toBe(true);
    for (const r of runs) expect(r.stderr).toMatch(/error/);
    const leaks = runs.flatMap(output).filter((l) => l.includes(parent) || l.includes(ROOT) || l.includes('node_modules'));
    expect(leaks).toEqual([]);
    // And the board's files are named from the working folder.
    expect(runs.flatMap(output).some((l) => l.startsWith('error board/templates/partials/front-sheet.hbs:2'))).toBe(true);
    expect(runs.flatMap(output).some((l) => l.includes('board/meetings/2019-11-26/papers/exploitation-update.docx'))).toBe(true);
  }, 240_000);

  it('a board beside the working folder is named as the user gave it (../board), not by its full path', async () => {
    const sibling = join(parent, 'elsewhere');
    await mkdir(sibling, { recursive: true });
    try {
      await edit('actions.yaml', /^/, 'x: [\n');
      const r = await cpb(['validate', '../board'], { cwd: sibling, env: TODAY });
      expect(r.code).toBe(1);
      expect(r.stderr).toContain('../board/actions.yaml:');
      expect(output(r).filter((l) => l.includes(parent))).toEqual([]);
    } finally {
      await restore();
    }
  });

  async function restoreDocx(): Promise<void> {
    const file = 'meetings/2019-11-26/papers/exploitation-update.docx';
    await writeFile(join(board.dir, file), await readFile(join(ROOT, 'examples/lancashire', file)));
  }
});

describe('caused by', () => {
  it('a cause is printed only when it says something new', () => {
    const io = memoryIo();
    const empty = formatError(new SourceError('Cannot read the paper board/x.docx: bad zip', { cause: new Error('\n') }), io, false);
    const repeated = formatError(new SourceError('Cannot read the paper board/x.docx: bad zip', { cause: new Error('bad zip\n    at stack') }), io, false);
    const system = Object.assign(new Error(`EACCES: permission denied, open '${ROOT}/x.docx'`), { syscall: 'open', code: 'EACCES' });
    const news = formatError(new SourceError('Cannot read the paper board/x.docx', { cause: system }), io, false);
    expect(empty).toBe('error Cannot read the paper board/x.docx: bad zip\n');
    expect(repeated).toBe('error Cannot read the paper board/x.docx: bad zip\n');
    expect(news).toBe('error Cannot read the paper board/x.docx\n  caused by: EACCES: permission denied\n');
  });

  it('no printed error has an empty "caused by:" line, nor one that repeats the message', async () => {
    await rm(join(parent, 'a-file'), { recursive: true, force: true });
    await writeFile(join(parent, 'a-file'), 'not a folder');
    const runs = [
      await cpb(['build', 'no-such-board'], { cwd: parent, env: TODAY }),
      await cpb(['build', 'board', '--html-only', '-o', 'a-file'], { cwd: parent, env: TODAY }),
      await cpb(['build', 'board', '--html-only', '-o', 'a-file/out'], { cwd: parent, env: TODAY }),
    ];
    // An output folder that is a file, or would be made inside one, is refused as usage.
    expect(runs.map((r) => r.code)).toEqual([2, 2, 2]);
    expect(runs[2]!.stderr).toContain('a-file is a file, not a folder');
    for (const r of runs) {
      const lines = r.stderr.split('\n');
      expect(lines.filter((l) => /caused by:\s*$/.test(l))).toEqual([]);
      const message = lines.find((l) => l.startsWith('error ')) ?? '';
      for (const cause of lines.filter((l) => l.includes('caused by:'))) {
        expect(message).not.toContain(cause.split('caused by:')[1]!.trim());
      }
    }
  });
});
