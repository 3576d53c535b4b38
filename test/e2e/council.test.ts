import { existsSync } from 'node:fs';
import { cp, mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, relative, sep } from 'node:path';
import { pathToFileURL } from 'node:url';
import { parseFeed } from '@rowanmanning/feed-parser';
import ICAL from 'ical.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BrowserSession } from '../../src/print/browser-session.js';
import { cpb, EXAMPLES, type CliResult } from '../helpers/cli.js';
import { fold, pdfPages } from '../helpers/pdf.js';
import { axeViolations, badLinks, filesUnder, pageStructure, type AxeViolation, type PageStructure } from '../helpers/site.js';

// examples/ is a council folder (examples/council.yaml) whose boards are the example boards.
// Built once, with PDFs; the tests read what the build wrote and open it in Chromium.
const ENV = { CPB_TODAY: '2020-02-01' };
/** Words of Lancashire's exempt paper that must never reach any site. */
const EXEMPT_WORDS = ['Hawthorn', 'quarrelsome-kestrel', 'Young Person Q'];

/** bin/cpb as a user runs it; a council of two boards with PDFs takes longer than cpb()'s usual limit. */
const run = (args: string[]): Promise<CliResult> => cpb(args, { env: ENV, timeoutMs: 600_000 });

describe('a council folder (examples/ with council.yaml)', () => {
  let parent: string;
  let council: string;
  let out: string;
  let boards: string[];
  let files: string[];
  const session = new BrowserSession({ timeoutMs: 30_000 });
  const url = (rel: string) => pathToFileURL(join(out, rel)).href;
  const councilPages = () => files.filter((f) => !boards.some((b) => f.startsWith(`${b}/`)) && f.endsWith('.html'));

  beforeAll(async () => {
    parent = await mkdtemp(join(tmpdir(), 'cpb-council-'));
    council = join(parent, 'council');
    await cp(EXAMPLES, council, { recursive: true, filter: (src) => !/[\\/]out([\\/]|$)/.test(relative(EXAMPLES, src)) });
    boards = (await readdir(council, { withFileTypes: true })).filter((e) => e.isDirectory() && existsSync(join(council, e.name, 'board.yaml'))).map((e) => e.name).sort();
    const result = await run(['build', council]);
    expect(result.code, result.stderr).toBe(0);
    out = join(council, 'out');
    files = (await filesUnder(out)).map((f) => relative(out, f).split(sep).join('/'));
  }, 600_000);
  afterAll(async () => {
    await session.close();
    await rm(parent, { recursive: true, force: true });
  });

  it('builds every board into its own folder, with its site, and the council site on top', () => {
    expect(boards).toEqual(expect.arrayContaining(['lancashire', 'north-lincolnshire']));
    for (const file of ['index.html', 'search.html', 'meetings.ics', 'meetings.json', 'feed.atom', 'assets/minisearch.js', 'assets/search.js']) expect(files).toContain(file);
    for (const board of boards) {
      expect(files).toContain(`committees/${board}/index.html`);
      for (const file of ['site/index.html', 'site/search-index.js', 'site/meetings.ics', 'site/feed.atom', 'site/meetings.json', '.cpb-build-cache.json']) expect(files).toContain(`${board}/${file}`);
    }
    expect(files).toContain('lancashire/2019-11-26/pack.pdf');
    expect(files).toContain('north-lincolnshire/2022-10-13/pack.pdf');
  });

  it("prints each meeting's minutes as a PDF, for every meeting that has minutes", async () => {
    for (const board of boards) {
      for (const date of await readdir(join(council, board, 'meetings'))) {
        if (!existsSync(join(council, board, 'meetings', date, 'minutes.yaml'))) continue;
        const pages = await pdfPages(join(out, board, date, 'minutes.pdf'));
        expect(pages.length, `${board} ${date}`).toBeGreaterThan(0);
        expect(fold(pages.join(' ')), `${board} ${date}`).toMatch(/minutes/i);
        expect(files).toContain(`${board}/site/meetings/${date}/minutes.pdf`);
      }
    }
  });

  it("gives each board the council's theme where its board.yaml has none", async () => {
    // Neither example board sets a theme; council.yaml's accent and font reach their papers and sites.
    for (const file of ['lancashire/2019-11-26/agenda.html', 'north-lincolnshire/site/index.html']) {
      const html = await readFile(join(out, file), 'utf8');
      expect(html, file).toContain('--accent: #1d4f91;');
      expect(html, file).toContain('font-family: Arial, sans-serif;');
    }
  });

  it('links from every council page only to files that exist inside the output, never a confidential one', async () => {
    const { broken, checked } = await badLinks(out, councilPages());
    expect(broken).toEqual([]);
    expect(checked).toBeGreaterThan(30);
  });

  it('never publishes an exempt word in any council file', async () => {
    for (const file of files.filter((f) => !boards.some((b) => f.startsWith(`${b}/`)) && /\.(html|js|json|ics|atom)$/.test(f))) {
      const text = await readFile(join(out, file), 'utf8');
      for (const word of EXEMPT_WORDS) expect(text.includes(word), `${word} in ${file}`).toBe(false);
    }
  });

  it("shows the council's logo, its committees and every committee's upcoming meetings in date order", async () => {
    const seen = await session.withPage('the council home page', async (page) => {
      await page.goto(url('index.html'), { waitUntil: 'load' });
      const home = await page.evaluate(() => ({
        h1: document.querySelector('h1')?.textContent,
        logo: document.querySelector('header img')?.getAttribute('alt'),
        logoWidth: (document.querySelector('header img') as HTMLImageElement | null)?.naturalWidth,
        committees: [...document.querySelectorAll('.committees > li > a:first-child')].map((a) => a.getAttribute('href')),
        upcoming: [...document.querySelectorAll('section[aria-labelledby="upcoming-heading"] li > a:first-child')].map((a) => a.getAttribute('href')),
      }));
      await Promise.all([page.waitForNavigation(), page.click('a[href="committees/north-lincolnshire/index.html"]')]);
      const committee = await page.evaluate(() => ({
        h1: document.querySelector('h1')?.textContent,
        upcoming: [...document.querySelectorAll('section[aria-labelledby="upcoming-heading"] li > a:first-child')].map((a) => a.getAttribute('href')),
        site: document.querySelector('.site-header a')?.getAttribute('href'),
      }));
      await Promise.all([page.waitForNavigation(), page.click('.site-header a')]);
      const boardSite = await page.evaluate(() => document.querySelector('h1')?.textContent);
      return { home, committee, boardSite };
    });
    expect(seen.home.h1).toBe('Example Council');
    expect(seen.home.logo).toBe('Example Council');
    expect(seen.home.logoWidth).toBeGreaterThan(0);
    expect(seen.home.committees).toEqual(boards.map((b) => `committees/${b}/index.html`));
    // Lancashire's meetings after 1 February 2020, then North Lincolnshire's of 2022-23.
    expect(seen.home.upcoming.slice(0, 2)).toEqual(['lancashire/site/meetings/2020-03-25/index.html', 'lancashire/site/meetings/2020-05-12/index.html']);
    expect(seen.home.upcoming).toContain('north-lincolnshire/site/meetings/2023-01-12/index.html');
    const dates = seen.home.upcoming.map((h) => /meetings\/(\d{4}-\d\d-\d\d)\//.exec(h!)![1]!);
    expect(dates).toEqual([...dates].sort());
    expect(seen.committee.h1).toBe('Corporate Parenting Board (North Lincolnshire Council)');
    expect(seen.committee.upcoming).toEqual(['../../north-lincolnshire/site/meetings/2022-07-14/index.html', '../../north-lincolnshire/site/meetings/2022-10-13/index.html', '../../north-lincolnshire/site/meetings/2023-01-12/index.html']);
    expect(seen.committee.site).toBe('../../north-lincolnshire/site/index.html');
    expect(seen.boardSite).toBe('Corporate Parenting Board');
  });

  it("holds every committee's meetings in one calendar, each with the UID of its committee's own", async () => {
    const events = (text: string) => new ICAL.Component(ICAL.parse(text)).getAllSubcomponents('vevent').map((e) => new ICAL.Event(e));
    const text = await readFile(join(out, 'meetings.ics'), 'utf8');
    const zone = new ICAL.Component(ICAL.parse(text)).getFirstSubcomponent('vtimezone');
    expect(zone?.getFirstPropertyValue('tzid')).toBe('Europe/London');
    ICAL.TimezoneService.register(new ICAL.Timezone(zone!));
    const combined = events(text);
    const own = (await Promise.all(boards.map(async (b) => events(await readFile(join(out, b, 'site/meetings.ics'), 'utf8'))))).flat();
    expect(combined.map((e) => e.uid).sort()).toEqual(own.map((e) => e.uid).sort());
    expect(new Set(combined.map((e) => e.uid)).size).toBe(combined.length);
    const november = combined.find((e) => e.uid.includes('lancashire') && e.startDate.toString().startsWith('2019-11-26'))!;
    expect(november.summary).toBe('Corporate Parenting Board');
    expect(november.startDate.zone?.tzid).toBe('Europe/London');
    expect(combined.some((e) => e.location.includes('Scunthorpe') || e.uid.includes('north-lincolnshire'))).toBe(true);
  });

  it("merges every committee's feed into the council's, newest first, with the committees' ids and links into their sites", async () => {
    const feed = parseFeed(await readFile(join(out, 'feed.atom'), 'utf8'));
    const own = await Promise.all(boards.map(async (b) => ({ board: b, feed: parseFeed(await readFile(join(out, b, 'site/feed.atom'), 'utf8')) })));
    expect(feed.title).toBe('Example Council: agendas, papers and minutes of every committee');
    expect(feed.items.map((i) => i.id).sort()).toEqual(own.flatMap((o) => o.feed.items.map((i) => i.id)).sort());
    for (const { board, feed: theirs } of own) {
      for (const item of theirs.items) {
        const mine = feed.items.find((i) => i.id === item.id)!;
        expect(mine.url).toBe(`${board}/site/${item.url}`);
        expect(mine.updated?.toISOString()).toBe(item.updated?.toISOString());
      }
    }
    for (const item of feed.items) {
      expect(files).toContain(item.url);
      for (const m of item.media) expect(files).toContain(m.url);
    }
    const times = feed.items.map((i) => i.updated!.getTime());
    expect(times).toEqual([...times].sort((a, b) => b - a));
    expect(feed.items.map((i) => i.title)).toContain('Supplementary agenda pack: Corporate Parenting Board (Lancashire County Council), Tuesday, 26th November, 2019');
  });

  it("holds every committee's meetings as open data, with links that exist", async () => {
    const data = JSON.parse(await readFile(join(out, 'meetings.json'), 'utf8')) as { name: string; committees: { site: string }[]; meetings: { committee: string; links: { url: string }[]; documents: { links: { url: string }[] }[] }[] };
    expect(data.name).toBe('Example Council');
    expect(data.committees.map((c) => c.site)).toEqual(boards.map((b) => `${b}/site/index.html`));
    let total = 0;
    for (const b of boards) total += (JSON.parse(await readFile(join(out, b, 'site/meetings.json'), 'utf8')) as { meetings: unknown[] }).meetings.length;
    expect(data.meetings).toHaveLength(total);
    for (const m of data.meetings) for (const link of [...m.links, ...m.documents.flatMap((d) => d.links)]) expect(files).toContain(link.url);
    expect(data.meetings.some((m) => m.documents.some((d) => d.links.some((l) => l.url === 'lancashire/site/meetings/2019-11-26/minutes.pdf')))).toBe(true);
  });

  it('searches every committee at once in the browser, and never finds an exempt word', async () => {
    const search = (query: string) =>
      session.withPage(`searching for ${query}`, async (page) => {
        await page.goto(`${url('search.html')}?q=${encodeURIComponent(query)}`, { waitUntil: 'load' });
        await page.waitForFunction(() => (document.getElementById('search-status')?.textContent ?? '') !== '');
        return page.evaluate(() => ({
          status: document.getElementById('search-status')?.textContent,
          hrefs: [...document.querySelectorAll('#search-results li > a')].map((a) => a.getAttribute('href')!),
        }));
      });
    // "constrained" stands only in a PDF of Lancashire's; Scunthorpe only in North Lincolnshire's agendas.
    const lancashire = await search('constrained');
    expect(lancashire.hrefs.length).toBeGreaterThan(0);
    expect(lancashire.hrefs.every((h) => h.startsWith('lancashire/site/meetings/'))).toBe(true);
    const northLincs = await search('Scunthorpe');
    expect(northLincs.hrefs.length).toBeGreaterThan(0);
    expect(northLincs.hrefs.every((h) => h.startsWith('north-lincolnshire/site/meetings/'))).toBe(true);
    for (const href of [...lancashire.hrefs, ...northLincs.hrefs]) expect(files).toContain(href);
    // "Young Person Q" is three common words, found in public papers too; the others are the exempt paper's alone.
    for (const word of EXEMPT_WORDS.slice(0, 2)) {
      const found = await search(word);
      expect(found.hrefs, word).toEqual([]);
      expect(found.status).toContain('Nothing found');
    }
  });

  it('passes axe-core (WCAG 2.2 A and AA) on every council page, search results shown', async () => {
    const found: Record<string, AxeViolation[]> = {};
    const structure: Record<string, PageStructure> = {};
    const pages = [...councilPages().filter((p) => p !== 'search.html'), 'search.html?q=minutes'];
    expect(pages.length).toBe(boards.length + 2);
    for (const page of pages) {
      const checked = await session.withPage(`checking ${page}`, async (p) => {
        await p.goto(page.startsWith('search.html') ? `${url('search.html')}?q=minutes` : url(page), { waitUntil: 'load' });
        return { violations: await axeViolations(p), structure: await pageStructure(p) };
      });
      if (checked.violations.length) found[page] = checked.violations;
      structure[page] = checked.structure;
    }
    expect(found).toEqual({});
    const wrong = Object.entries(structure).filter(([, s]) => s.lang !== 'en-GB' || !s.title || s.h1s !== 1 || s.skippedLevels.length || !s.skipLinkTarget || s.imagesWithoutAlt || !s.focusVisible);
    expect(Object.fromEntries(wrong)).toEqual({});
  }, 120_000);

  it('validates council.yaml with file and line, then each board', async () => {
    const bad = join(parent, 'bad');
    await cp(join(council, 'north-lincolnshire'), join(bad, 'north-lincolnshire'), { recursive: true, filter: (src) => !src.includes(`${sep}out`) });
    await writeFile(join(bad, 'council.yaml'), 'name: Bad Council\nboards: [north-lincolnshire, notes]\ntheme: { accent: "#dddddd" }\n');
    await cp(join(council, 'council.yaml'), join(bad, 'notes', 'readme.yaml'));
    const agenda = join(bad, 'north-lincolnshire/meetings/2022-07-14/meeting.yaml');
    await writeFile(agenda, `${await readFile(agenda, 'utf8')}colour: blue\n`);
    const result = await run(['validate', bad]);
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(/council\.yaml:2:\d+ +error +'notes' is not a board folder: it holds no board\.yaml +\(council\/not-a-board\)/);
    expect(result.stderr).toMatch(/council\.yaml:3:\d+ +error +the accent colour #dddddd/);
    // The board's own files are checked too, each problem at its file and line.
    expect(result.stderr).toMatch(/north-lincolnshire[\\/]meetings[\\/]2022-07-14[\\/]meeting\.yaml:\d+:\d+ +error .*colour/);
  });

  it('builds one board of the council with --board (for a CI job), and not the council site', async () => {
    const before = await readFile(join(out, 'index.html'), 'utf8');
    const result = await run(['build', council, '--board', 'north-lincolnshire', '--html-only']);
    expect(result.code, result.stderr).toBe(0);
    // Built already by the council build, with the same inputs: nothing is built again.
    expect(result.stderr).toMatch(/Built 0 files in \S*north-lincolnshire\n/);
    expect(result.stderr).not.toContain('Built the site of');
    expect(await readFile(join(out, 'index.html'), 'utf8')).toBe(before);
    const unknown = await run(['build', council, '--board', 'nowhere']);
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toContain('No board nowhere');
  });

  it("refuses an output folder that holds someone's files, before writing anything", async () => {
    const theirs = join(parent, 'theirs');
    await cp(join(council, 'council.yaml'), join(theirs, 'notes.yaml'));
    const result = await run(['build', council, '-o', theirs, '--html-only']);
    expect(result.code).toBe(2);
    expect(result.stderr).toContain('Not a folder cpb may write its outputs into');
    expect((await readdir(theirs)).sort()).toEqual(['notes.yaml']);
  });

  it("takes away only the council's own files when a board leaves it: the board's folder and anyone's files stay", async () => {
    await writeFile(join(out, 'notes.txt'), 'mine');
    await writeFile(join(council, 'council.yaml'), `${await readFile(join(council, 'council.yaml'), 'utf8')}boards: [lancashire]\n`);
    const result = await run(['build', council, '--html-only']);
    expect(result.code, result.stderr).toBe(0);
    expect(existsSync(join(out, 'committees/north-lincolnshire/index.html'))).toBe(false);
    expect(existsSync(join(out, 'committees/lancashire/index.html'))).toBe(true);
    expect(existsSync(join(out, 'north-lincolnshire/site/index.html'))).toBe(true);
    expect(await readFile(join(out, 'notes.txt'), 'utf8')).toBe('mine');
    expect(await readFile(join(out, 'index.html'), 'utf8')).not.toContain('north-lincolnshire/');
    // Nothing of Lancashire changed, so nothing of it was built again.
    expect(result.stderr).toMatch(/Built 0 files in \S*lancashire\n/);
  }, 600_000);

  it('rebuilds with nothing changed without reading a board, and builds a board again once one of its files changes', async () => {
    const same = await run(['build', council, '--html-only']);
    expect(same.code, same.stderr).toBe(0);
    expect(same.stderr).toContain('Nothing has changed since the last build of Example Council');
    const file = join(council, 'lancashire/meetings/2020-03-25/meeting.yaml');
    const yaml = await readFile(file, 'utf8');
    await writeFile(file, yaml.replace(/^venue: .*$/m, 'venue: The Moved Room, County Hall, Preston'));
    const changed = await run(['build', council, '--html-only']);
    expect(changed.code, changed.stderr).toBe(0);
    expect(changed.stderr).not.toContain('Nothing has changed');
    expect(changed.stderr).toMatch(/Built [1-9]\d* files in \S*lancashire\n/);
    expect(await readFile(join(out, 'index.html'), 'utf8')).toContain('The Moved Room, County Hall, Preston');
  }, 600_000);
});
