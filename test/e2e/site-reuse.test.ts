import { readFile, writeFile } from 'node:fs/promises';
import { basename, join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { builtCopyOfExample } from '../helpers/built-example.js';
import { cpb } from '../helpers/cli.js';
import { paperFile } from '../helpers/paper-files.js';

const ENV = { CPB_TODAY: '2019-11-20' };

// The site lists every public file with its pages and indexes its words. For a meeting built in
// this run those come from the build; for a meeting reused, from the build manifest, never from
// reading back the files an earlier build wrote. Either way the site is the same.
describe('the site of meetings reused from an earlier build', () => {
  let board: { dir: string; cleanup: () => Promise<void> };
  let first: string[];
  /** The site's files that say what each document holds: its size, pages and words; and the supplied PDF paper. */
  let says: string[];
  const said = () => Promise.all(says.map((f) => readFile(f, 'latin1')));
  const manifest = async () => JSON.parse(await readFile(join(board.dir, 'out/.cpb-build-cache.json'), 'utf8')) as { units: Record<string, { published?: { name: string; pages?: number; text?: string }[] }> };

  beforeAll(async () => {
    const built = await builtCopyOfExample([], ENV);
    board = built;
    const r = built.result;
    expect(r.code, r.stderr).toBe(0);
    const site = join(board.dir, 'out/site');
    says = [join(site, 'meetings.json'), join(site, 'search-index.js'), paperFile(join(site, 'meetings/2019-11-26'), 3, 2, 'pdf')];
    first = await said();
  }, 240_000);
  afterAll(() => board.cleanup());

  it('keeps in the manifest what each meeting published: pages of every PDF, words of every paper', async () => {
    const published = (await manifest()).units['2019-11-26']!.published!;
    const pack = published.find((f) => f.name === 'pack.pdf')!;
    expect(pack.pages).toBe((JSON.parse(first[0]!) as { meetings: { documents: { links: { url: string; pages?: number }[] }[] }[] }).meetings.flatMap((m) => m.documents.flatMap((d) => d.links)).find((l) => l.url === 'meetings/2019-11-26/pack.pdf')!.pages);
    expect(published.find((f) => f.name === basename(says[2]!))!.text).toContain('Violence Reduction');
    const papers = published.filter((f) => f.name.endsWith('.html') && /^\d{2}-\d+-/.test(f.name));
    expect(papers.length).toBeGreaterThan(3);
    expect(papers.every((f) => typeof f.text === 'string' && f.text.length > 0)).toBe(true);
  });

  it('is the same when only one meeting is built again', async () => {
    const r = await cpb(['build', board.dir, '--force', '-m', '2020-01-30'], { env: ENV });
    expect(r.code, r.stderr).toBe(0);
    expect(await said()).toEqual(first);
  }, 120_000);

  it('builds again the meetings an older cpb recorded without what they published, and the site is the same', async () => {
    const old = await manifest();
    for (const unit of Object.values(old.units)) delete unit.published;
    await writeFile(join(board.dir, 'out/.cpb-build-cache.json'), JSON.stringify(old));
    const r = await cpb(['build', board.dir], { env: ENV });
    expect(r.code, r.stderr).toBe(0);
    expect(r.stderr).not.toContain('unchanged since the last build');
    expect(await said()).toEqual(first);
  }, 240_000);
});
