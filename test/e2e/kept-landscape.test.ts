import { execFileSync } from 'node:child_process';
import { cp, mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cpb, EXAMPLES } from '../helpers/cli.js';

const ENV = { CPB_TODAY: '2022-06-23', SOURCE_DATE_EPOCH: '1656633600' };
const MEETING = '2022-06-22';
const SCORECARD = `${MEETING}/05-2-appendix-1-performance-scorecard-2021-22.pdf`;

async function pdfsUnder(dir: string): Promise<string[]> {
  const entries = await readdir(dir, { recursive: true, withFileTypes: true });
  return entries.filter((e) => e.isFile() && e.name.endsWith('.pdf')).map((e) => relative(dir, join(e.parentPath, e.name))).sort();
}

/** Each page of a PDF, as poppler sizes it: landscape or portrait. */
function orientations(file: string): string[] {
  const info = execFileSync('pdfinfo', ['-f', '1', '-l', '999', file], { encoding: 'utf8' });
  return [...info.matchAll(/^Page +\d+ size: +([\d.]+) x ([\d.]+)/gm)].map((m) => (Number(m[1]) > Number(m[2]) ? 'L' : 'P'));
}

// Croydon's scorecard prints its tables on landscape pages: kept from the last build, the paper
// goes into the pack made anew with those pages as its record says, without being read for them.
describe('a kept paper with landscape pages', () => {
  let parent: string;
  const board = () => join(parent, 'board');
  const build = (out: string) => cpb(['build', board(), '--meeting', MEETING, '-o', join(parent, out)], { env: ENV, timeoutMs: 300_000 });

  beforeAll(async () => {
    parent = await mkdtemp(join(tmpdir(), 'cpb-test-'));
    await cp(join(EXAMPLES, 'croydon'), board(), { recursive: true, filter: (src) => !src.includes('/out') });
    expect((await build('out')).code).toBe(0);
  }, 300_000);
  afterAll(() => rm(parent, { recursive: true, force: true }));

  it('is recorded with its landscape pages, and the pack made after an edit is what a fresh build makes', async () => {
    const record = JSON.parse(await readFile(join(parent, 'out', '.cpb-build-cache.json'), 'utf8')) as { units: Record<string, { prints?: Record<string, { pages: number; landscape?: number[] }> }> };
    const scorecard = record.units[MEETING]!.prints![SCORECARD]!;
    const sizes = orientations(join(parent, 'out', SCORECARD));
    expect(sizes).toContain('L');
    expect(scorecard.landscape).toEqual(sizes.flatMap((s, i) => (s === 'L' ? [i] : [])));

    const cover = join(board(), 'meetings', MEETING, 'papers', 'performance-year-end.md');
    const text = await readFile(cover, 'utf8');
    const heading = /^# .+$/m.exec(text)![0];
    await writeFile(cover, text.replace(heading, `${heading} (revised)`));
    const r = await build('out');
    expect(r.code, r.stderr).toBe(0);
    expect(r.stderr).toContain(`Keeping ${SCORECARD}`);
    expect(r.stderr).toContain(`Printing ${MEETING}/pack.pdf`);

    expect((await build('fresh')).code).toBe(0);
    const files = await pdfsUnder(join(parent, 'fresh', MEETING));
    expect(files).toContain('pack.pdf');
    for (const file of files) expect(Buffer.compare(await readFile(join(parent, 'out', MEETING, file)), await readFile(join(parent, 'fresh', MEETING, file))), file).toBe(0);
  }, 600_000);
});
