import { existsSync } from 'node:fs';
import { readFile, writeFile } from 'node:fs/promises';
import { dirname, join, relative, resolve, sep } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { builtCopyOfExample } from '../helpers/built-example.js';
import { cpb } from '../helpers/cli.js';
import { filesUnder, isExternal, linksIn } from '../helpers/site.js';
import { paperFile, paperName } from '../helpers/paper-files.js';

const ENV = { CPB_TODAY: '2019-11-20' };
const CHANGED = '2019-11-26';

/** Every PDF under out/, by path relative to it, with its bytes. */
async function pdfs(out: string): Promise<Map<string, string>> {
  const files = (await filesUnder(out)).filter((f) => f.endsWith('.pdf') && !f.includes('.cpb-'));
  return new Map(await Promise.all(files.map(async (f) => [relative(out, f).split(sep).join('/'), (await readFile(f)).toString('base64')] as const)));
}

/** Links in the site's pages to files that are not there. */
async function brokenLinks(site: string): Promise<string[]> {
  const broken: string[] = [];
  for (const page of (await filesUnder(site)).filter((f) => f.endsWith('.html'))) {
    for (const link of linksIn(await readFile(page, 'utf8'))) {
      if (isExternal(link)) continue;
      const target = resolve(dirname(page), decodeURI(link.split('#')[0]!.split('?')[0]!));
      if (!existsSync(target)) broken.push(`${relative(site, page)} → ${link}`);
    }
  }
  return broken;
}

/** The site's copy of the supplied PDF paper (item 3's second). */
const isSupplied = (path: string) => path.startsWith(`site/meetings/${CHANGED}/`) && paperName(3, 2, 'pdf').test(path.slice(`site/meetings/${CHANGED}/`.length));
const ofChanged = (path: string) => path.startsWith(`${CHANGED}/`) || path.startsWith(`site/meetings/${CHANGED}/`);

/** Without PDFs, cpb keeps those of meetings that did not change and removes those that did. */
describe('no browser, or --html-only, after a full build', () => {
  let board: { dir: string; cleanup: () => Promise<void> };
  let out: string;
  let full: Map<string, string>;
  const editPaper = async (words: string) => {
    const paper = join(board.dir, `meetings/${CHANGED}/papers/delivery-plan.md`);
    await writeFile(paper, (await readFile(paper, 'utf8')).replace(/# Background.*/, `# Background ${words}`));
  };
  beforeAll(async () => {
    const built = await builtCopyOfExample([], ENV);
    board = built;
    out = join(board.dir, 'out');
    const r = built.result;
    expect(r.code, r.stderr).toBe(0);
    full = await pdfs(out);
    expect([...full.keys()].filter((p) => p.startsWith('site/')).length).toBeGreaterThan(10);
    expect([...full.keys()]).toContain(`${CHANGED}/pack.pdf`);
  }, 300_000);
  afterAll(() => board.cleanup());

  it('--html-only with nothing changed keeps every PDF, in out/DATE and in out/site', async () => {
    const r = await cpb(['build', board.dir, '--html-only'], { env: ENV });
    expect(r.code, r.stderr).toBe(0);
    expect(r.stderr).toContain('5 meetings unchanged since the last build');
    expect(await pdfs(out)).toEqual(full);
  });

  it('--html-only after one meeting changed removes that meeting\'s PDFs, keeps the others\', and says what is missing', async () => {
    await editPaper('as changed for --html-only');
    const r = await cpb(['build', board.dir, '--html-only'], { env: ENV });
    expect(r.code, r.stderr).toBe(0);
    const now = await pdfs(out);
    for (const [path, bytes] of full) {
      // The supplied PDF paper is the board's own file, copied as it is: it is never out of date.
      if (isSupplied(path) || !ofChanged(path)) expect(now.get(path), path).toBe(bytes);
      else expect(now.has(path), `${path} is out of date`).toBe(false);
    }
    expect([...now.keys()].filter((p) => p.startsWith(`${CHANGED}/`))).toEqual([]);
    expect(await readFile(paperFile(join(out, CHANGED), 5, 1, 'html'), 'utf8')).toContain('as changed for --html-only');
    expect(r.stderr).toMatch(/\d+ PDFs missing, since this build was run with --html-only/);
    expect(r.stderr).toContain(`out/${CHANGED}: agenda.pdf, pack.pdf, supplementary.pdf, confidential/pack.pdf`);
    expect(r.stderr).toContain('Run cpb build without --html-only to print them.');
    expect(r.stderr).not.toMatch(/out\/2020-01-30: /);
    expect(await brokenLinks(join(out, 'site'))).toEqual([]);
  });

  it('a build with a browser prints the missing PDFs again and leaves the other meetings alone', async () => {
    const r = await cpb(['build', board.dir], { env: ENV });
    expect(r.code, r.stderr).toBe(0);
    expect(r.stderr).toContain('4 meetings unchanged since the last build');
    expect(r.stderr).not.toContain('PDFs missing');
    const now = await pdfs(out);
    expect([...now.keys()].sort()).toEqual([...full.keys()].sort());
    for (const [path, bytes] of full) if (!ofChanged(path)) expect(now.get(path), path).toBe(bytes);
    full = now;
  }, 120_000);

  it('with no browser (--browser /nonexistent): the same, and the build fails saying how to get one', async () => {
    await editPaper('as changed with no browser');
    const r = await cpb(['build', board.dir, '--browser', '/nonexistent'], { env: ENV });
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('The browser named by --browser does not exist');
    expect(r.stderr).toContain('apt-get install chromium');
    expect(r.stderr).toMatch(/\d+ PDFs missing, since no browser was found/);
    expect(r.stderr).toContain(`out/${CHANGED}: agenda.pdf, pack.pdf`);
    const now = await pdfs(out);
    // Not left stale beside the new HTML, and no other meeting's PDFs taken away.
    expect([...now.keys()].filter((p) => p.startsWith(`${CHANGED}/`))).toEqual([]);
    expect(now.has(`site/meetings/${CHANGED}/pack.pdf`)).toBe(false);
    for (const [path, bytes] of full) if (!ofChanged(path)) expect(now.get(path), path).toBe(bytes);
    expect(await readFile(paperFile(join(out, CHANGED), 5, 1, 'html'), 'utf8')).toContain('as changed with no browser');
    expect(await brokenLinks(join(out, 'site'))).toEqual([]);
  });
});
