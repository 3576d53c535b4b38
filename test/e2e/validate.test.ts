import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { copyOfExample, cpb } from '../helpers/cli.js';

/** Applies `edit` to a file of a scratch copy of the example and runs `cpb validate` on it. */
async function validateBroken(file: string, edit: (text: string) => string, args: string[] = []) {
  const board = await copyOfExample();
  try {
    const path = join(board.dir, file);
    const text = edit(await readFile(path, 'utf8'));
    await writeFile(path, text);
    const r = await cpb(['validate', board.dir, ...args], { cwd: board.dir, env: { CPB_TODAY: '2019-11-20' } });
    return { ...r, lines: text.split('\n') };
  } finally {
    await board.cleanup();
  }
}

const lineOf = (lines: string[], needle: string) => lines.findIndex((l) => l.includes(needle)) + 1;

describe('cpb validate', () => {
  it('reports the example board valid with exit 0', async () => {
    const r = await cpb(['validate', 'examples/lancashire']);
    expect(r.code).toBe(0);
    expect(r.stderr).toMatch(/^\d+ files valid/m);
  });

  it('names file, line and column of a misspelt field, with a suggestion, and exits 1', async () => {
    const r = await validateBroken('meetings/2019-11-26/meeting.yaml', (t) => t.replace(/^venue:/m, 'venu:'));
    expect(r.code).toBe(1);
    const line = lineOf(r.lines, 'venu:');
    expect(r.stderr).toContain(`meetings/2019-11-26/meeting.yaml:${line}:1  error  unknown field 'venu'  (schema/additionalProperties)`);
    expect(r.stderr).toContain("hint: Did you mean 'venue'?");
    expect(r.stderr).toContain("missing the required field 'venue'");
    expect(r.stderr).toMatch(/2 errors in 1 file/);
  });

  it('catches a time YAML would read as a number, and suggests quoting it', async () => {
    const r = await validateBroken('meetings/2019-11-26/meeting.yaml', (t) => t.replace('time: "18:00"', 'time: 1800'));
    expect(r.code).toBe(1);
    expect(r.stderr).toContain(`meeting.yaml:${lineOf(r.lines, 'time: 1800')}:7  error  'time' must be a string, not number 1800`);
    expect(r.stderr).toContain('Put the value in quotes');
  });

  it('rejects a young person named in full in board.yaml', async () => {
    const r = await validateBroken('board.yaml', (t) => t.replace('name: Charlotte', 'name: Charlotte Example'));
    expect(r.code).toBe(1);
    expect(r.stderr).toContain(`board.yaml:${lineOf(r.lines, 'Charlotte Example')}:11  error  'name' young people's representatives are named by first name only`);
  });

  it('reports a duplicate key at the second occurrence', async () => {
    const r = await validateBroken('board.yaml', (t) => t.replace('council: Lancashire County Council', 'council: Lancashire County Council\ncouncil: Lancashire'));
    expect(r.code).toBe(1);
    expect(r.stderr).toContain(`board.yaml:${lineOf(r.lines, 'council: Lancashire') + 1}:1  error`);
    expect(r.stderr).toContain('(yaml/duplicate-key)');
  });

  it('checks a meeting date against its folder', async () => {
    const r = await validateBroken('meetings/2019-11-26/meeting.yaml', (t) => t.replace('date: 2019-11-26', 'date: 2019-11-27'));
    expect(r.code).toBe(1);
    expect(r.stderr).toContain(`meeting.yaml:${lineOf(r.lines, 'date: 2019-11-27')}:7  error  date 2019-11-27 does not match the meeting's folder name '2019-11-26'`);
  });

  it('reports a paper that does not exist', async () => {
    const r = await validateBroken('meetings/2019-11-26/meeting.yaml', (t) => t.replace('papers/delivery-plan.md', 'papers/delivery-plan.docx'));
    expect(r.code).toBe(1);
    expect(r.stderr).toContain(`meeting.yaml:${lineOf(r.lines, 'delivery-plan.docx')}:15  error  paper 'papers/delivery-plan.docx' does not exist`);
  });

  it('validates a single data file given on its own, and speaks JSON when asked', async () => {
    const r = await cpb(['validate', 'examples/lancashire/board.yaml', '--format', 'json']);
    expect(r.code).toBe(0);
    expect(JSON.parse(r.stdout)).toMatchObject({ valid: true, files: 1, errors: [], warnings: [] });
  });

  it('checks a CSV export on its own, outside its board, knowing it by its header', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'cpb-csv-'));
    try {
      const file = join(dir, 'export.csv');
      await writeFile(file, 'indicator,month,value\ncla-number,2019-04,"1,23"\n');
      const r = await cpb(['validate', file]);
      expect(r.code).toBe(1);
      expect(r.stderr).toContain(`${file}:1:1  error  cannot tell the financial year`);
      await writeFile(join(dir, '2019-20.csv'), 'indicator,month,value\ncla-number,2019-04,"1,23"\n');
      const named = await cpb(['validate', join(dir, '2019-20.csv')]);
      expect(named.code).toBe(1);
      expect(named.stderr).toContain(`2019-20.csv:2:20  error  '1,23' is not a figure`);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });

  it('annotates a pull request with --format github', async () => {
    const r = await validateBroken('meetings/2019-11-26/meeting.yaml', (t) => t.replace(/^venue:/m, 'venu:'), ['--format', 'github']);
    expect(r.code).toBe(1);
    const line = lineOf(r.lines, 'venu:');
    expect(r.stdout).toContain(`::error file=meetings/2019-11-26/meeting.yaml,line=${line},col=1,title=schema/additionalProperties::unknown field 'venu'. Did you mean 'venue'?`);
  });

  it('passes warnings by default and fails them with --strict', async () => {
    const edit = (t: string) => t.replace('published: 2019-11-18', 'published: 2019-11-22');
    const relaxed = await validateBroken('meetings/2019-11-26/meeting.yaml', edit);
    expect(relaxed.code).toBe(0);
    expect(relaxed.stderr).toContain('the agenda is published 1 clear working day before the meeting; at least 5 are required  (meeting/notice-period)');
    const strict = await validateBroken('meetings/2019-11-26/meeting.yaml', edit, ['--strict']);
    expect(strict.code).toBe(1);
  });

  it('exits 2 for a folder that is not a board', async () => {
    const r = await cpb(['validate', 'templates']);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('has no board.yaml');
  });
});
