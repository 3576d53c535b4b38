import { cp, mkdtemp, readFile, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { memoryIo } from '../../src/cli/io.js';
import { run } from '../../src/cli/run.js';
import type { Problem } from '../../src/errors.js';

// Each case in test/corpus/cases is a copy of test/corpus/base (a small copy of the example
// board) with one fault: its files/ replace the base's, and case.json says exactly what
// `cpb validate` must report. "Today" is fixed so the overdue rule gives the same answer every day.
const CORPUS = join(import.meta.dirname, '../corpus');
const TODAY = '2019-11-20';

interface Case {
  description: string;
  remove?: string[];
  /** `cell` ("'Sheet'!A3") and `message` are checked where a case gives them: a workbook's cell, a message whose words are the point. */
  expect: { file: string; line: number; column?: number; cell?: string; rule: string; severity: string; message?: string }[];
}

async function validate(dir: string) {
  const io = memoryIo({ CPB_TODAY: TODAY });
  const code = await run(['validate', dir, '--format', 'json'], io);
  const report = JSON.parse(io.out.join('')) as { errors: Problem[]; warnings: Problem[] };
  return { code, problems: [...report.errors, ...report.warnings] };
}

async function boardFor(name?: string): Promise<{ dir: string; cleanup: () => Promise<void> }> {
  const parent = await mkdtemp(join(tmpdir(), 'cpb-corpus-'));
  const dir = join(parent, 'board');
  await cp(join(CORPUS, 'base'), dir, { recursive: true });
  if (name) {
    const spec = JSON.parse(await readFile(join(CORPUS, 'cases', name, 'case.json'), 'utf8')) as Case;
    for (const file of spec.remove ?? []) await rm(join(dir, file));
    await cp(join(CORPUS, 'cases', name, 'files'), dir, { recursive: true });
  }
  return { dir, cleanup: () => rm(parent, { recursive: true, force: true }) };
}

const names = (await readdir(join(CORPUS, 'cases'))).sort();

describe('the broken-data corpus', () => {
  it('has at least 30 cases, and a base that is valid with nothing to warn about', async () => {
    expect(names.length).toBeGreaterThanOrEqual(30);
    const board = await boardFor();
    try {
      const { code, problems } = await validate(board.dir);
      expect(problems).toEqual([]);
      expect(code).toBe(0);
    } finally {
      await board.cleanup();
    }
  });

  it.each(names)('%s', async (name) => {
    const spec = JSON.parse(await readFile(join(CORPUS, 'cases', name, 'case.json'), 'utf8')) as Case;
    const board = await boardFor(name);
    try {
      const { code, problems } = await validate(board.dir);
      const reported = problems.map((p) => ({
        file: p.file.slice(p.file.indexOf('board/') + 'board/'.length),
        line: p.line,
        ...(spec.expect.some((e) => e.column !== undefined) ? { column: p.column } : {}),
        ...(spec.expect.some((e) => e.cell !== undefined) ? { cell: p.cell } : {}),
        ...(spec.expect.some((e) => e.message !== undefined) ? { message: p.message } : {}),
        rule: p.rule,
        severity: p.severity,
      }));
      expect(reported, spec.description).toEqual(spec.expect);
      expect(code).toBe(spec.expect.some((e) => e.severity === 'error') ? 1 : 0);
    } finally {
      await board.cleanup();
    }
  });
});
