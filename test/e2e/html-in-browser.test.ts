import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BrowserSession } from '../../src/print/browser-session.js';
import { builtCopyOfExample } from '../helpers/built-example.js';

describe('the agenda HTML in a real browser', () => {
  let board: { dir: string; cleanup: () => Promise<void> };
  const session = new BrowserSession({ timeoutMs: 30_000 });

  beforeAll(async () => {
    const built = await builtCopyOfExample(['--html-only'], { CPB_TODAY: '2019-11-20' });
    board = built;
    expect(built.result.code).toBe(0);
  });
  afterAll(async () => {
    await session.close();
    await board.cleanup();
  });

  it('has one h1, a heading per item, its language and a title', async () => {
    const url = pathToFileURL(join(board.dir, 'out/2019-11-26/agenda.html')).href;
    const seen = await session.withPage('reading the agenda', async (page) => {
      await page.goto(url);
      return page.evaluate(() => ({
        lang: document.documentElement.lang,
        title: document.title,
        h1: [...document.querySelectorAll('h1')].map((h) => h.textContent?.trim()),
        items: [...document.querySelectorAll('li.item h3')].map((h) => h.textContent?.replace(/\s+/g, ' ').trim()),
        skipTarget: document.querySelector('a.skip-link')?.getAttribute('href'),
        main: Boolean(document.querySelector('main#main')),
      }));
    });
    expect(seen.lang).toBe('en-GB');
    expect(seen.title).toBe('Corporate Parenting Board, Tuesday, 26th November, 2019: Agenda');
    expect(seen.h1).toEqual(['Corporate Parenting Board']);
    expect(seen.items).toHaveLength(9);
    expect(seen.items[2]).toBe('3. Exploitation and Violence Reduction');
    expect(seen.items[7]).toBe('8. Date and Time of Next Meeting');
    expect(seen.skipTarget).toBe('#main');
    expect(seen.main).toBe(true);
  });
});
