import { createHash } from 'node:crypto';
import { existsSync } from 'node:fs';
import { readFile, writeFile } from 'node:fs/promises';
import { dirname, join, relative, resolve, sep } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { copyOfExample, cpb, type CliResult } from '../helpers/cli.js';
import { paperFile } from '../helpers/paper-files.js';
import { publicFiles, readableText } from '../helpers/public-outputs.js';
import { filesUnder, isExternal, linksIn } from '../helpers/site.js';

const ENV = { CPB_TODAY: '2019-11-20' };
const MEETING = '2019-11-26';
/** Words put into the exempt paper's title (item 9), as a slug would spell them: they must go nowhere public. */
const SECRET_TITLE = 'Residential placement review at Hawthorn Lodge: Søren Quillby’s move';
const SECRET_WORDS = ['quillby', 'soren', 'søren', 'hawthorn'];
/** A paper's file name: the item in two digits, its place, its title's words. */
const PAPER_NAME = /^\d{2}-\d+-[a-z0-9]+(-[a-z0-9]+)*\.(html|pdf)$/;
const NOT_PAPERS = new Set(['index.html', 'agenda.html', 'agenda.pdf', 'pack.pdf', 'supplementary.pdf', 'minutes.html', 'minutes.pdf']);

/** sha256 of every file under `dir` but cpb's own record, by path. */
async function hashes(dir: string): Promise<Map<string, string>> {
  const out = new Map<string, string>();
  for (const file of await filesUnder(dir)) {
    const rel = relative(dir, file).split(sep).join('/');
    if (!rel.includes('.cpb-')) out.set(rel, createHash('sha256').update(await readFile(file)).digest('hex'));
  }
  return out;
}

// One meeting of the example, built once with PDFs: its papers' names in every link, on every
// page, in meetings.json and the search index; an exempt paper whose title must stay private;
// a rebuild with nothing changed, then a title changed.
describe("papers' file names", () => {
  let board: { dir: string; cleanup: () => Promise<void> };
  let out: string;
  let site: string;
  let first: CliResult;
  beforeAll(async () => {
    board = await copyOfExample();
    out = join(board.dir, 'out');
    site = join(out, 'site');
    const yaml = join(board.dir, `meetings/${MEETING}/meeting.yaml`);
    const text = await readFile(yaml, 'utf8');
    expect(text).toContain('- title: Residential placement review at Hawthorn Lodge\n');
    await writeFile(yaml, text.replace('- title: Residential placement review at Hawthorn Lodge\n', `- title: "${SECRET_TITLE}"\n`));
    first = await cpb(['build', board.dir, '-m', MEETING], { env: ENV });
    expect(first.code, first.stderr).toBe(0);
  }, 240_000);
  afterAll(() => board.cleanup());

  it('links every paper on the site by its new name, and every link leads to a file that is there', async () => {
    const broken: string[] = [];
    const papers = new Set<string>();
    for (const page of (await filesUnder(site)).filter((f) => f.endsWith('.html'))) {
      for (const link of linksIn(await readFile(page, 'utf8'))) {
        if (isExternal(link)) continue;
        const target = resolve(dirname(page), decodeURI(link.split('#')[0]!.split('?')[0]!));
        if (!existsSync(target)) broken.push(`${relative(site, page)} → ${link}`);
        const name = target.split(sep).pop()!;
        if (target.includes(`${sep}meetings${sep}${MEETING}${sep}`) && !NOT_PAPERS.has(name)) papers.add(name);
      }
    }
    expect(broken).toEqual([]);
    // Items 2 to 6: HTML and PDF of each paper made for the pack, and the supplied PDF.
    expect(papers.size).toBeGreaterThanOrEqual(15);
    for (const name of papers) expect(name).toMatch(PAPER_NAME);
    expect([...papers]).toContain('04-1-children-in-care-and-care-leavers-performance-information.html');
    expect([...papers]).toContain('04-1-children-in-care-and-care-leavers-performance-information.pdf');
    expect(existsSync(join(out, MEETING, 'papers'))).toBe(false);
    expect(existsSync(join(site, 'meetings', MEETING, 'papers'))).toBe(false);
  });

  it('names the same files in meetings.json and the search index, each of them there', async () => {
    const json = JSON.parse(await readFile(join(site, 'meetings.json'), 'utf8')) as { meetings: { start_date: string; agenda: { documents: { links: { url: string }[] }[] }[] }[] };
    const meeting = json.meetings.find((m) => m.start_date.startsWith(MEETING))!;
    const urls = meeting.agenda.flatMap((i) => i.documents.flatMap((d) => d.links.map((l) => l.url)));
    expect(urls.length).toBeGreaterThanOrEqual(15);
    for (const url of urls) {
      expect(url).toMatch(new RegExp(`^meetings/${MEETING}/`));
      expect(url.split('/').pop()).toMatch(PAPER_NAME);
      expect(existsSync(join(site, url)), url).toBe(true);
    }
    const index = await readFile(join(site, 'search-index.js'), 'utf8');
    const indexed = [...index.matchAll(/"url":"([^"]+)"/g)].map((m) => m[1]!).filter((u) => u.startsWith(`meetings/${MEETING}/`) && PAPER_NAME.test(u.split('/').pop()!));
    expect(indexed.length).toBeGreaterThan(5);
    for (const url of indexed) expect(existsSync(join(site, url)), url).toBe(true);
  });

  it("names the exempt paper by its item's public title, and its own title's words reach nothing public", async () => {
    const found: string[] = [];
    // Every file outside confidential/, cpb's own record included, by its name and what it holds.
    for (const file of await publicFiles(out)) {
      const text = `${file.toLowerCase()}\n${await readableText(join(out, file))}`;
      for (const word of SECRET_WORDS) if (text.includes(word)) found.push(`${file}: ${word}`);
    }
    expect(found).toEqual([]);
    const said = `${first.stdout}\n${first.stderr}`.toLowerCase();
    for (const word of SECRET_WORDS) expect(said, word).not.toContain(word);
    expect(existsSync(join(out, MEETING, 'confidential/09-1-residential-placement-review.html'))).toBe(true);
    expect(existsSync(join(out, MEETING, 'confidential/09-1-residential-placement-review.pdf'))).toBe(true);
    // The confidential copy does carry the title: the words are there to be found.
    expect(await readableText(join(out, MEETING, 'confidential/09-1-residential-placement-review.html'))).toContain('quillby');
  });

  it('keeps every name and every byte when built again with nothing changed', async () => {
    // Without PDFs, to be quick: the meeting's HTML files are the ones to compare, but the agenda,
    // which prints the pack's page ranges only when the pack is printed.
    const html = async () => new Map([...(await hashes(join(out, MEETING)))].filter(([path]) => !path.endsWith('.pdf') && path !== 'agenda.html'));
    const before = await html();
    expect([...before.keys()].filter((path) => PAPER_NAME.test(path)).length).toBeGreaterThan(5);
    const again = await cpb(['build', board.dir, '-m', MEETING, '--force', '--html-only'], { env: ENV });
    expect(again.code, again.stderr).toBe(0);
    expect(await html()).toEqual(before);
  }, 240_000);

  it("renames a paper's files when its title changes, and removes the old ones from out/ and the site", async () => {
    const oldHtml = paperFile(join(out, MEETING), 4, 1, 'html');
    const oldName = oldHtml.split(sep).pop()!.replace(/\.html$/, '');
    const yaml = join(board.dir, `meetings/${MEETING}/meeting.yaml`);
    const text = await readFile(yaml, 'utf8');
    expect(text).toContain('- title: Children in Care and Care Leavers performance information\n');
    await writeFile(yaml, text.replace('- title: Children in Care and Care Leavers performance information\n', '- title: Looked-after children’s performance, Q2\n'));
    const r = await cpb(['build', board.dir, '-m', MEETING, '--html-only'], { env: ENV });
    expect(r.code, r.stderr).toBe(0);
    for (const ext of ['html', 'pdf']) {
      expect(existsSync(join(out, MEETING, `${oldName}.${ext}`)), `${oldName}.${ext}`).toBe(false);
      expect(existsSync(join(site, 'meetings', MEETING, `${oldName}.${ext}`)), `site ${oldName}.${ext}`).toBe(false);
    }
    expect(existsSync(join(out, MEETING, '04-1-looked-after-childrens-performance-q2.html'))).toBe(true);
    expect(existsSync(join(site, 'meetings', MEETING, '04-1-looked-after-childrens-performance-q2.html'))).toBe(true);
    const record = await readFile(join(out, '.cpb-build-cache.json'), 'utf8');
    expect(record).not.toContain(oldName);
    const page = await readFile(join(site, 'meetings', MEETING, 'index.html'), 'utf8');
    expect(linksIn(page)).toContain('04-1-looked-after-childrens-performance-q2.html');
    expect(page).not.toContain(oldName);
  }, 240_000);
});
