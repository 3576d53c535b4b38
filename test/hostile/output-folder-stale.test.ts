import { existsSync } from 'node:fs';
import { readFile, writeFile } from 'node:fs/promises';
import { dirname, join, relative, resolve, sep } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { copyOfExample, cpb } from '../helpers/cli.js';
import { pdfPages } from '../helpers/pdf.js';
import { filesUnder, isExternal, linksIn } from '../helpers/site.js';
import { paperFile } from '../helpers/paper-files.js';

const ENV = { CPB_TODAY: '2019-11-20' };
/** Put into the delivery plan (item 5 of 2019-11-26), so it is the paper's own words and no one else's. */
const SECRET = 'Quillfeather placement arrangement 4471';
/** The search index holds words, lower-cased: any file with this one has the paper in it. */
const WORD = 'quillfeather';
const leaks = (texts: Map<string, string>) => [...texts].filter(([, text]) => text.toLowerCase().includes(WORD)).map(([rel]) => rel);

/** The words of every file under out/ outside confidential/: PDF text, everything else as text. */
async function publicTexts(out: string): Promise<Map<string, string>> {
  const texts = new Map<string, string>();
  for (const file of await filesUnder(out)) {
    const rel = relative(out, file).split(sep).join('/');
    if (rel.split('/').includes('confidential')) continue;
    texts.set(rel, file.endsWith('.pdf') ? (await pdfPages(file)).join('\n') : await readFile(file, 'latin1'));
  }
  return texts;
}

/** Build all, make an item of one meeting exempt, then build only another meeting. */
describe('a meeting changed since it was built, when another is built with -m', () => {
  let board: { dir: string; cleanup: () => Promise<void> };
  let out: string;
  let result: Awaited<ReturnType<typeof cpb>>;
  /** The delivery plan's public file name, while it was public. */
  let published: string;
  beforeAll(async () => {
    board = await copyOfExample();
    out = join(board.dir, 'out');
    const paper = join(board.dir, 'meetings/2019-11-26/papers/delivery-plan.md');
    await writeFile(paper, `${await readFile(paper, 'utf8')}\n${SECRET}.\n`);
    const first = await cpb(['build', board.dir], { env: ENV });
    expect(first.code, first.stderr).toBe(0);
    // Published at first, in the paper, the pack and the site's copies and search index.
    const before = leaks(await publicTexts(out));
    published = relative(join(out, '2019-11-26'), paperFile(join(out, '2019-11-26'), 5, 1, 'html')).replace(/\.html$/, '');
    expect(before).toEqual(expect.arrayContaining([`2019-11-26/${published}.html`, '2019-11-26/pack.pdf', 'site/meetings/2019-11-26/pack.pdf', 'site/search-index.js']));
    const meeting = join(board.dir, 'meetings/2019-11-26/meeting.yaml');
    const text = await readFile(meeting, 'utf8');
    await writeFile(meeting, text.replace('  - title: Corporate Parenting Strategy Delivery Plan\n', '  - title: Corporate Parenting Strategy Delivery Plan\n    exempt: { paragraph: 3 }\n'));
    result = await cpb(['build', board.dir, '-m', '2020-01-30'], { env: ENV });
  }, 300_000);
  afterAll(() => board.cleanup());

  it('builds the meeting asked for, and warns that the changed one is taken off until built again', () => {
    expect(result.code, result.stderr).toBe(0);
    expect(result.stderr).toMatch(/warning .*2019-11-26.* changed since .* built, so .* taken off the website/);
    expect(result.stderr).toContain('-m 2019-09-17 2019-11-26 2020-03-25 2020-05-12');
  });

  it('publishes no word of the now-exempt paper: no PDF, HTML, search index or meetings.json outside confidential/', async () => {
    expect(leaks(await publicTexts(out))).toEqual([]);
    const json = await readFile(join(out, 'site/meetings.json'), 'utf8');
    expect(json).not.toContain(published);
  });

  it('still lists the meeting on the site, with no link to a file that is not there', async () => {
    const site = join(out, 'site');
    expect(existsSync(join(site, 'meetings/2019-11-26/index.html'))).toBe(true);
    expect(existsSync(join(site, 'meetings/2020-01-30/pack.pdf'))).toBe(true);
    const broken: string[] = [];
    for (const page of (await filesUnder(site)).filter((f) => f.endsWith('.html'))) {
      for (const link of linksIn(await readFile(page, 'utf8'))) {
        if (isExternal(link)) continue;
        if (!existsSync(resolve(dirname(page), decodeURI(link.split('#')[0]!.split('?')[0]!)))) broken.push(`${relative(site, page)} → ${link}`);
      }
    }
    expect(broken).toEqual([]);
  });

  it('publishes it again, exempt item and all, once it is built', async () => {
    const r = await cpb(['build', board.dir, '--html-only', '-m', '2019-11-26'], { env: ENV });
    expect(r.code, r.stderr).toBe(0);
    expect(existsSync(join(out, 'site/meetings/2019-11-26/agenda.html'))).toBe(true);
    expect(existsSync(paperFile(join(out, '2019-11-26/confidential'), 5, 1, 'html'))).toBe(true);
    expect(leaks(await publicTexts(out))).toEqual([]);
  });
});
