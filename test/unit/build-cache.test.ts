import { mkdtemp, mkdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { PublishedFile } from '../../src/model/site/published.js';
import { BuildCache, CACHE_FILE } from '../../src/write/build-cache.js';

describe('the build manifest', () => {
  let out: string;
  beforeEach(async () => {
    out = await mkdtemp(join(tmpdir(), 'cpb-cache-'));
    await mkdir(join(out, 'm'));
    await writeFile(join(out, 'm/agenda.html'), 'x');
  });
  afterEach(() => rm(out, { recursive: true, force: true }));
  const open = async (units: unknown) => {
    await writeFile(join(out, CACHE_FILE), JSON.stringify({ units }));
    return BuildCache.open(out);
  };

  it('keeps what a meeting published for the site, and reuses the meeting', async () => {
    const published: PublishedFile[] = [{ name: '01-1-strategy.pdf', bytes: 5, pages: 1, text: 'words', supplied: true }, { name: 'agenda.html', bytes: 1 }, { name: 'pack.pdf', bytes: 9, pages: 2 }];
    const cache = await open({ m: { key: 'k', files: ['m/agenda.html'], published } });
    expect(cache.isFresh('m', 'k')).toBe(true);
    expect(cache.entry('m')?.published).toEqual(published);
    cache.record('m', 'k2', ['m/agenda.html'], { published: [...published].reverse() });
    expect(JSON.parse(cache.serialize()).units.m.published).toEqual(published);
  });

  it('builds again a meeting recorded by an older cpb, which kept no record of what it published', async () => {
    const cache = await open({ m: { key: 'k', files: ['m/agenda.html'] }, site: { key: 's', files: [] } });
    expect(cache.isFresh('m', 'k')).toBe(false);
    // The site has no such record: it is reused as before.
    expect(cache.isFresh('site', 's')).toBe(true);
  });

  it.each([
    ['a name outside the meeting folder', { name: '../other/pack.pdf', bytes: 1 }],
    ['a confidential file', { name: 'confidential/pack.pdf', bytes: 1 }],
    ['an absolute name', { name: '/etc/passwd', bytes: 1 }],
    ['pages that are not a number', { name: 'pack.pdf', bytes: 1, pages: '3' }],
  ])('takes a record with %s as no record at all', async (_, file) => {
    const cache = await open({ m: { key: 'k', files: ['m/agenda.html'], published: [file] } });
    expect(cache.entry('m')?.published).toBeUndefined();
    expect(cache.isFresh('m', 'k')).toBe(false);
  });
});
