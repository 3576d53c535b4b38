import { readdir, readFile } from 'node:fs/promises';
import { join, relative, sep } from 'node:path';
import { pathToFileURL } from 'node:url';
import ICAL from 'ical.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { longDate } from '../../src/domain/dates.js';
import { BrowserSession } from '../../src/print/browser-session.js';
import { builtCopyOfExample } from '../helpers/built-example.js';
import { axeViolations, badLinks, filesUnder, pageStructure, type AxeViolation, type PageStructure } from '../helpers/site.js';

const ENV = { CPB_TODAY: '2019-11-20' };
/** Words of the exempt paper (papers/placement-review.md) that must never reach the website. */
const EXEMPT_WORDS = ['Hawthorn', 'quarrelsome-kestrel', 'Young Person Q'];
/** Item 3's papers of 2019-11-26 as the site names them: the item, the paper's place, its title's words. */
const REPORT = '2019-11-26/03-1-exploitation-and-violence-reduction-update-for-the-corporate';
const SLIDES = '2019-11-26/03-2-lancashire-violence-reduction-unit-presentation';

describe('the meetings website (out/site)', () => {
  let board: { dir: string; cleanup: () => Promise<void> };
  let site: string;
  let files: string[];
  /** The example's meetings as its folders say, so these tests follow the example as it grows. */
  let example: { date: string; time: string; status?: string; venue: string; items: { title: string }[] }[];
  const session = new BrowserSession({ timeoutMs: 30_000 });
  const url = (rel: string) => pathToFileURL(join(site, rel)).href;

  beforeAll(async () => {
    const built = await builtCopyOfExample([], ENV);
    board = built;
    const result = built.result;
    expect(result.code, result.stderr).toBe(0);
    site = join(board.dir, 'out/site');
    files = (await filesUnder(site)).map((f) => relative(site, f).split(sep).join('/'));
    const dates = (await readdir(join(board.dir, 'meetings'))).sort();
    example = await Promise.all(dates.map(async (d) => parse(await readFile(join(board.dir, 'meetings', d, 'meeting.yaml'), 'utf8')) as (typeof example)[number]));
  }, 240_000);
  afterAll(async () => {
    await session.close();
    await board.cleanup();
  });

  it('has an index, search, the calendar, open data and a page per meeting with its documents', () => {
    for (const file of ['index.html', 'search.html', 'search-index.js', 'assets/minisearch.js', 'assets/search.js', 'meetings.ics', 'meetings.json']) {
      expect(files).toContain(file);
    }
    for (const { date } of example) {
      expect(files).toContain(`meetings/${date}/index.html`);
      expect(files).toContain(`meetings/${date}/pack.pdf`);
    }
    for (const date of ['2019-09-17', '2019-11-26', '2020-01-30']) expect(files).toContain(`meetings/${date}/minutes.html`);
    expect(files).toContain('meetings/2019-11-26/supplementary.pdf');
    // The inserted PDF is published as it was supplied; HTML papers with their PDFs.
    expect(files).toContain(`meetings/${SLIDES}.pdf`);
    expect(files).toContain(`meetings/${REPORT}.html`);
    expect(files).toContain(`meetings/${REPORT}.pdf`);
  });

  it('links only to files inside the site, and never into a confidential folder', async () => {
    const { broken, checked } = await badLinks(site, files.filter((f) => f.endsWith('.html')));
    expect(broken).toEqual([]);
    expect(checked).toBeGreaterThan(50);
    expect(files.filter((f) => f.split('/').includes('confidential'))).toEqual([]);
  });

  it('shows the exempt item by its title and reason only: none of its papers, anywhere', async () => {
    const meetingPage = await readFile(join(site, 'meetings/2019-11-26/index.html'), 'utf8');
    expect(meetingPage).toContain('Residential Placement Review');
    expect(meetingPage).toMatch(/Exempt: not for publication under paragraph 1 of Part 1 of Schedule 12A/);
    const start = meetingPage.indexOf('id="item-9"');
    const item9 = meetingPage.slice(start, meetingPage.indexOf('</li>', start));
    expect(item9).not.toContain('<a ');
    for (const file of files.filter((f) => /\.(html|js|json|ics)$/.test(f))) {
      const text = await readFile(join(site, file), 'utf8');
      for (const word of EXEMPT_WORDS) expect(text.includes(word), `${word} in ${file}`).toBe(false);
    }
    expect(files.some((f) => f.startsWith('meetings/2019-11-26/09-'))).toBe(false);
  });

  it('passes axe-core (WCAG 2.2 A and AA) on every page of the site and every HTML paper', async () => {
    const pages = files.filter((f) => f.endsWith('.html'));
    expect(pages.length).toBeGreaterThan(20);
    const found: Record<string, AxeViolation[]> = {};
    const structure: Record<string, PageStructure> = {};
    for (const page of pages) {
      const checked = await session.withPage(`checking ${page}`, async (p) => {
        await p.goto(url(page), { waitUntil: 'load' });
        return { violations: await axeViolations(p), structure: await pageStructure(p) };
      });
      if (checked.violations.length) found[page] = checked.violations;
      structure[page] = checked.structure;
    }
    expect(found).toEqual({});
    // Beyond axe's WCAG rules: one h1, no skipped heading levels, a working skip link, focus that shows.
    const wrong = Object.entries(structure).filter(
      ([, s]) => s.lang !== 'en-GB' || !s.title || s.h1s !== 1 || s.skippedLevels.length || !s.skipLinkTarget || s.imagesWithoutAlt || s.tablesWithoutHeaders || !s.focusVisible,
    );
    expect(Object.fromEntries(wrong)).toEqual({});
  }, 240_000);

  it('opens from file: in Chromium, and the index leads to a meeting whose agenda links its papers', async () => {
    const seen = await session.withPage('browsing the site', async (page) => {
      await page.goto(url('index.html'), { waitUntil: 'load' });
      const index = await page.evaluate(() => ({
        lang: document.documentElement.lang,
        title: document.title,
        h1: document.querySelector('h1')?.textContent,
        upcoming: [...document.querySelectorAll('section[aria-labelledby="upcoming-heading"] li > a:first-child')].map((a) => a.textContent),
        past: [...document.querySelectorAll('section[aria-labelledby="past-heading"] h3')].map((h) => h.textContent),
        skip: document.querySelector('a.skip-link')?.getAttribute('href'),
      }));
      await Promise.all([page.waitForNavigation(), page.click('a[href="meetings/2019-11-26/index.html"]')]);
      const meeting = await page.evaluate(() => ({
        h1: document.querySelector('h1')?.textContent,
        items: [...document.querySelectorAll('li.item h3')].map((h) => h.textContent?.replace(/\s+/g, ' ').trim()),
        papers: [...document.querySelectorAll('#item-3 .papers a')].map((a) => a.getAttribute('href')),
        pack: document.querySelector('.documents li')?.textContent?.replace(/\s+/g, ' ').trim(),
      }));
      return { index, meeting };
    });
    expect(seen.index).toEqual({
      lang: 'en-GB',
      title: 'Corporate Parenting Board: meetings and papers',
      h1: 'Corporate Parenting Board',
      upcoming: example.filter((m) => m.date >= ENV.CPB_TODAY).map((m) => longDate(m.date, 'ordinal')),
      past: ['Municipal year 2019/20'],
      skip: '#main',
    });
    expect(seen.meeting.h1).toBe('Corporate Parenting Board: Tuesday, 26th November, 2019');
    expect(seen.meeting.items).toHaveLength(9);
    expect(seen.meeting.items[8]).toBe('9. Residential Placement Review');
    expect(seen.meeting.papers).toEqual([REPORT, REPORT, SLIDES].map((name, i) => `${name.replace('2019-11-26/', '')}${i === 0 ? '.html' : '.pdf'}`));
    expect(seen.meeting.pack).toMatch(/^Agenda pack \(PDF, \d+ KB, \d+ pages\)/);
  });

  it('finds, in the browser and without a server, a word that stands only in the inserted PDF', async () => {
    // "constrained" is on the Violence Reduction Unit's slides (a supplied PDF), in no other paper.
    const results = await session.withPage('searching the site', async (page) => {
      await page.goto(url('search.html'), { waitUntil: 'load' });
      await page.type('#q', 'constrained');
      await page.click('#search-form button');
      await page.waitForSelector('#search-results li');
      return page.evaluate(() => ({
        status: document.getElementById('search-status')?.textContent,
        results: [...document.querySelectorAll('#search-results li')].map((li) => ({
          title: li.querySelector('a')?.textContent,
          href: li.querySelector('a')?.getAttribute('href'),
          meeting: li.querySelector('.result-meta a')?.getAttribute('href'),
          meetingText: li.querySelector('.result-meta a')?.textContent,
        })),
      }));
    });
    expect(results.status).toBe('1 document found for “constrained”.');
    expect(results.results).toEqual([
      {
        title: 'Lancashire Violence Reduction Unit (presentation)',
        href: `meetings/${SLIDES}.pdf`,
        meeting: 'meetings/2019-11-26/index.html',
        meetingText: 'Tuesday, 26th November, 2019',
      },
    ]);
    // A search from the address (as the index page's form sends it), across minutes and papers.
    const fromAddress = await session.withPage('searching from the address', async (page) => {
      await page.goto(`${url('search.html')}?q=${encodeURIComponent('Hertfordshire')}`, { waitUntil: 'load' });
      return page.evaluate(() => [...document.querySelectorAll('#search-results li .result-meta')].map((m) => m.textContent));
    });
    expect(fromAddress.length).toBeGreaterThan(1);
    expect(fromAddress.some((m) => m?.startsWith('Minutes'))).toBe(true);
    const exempt = await session.withPage('searching for exempt words', async (page) => {
      await page.goto(`${url('search.html')}?q=${encodeURIComponent('kestrel')}`, { waitUntil: 'load' });
      return page.evaluate(() => document.getElementById('search-status')?.textContent);
    });
    expect(exempt).toBe('Nothing found for “kestrel”.');
  });

  it('writes meetings.ics that a real iCalendar parser reads: London times, stable UIDs', async () => {
    const text = await readFile(join(site, 'meetings.ics'), 'utf8');
    const calendar = new ICAL.Component(ICAL.parse(text));
    const zone = calendar.getFirstSubcomponent('vtimezone');
    expect(zone?.getFirstPropertyValue('tzid')).toBe('Europe/London');
    ICAL.TimezoneService.register(new ICAL.Timezone(zone!));
    const events = calendar.getAllSubcomponents('vevent').map((v) => new ICAL.Event(v));
    expect(events.map((e) => e.uid)).toEqual(example.map((m) => `lancashire-county-council-corporate-parenting-board-${m.date}@cpb`));
    expect(new Set(events.map((e) => e.startDate.zone?.tzid))).toEqual(new Set(['Europe/London']));
    expect(events.map((e) => e.startDate.toString())).toEqual(example.map((m) => `${m.date}T${m.time}:00`));
    expect(events.map((e) => e.component.getFirstPropertyValue('status'))).toEqual(example.map((m) => (m.status === 'cancelled' ? 'CANCELLED' : 'CONFIRMED')));
    // 6 pm in September is British Summer Time (17:00 UTC); in November and January it is GMT.
    expect(events[0]!.startDate.toJSDate().toISOString()).toBe('2019-09-17T17:00:00.000Z');
    expect(events[1]!.startDate.toJSDate().toISOString()).toBe('2019-11-26T18:00:00.000Z');
    expect(events[1]!.endDate.toJSDate().toISOString()).toBe('2019-11-26T20:00:00.000Z');
    expect(events[1]!.summary).toBe('Corporate Parenting Board');
    expect(events[1]!.location).toBe("Committee Room 'C' - The Duke of Lancaster Room, County Hall, Preston");
    expect(events[1]!.description).toContain('3. Exploitation and Violence Reduction');
    expect(text).toContain('\r\n');
  });

  it('writes meetings.json in the Open Civic Data event shape, matching the example', async () => {
    const data = JSON.parse(await readFile(join(site, 'meetings.json'), 'utf8')) as {
      name: string;
      meetings: {
        start_date: string;
        status: string;
        location: { name: string };
        links: { url: string }[];
        documents: { note: string; links: { url: string; media_type: string; pages?: number }[] }[];
        agenda: { order: string; description: string; documents: { note: string; links: { url: string }[] }[]; exempt?: { paragraph: number; reason: string }; late?: boolean; related_entities: { name: string }[] }[];
        participants: { entity_type: string; name: string; note: string }[];
      }[];
    };
    expect(data.name).toBe('Corporate Parenting Board');
    expect(data.meetings.map((m) => m.start_date.slice(0, 16))).toEqual(example.map((m) => `${m.date}T${m.time}`));
    expect(data.meetings.slice(0, 3).map((m) => m.start_date)).toEqual(['2019-09-17T18:00:00+01:00', '2019-11-26T18:00:00+00:00', '2020-01-30T18:00:00+00:00']);
    const november = data.meetings[1]!;
    const source = parse(await readFile(join(board.dir, 'meetings/2019-11-26/meeting.yaml'), 'utf8')) as { items: { title: string }[]; venue: string };
    expect(november.agenda.map((i) => i.description)).toEqual(source.items.map((i) => i.title));
    expect(november.location.name).toBe(source.venue);
    expect(november.status).toBe('passed');
    const exempt = november.agenda.find((i) => i.exempt);
    expect(exempt).toMatchObject({ order: '9', description: 'Residential Placement Review', documents: [], exempt: { paragraph: 1 } });
    expect(november.agenda[5]!.late).toBe(true);
    expect(november.agenda[2]!.related_entities[0]!.name).toBe('Andy Smith');
    expect(november.agenda[2]!.documents.map((d) => d.links.map((l) => l.url))).toEqual([
      [`meetings/${REPORT}.html`, `meetings/${REPORT}.pdf`],
      [`meetings/${SLIDES}.pdf`],
    ]);
    const pack = november.documents.find((d) => d.note === 'Agenda pack')!.links[0]!;
    expect(pack).toMatchObject({ url: 'meetings/2019-11-26/pack.pdf', media_type: 'application/pdf' });
    expect(pack.pages).toBeGreaterThan(10);
    // Attendance comes from the minutes: members present and apologies.
    expect(november.participants).toContainEqual({ entity_type: 'person', name: 'Jake', note: 'present', group: "Young people's representatives", organisation: expect.any(String) as string });
    expect(november.participants.filter((p) => p.note === 'apologies').length).toBeGreaterThan(0);
    // Every URL in the open data is a file of the site.
    const urls = data.meetings.flatMap((m) => [...m.links.map((l) => l.url), ...m.documents.flatMap((d) => d.links.map((l) => l.url)), ...m.agenda.flatMap((i) => i.documents.flatMap((d) => d.links.map((l) => l.url)))]);
    expect(urls.filter((u) => !files.includes(u))).toEqual([]);
  });
});
