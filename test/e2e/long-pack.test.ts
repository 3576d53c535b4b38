import { execFileSync } from 'node:child_process';
import { appendFile, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { join, relative } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { copyOfExample, cpb } from '../helpers/cli.js';
import { pdfPages } from '../helpers/pdf.js';

const ENV = { CPB_TODAY: '2020-02-01', SOURCE_DATE_EPOCH: '1577836800' };
const MEETING = '2019-11-26';
const build = (dir: string, out: string) => cpb(['build', dir, '--meeting', MEETING, '-o', out], { env: ENV, timeoutMs: 300_000 });

async function pdfsUnder(dir: string): Promise<string[]> {
  const entries = await readdir(dir, { recursive: true, withFileTypes: true });
  return entries.filter((e) => e.isFile() && e.name.endsWith('.pdf')).map((e) => relative(dir, join(e.parentPath, e.name))).sort();
}

/** Sections of a report long enough to run over about `pages` A4 pages. */
function longReport(pages: number): string {
  const sentence = 'The service reviewed every placement of a child in care this quarter, with the child and their social worker, and recorded what was agreed.';
  return Array.from({ length: pages * 3 }, (_, i) => `\n## Venue notes ${i + 1}\n\n${Array(5).fill(sentence).join(' ')}\n`).join('');
}

// A pack of more than a hundred pages: its page numbers come from more than one print of stamps.
describe('a pack of more than a hundred pages', () => {
  let board: { dir: string; cleanup: () => Promise<void> };
  const out = () => join(board.dir, '..', 'out');
  const paper = () => join(board.dir, `meetings/${MEETING}/papers/delivery-plan.md`);

  beforeAll(async () => {
    board = await copyOfExample();
    await appendFile(paper(), longReport(150));
    const r = await build(board.dir, out());
    expect(r.code, r.stderr).toBe(0);
  }, 300_000);
  afterAll(() => board.cleanup());

  it('embeds each font once, though each of its papers was printed with its own', async () => {
    /** The composite TrueType fonts Chromium embeds, by name without their subset tags. */
    const fonts = (pdf: string) =>
      execFileSync('pdffonts', [pdf], { encoding: 'utf8' })
        .split('\n')
        .filter((line) => /CID TrueType/.test(line))
        .map((line) => line.split(/\s+/)[0]!.replace(/^[A-Z]{6}\+/, ''));
    const pack = fonts(join(out(), MEETING, 'pack.pdf'));
    const papers = (await pdfsUnder(join(out(), MEETING))).filter((f) => /^\d/.test(f)).flatMap((f) => fonts(join(out(), MEETING, f)));
    // The front sheet and the stamps may bring a font no paper uses.
    expect(pack).toEqual(expect.arrayContaining([...new Set(papers)]));
    expect(pack.length).toBe(new Set(pack).size);
    expect(papers.length).toBeGreaterThan(2 * pack.length);
  });

  it('numbers every page, and after an edit is byte for byte what a build from nothing makes', async () => {
    const pages = await pdfPages(join(out(), MEETING, 'pack.pdf'));
    expect(pages.length).toBeGreaterThan(130);
    for (const n of [1, 64, 65, 129, pages.length]) expect(pages[n - 1], `page ${n}`).toMatch(new RegExp(`\\bPage ${n}\\b`));

    // Another paper edited: its pack is made again from the kept papers, with all the numbers it
    // needed last time printed at once.
    const other = join(board.dir, `meetings/${MEETING}/papers/performance-information.md`);
    await writeFile(other, (await readFile(other, 'utf8')).replace('# Consultations', '# Consultations held'));
    const r = await build(board.dir, out());
    expect(r.code, r.stderr).toBe(0);
    expect(r.stderr).toMatch(/^Keeping \S+delivery-plan\S*\.pdf/m);

    const fresh = join(board.dir, '..', 'fresh');
    expect((await build(board.dir, fresh)).code).toBe(0);
    const files = await pdfsUnder(join(fresh, MEETING));
    expect(files).toContain('pack.pdf');
    for (const file of files) expect(Buffer.compare(await readFile(join(out(), MEETING, file)), await readFile(join(fresh, MEETING, file))), file).toBe(0);
    await rm(fresh, { recursive: true, force: true });
  }, 600_000);
});
