import { request } from 'node:http';
import { readFile, writeFile } from 'node:fs/promises';
import { basename, join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { memoryIo } from '../../src/cli/io.js';
import { startServe, type SiteServer } from '../../src/cli/commands/serve.js';
import { BrowserSession } from '../../src/print/browser-session.js';
import { copyOfExample } from '../helpers/cli.js';
import { axeViolations } from '../helpers/site.js';
import { paperFile } from '../helpers/paper-files.js';

const ENV = { CPB_TODAY: '2019-11-20' };

/** A raw request, so paths like /../x reach the server as written. */
function get(url: string, path: string, init: { method?: string; host?: string } = {}): Promise<{ status: number; headers: Record<string, unknown>; body: string }> {
  const { hostname, port } = new URL(url);
  return new Promise((done, fail) => {
    const req = request({ hostname, port, path, method: init.method ?? 'GET', headers: init.host ? { host: init.host } : {} }, (res) => {
      let body = '';
      res.setEncoding('utf8');
      res.on('data', (chunk: string) => (body += chunk));
      res.on('end', () => done({ status: res.statusCode ?? 0, headers: res.headers, body }));
    });
    req.on('error', fail);
    req.end();
  });
}

async function until<T>(what: string, probe: () => Promise<T | undefined>, ms = 30_000): Promise<T> {
  const end = Date.now() + ms;
  while (Date.now() < end) {
    const value = await probe();
    if (value !== undefined) return value;
    await new Promise((r) => setTimeout(r, 200));
  }
  throw new Error(`Timed out after ${ms} ms waiting for ${what}`);
}

describe('cpb serve', () => {
  let board: { dir: string; cleanup: () => Promise<void> };
  let server: SiteServer | undefined;
  const io = memoryIo(ENV);
  const session = new BrowserSession({ timeoutMs: 30_000 });

  beforeAll(async () => {
    board = await copyOfExample();
    // HTML only keeps the builds quick; the site is the same but for the PDFs.
    server = await startServe(board.dir, { port: '0', htmlOnly: true, timeout: '60', settleMs: 100 }, io);
  }, 120_000);
  afterAll(async () => {
    await server?.close();
    await session.close();
    await board.cleanup();
  });

  it('serves the site on 127.0.0.1 over HTTP, and it opens in Chromium with its search working', async () => {
    expect(server!.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/$/);
    const index = await fetch(server!.url);
    expect(index.status).toBe(200);
    expect(index.headers.get('content-type')).toBe('text/html; charset=utf-8');
    expect(await index.text()).toContain('<h1>Corporate Parenting Board</h1>');
    const seen = await session.withPage('opening the served site', async (page) => {
      await page.setBypassCSP(true); // only so that axe-core can be injected
      await page.goto(server!.url, { waitUntil: 'load' });
      const violations = await axeViolations(page);
      await page.goto(`${server!.url}search.html?q=constrained`, { waitUntil: 'load' });
      const results = await page.evaluate(() => [...document.querySelectorAll('#search-results a')].map((a) => a.getAttribute('href')));
      return { title: await page.title(), violations, results };
    });
    expect(seen.violations).toEqual([]);
    expect(seen.title).toBe('Search: Corporate Parenting Board');
    const presentation = basename(paperFile(join(board.dir, 'out/site/meetings/2019-11-26'), 3, 2, 'pdf'));
    expect(seen.results).toEqual([`meetings/2019-11-26/${presentation}`, 'meetings/2019-11-26/index.html']);
  });

  it('serves only the site: no paths out of it, no hidden files, no listings, no writes, no other hosts', async () => {
    const url = server!.url;
    expect((await get(url, '/../board.yaml')).status).toBe(404);
    expect((await get(url, '/%2e%2e/%2e%2e/board.yaml')).status).toBe(404);
    expect((await get(url, '/meetings/')).status).toBe(404);
    expect((await get(url, '/meetings/2019-11-26')).headers['location']).toBe('/meetings/2019-11-26/');
    expect((await get(url, '/meetings/2019-11-26/')).status).toBe(200);
    expect((await get(url, '/', { method: 'POST' })).status).toBe(405);
    expect((await get(url, '/', { method: 'DELETE' })).status).toBe(405);
    expect((await get(url, '/', { host: 'attacker.example' })).status).toBe(403);
    const calendar = await get(url, '/meetings.ics');
    expect(calendar.headers['content-type']).toBe('text/calendar; charset=utf-8');
    expect(calendar.headers['x-content-type-options']).toBe('nosniff');
  });

  it('rebuilds when a meeting file changes, and the page shows it', async () => {
    const file = join(board.dir, 'meetings/2019-11-26/meeting.yaml');
    const before = server!.builds;
    await writeFile(file, (await readFile(file, 'utf8')).replace(/^venue: .*$/m, 'venue: The Cabinet Room, County Hall, Preston'));
    const page = await until('the meeting page to change', async () => {
      const text = await fetch(`${server!.url}meetings/2019-11-26/index.html`).then((r) => r.text());
      return text.includes('The Cabinet Room, County Hall, Preston') ? text : undefined;
    });
    expect(page).toContain('<p class="venue">The Cabinet Room, County Hall, Preston</p>');
    await server!.idle();
    expect(server!.builds).toBeGreaterThan(before);
    // A paper's change rebuilds that meeting only.
    const paper = join(board.dir, 'meetings/2019-11-26/papers/delivery-plan.md');
    await writeFile(paper, (await readFile(paper, 'utf8')).replace('# Background', '# Background and context'));
    const plan = basename(paperFile(join(board.dir, 'out/site/meetings/2019-11-26'), 5, 1, 'html'));
    await until('the paper to change', async () => {
      const text = await fetch(`${server!.url}meetings/2019-11-26/${plan}`).then((r) => r.text());
      return text.includes('Background and context') ? true : undefined;
    });
    await server!.idle();
    expect(io.err.join('')).toContain('Rebuilding 2019-11-26 and the site');
  }, 90_000);

  it('reports a bad edit, keeps the last good site, and stops cleanly', async () => {
    const file = join(board.dir, 'meetings/2019-11-26/meeting.yaml');
    const good = await readFile(file, 'utf8');
    const builds = server!.builds;
    await writeFile(file, good.replace(/^venue: .*$/m, 'venu: nowhere'));
    await until('a failed build', async () => (server!.builds > builds ? true : undefined));
    await server!.idle();
    expect(io.err.join('')).toContain('The site still shows the last successful build');
    expect((await fetch(server!.url)).status).toBe(200);
    const url = server!.url;
    await server!.close();
    server = undefined;
    await expect(fetch(url)).rejects.toThrow();
  }, 60_000);
});
