import { readFile, writeFile } from 'node:fs/promises';
import { join, posix, relative, sep } from 'node:path';
import { parseFeed } from '@rowanmanning/feed-parser';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parse, stringify } from 'yaml';
import type { MeetingData, MinutesData } from '../../src/domain/types.js';
import { startStaticServer } from '../../src/cli/serve/static-server.js';
import { copyOfExample, cpb } from '../helpers/cli.js';
import { filesUnder } from '../helpers/site.js';

// The example board: five meetings from September 2019 to May 2020; November's has a late item
// (a supplementary pack) and an exempt item 9; September's and November's minutes are approved by
// the meeting after, January's are a draft.
const ENV = { CPB_TODAY: '2020-02-01' };
const MARKER = 'celandinerow';

type Parsed = ReturnType<typeof parseFeed>;
const byTitle = (feed: Parsed, title: string) => feed.items.find((i) => i.title === title);

describe("the board's Atom feed", () => {
  let board: { dir: string; cleanup: () => Promise<void> };
  let out: string;
  let xml: string;
  let feed: Parsed;
  let htmlOnlyIds: string[] = [];
  beforeAll(async () => {
    board = await copyOfExample();
    // An exempt discussion in November's minutes, which must never reach the feed.
    const file = join(board.dir, 'meetings/2019-11-26/minutes.yaml');
    const minutes = parse(await readFile(file, 'utf8')) as MinutesData;
    minutes.minutes.find((m) => m.item === 9)!.discussion = `Discussed the placement at ${MARKER}.`;
    await writeFile(file, stringify(minutes));
    // November's presentation corrected after the agenda went out, and the exempt item's paper
    // "republished" too, which must never be told.
    const agendaFile = join(board.dir, 'meetings/2019-11-26/meeting.yaml');
    const agenda = parse(await readFile(agendaFile, 'utf8')) as MeetingData;
    agenda.items.find((i) => i.title === 'Exploitation and Violence Reduction')!.papers![1]!.republished = { date: '2019-11-22', note: 'Slide 4 corrected' };
    agenda.items.find((i) => i.exempt)!.papers![0]!.republished = { date: '2019-11-21', note: `Name of ${MARKER} removed` };
    await writeFile(agendaFile, stringify(agenda));
    const r = await cpb(['build', board.dir], { env: ENV });
    expect(r.code, r.stderr).toBe(0);
    out = join(board.dir, 'out');
    xml = await readFile(join(out, 'site/feed.atom'), 'utf8');
    feed = parseFeed(xml);
  }, 240_000);
  afterAll(() => board.cleanup());

  it('has an entry for each agenda and pack, supplementary pack, draft and approved minutes', () => {
    expect(feed.title).toBe('Corporate Parenting Board: agendas, papers and minutes');
    expect(feed.authors.map((a) => a.name)).toEqual(['Lancashire County Council']);
    const titles = feed.items.map((i) => i.title);
    for (const date of ['Tuesday, 17th September, 2019', 'Tuesday, 26th November, 2019', 'Thursday, 30th January, 2020', 'Wednesday, 25th March, 2020', 'Tuesday, 12th May, 2020']) {
      expect(titles).toContain(`Agenda and papers: Corporate Parenting Board, ${date}`);
    }
    expect(titles).toContain('Supplementary agenda pack: Corporate Parenting Board, Tuesday, 26th November, 2019');
    expect(titles).toContain('Minutes: Corporate Parenting Board, Tuesday, 17th September, 2019');
    expect(titles).toContain('Minutes: Corporate Parenting Board, Tuesday, 26th November, 2019');
    expect(titles).toContain('Draft minutes: Corporate Parenting Board, Thursday, 30th January, 2020');
    // Minutes are either draft or approved, never both.
    expect(titles).not.toContain('Draft minutes: Corporate Parenting Board, Tuesday, 26th November, 2019');
    expect(titles).toContain('Republished: Lancashire Violence Reduction Unit (presentation) (Corporate Parenting Board, Tuesday, 26th November, 2019)');
    expect(feed.items).toHaveLength(10);
  });

  it('has an entry for a republished paper, dated that day, linking its PDF, and the meeting page says so', async () => {
    const entry = byTitle(feed, 'Republished: Lancashire Violence Reduction Unit (presentation) (Corporate Parenting Board, Tuesday, 26th November, 2019)')!;
    expect(entry.updated?.toISOString()).toBe('2019-11-22T00:00:00.000Z');
    expect(entry.url).toBe('meetings/2019-11-26/index.html');
    expect(entry.media.map((m) => [m.url, m.mimeType])).toEqual([['meetings/2019-11-26/03-2-lancashire-violence-reduction-unit-presentation.pdf', 'application/pdf']]);
    expect(entry.description).toBe('Lancashire Violence Reduction Unit (presentation), a paper for the meeting on Tuesday, 26th November, 2019, was republished on 22 November 2019: Slide 4 corrected');
    const html = await readFile(join(out, 'site/meetings/2019-11-26/index.html'), 'utf8');
    const li = html.split('<li>').find((part) => part.includes('>Lancashire Violence Reduction Unit (presentation)</a>'))!.split('</li>')[0]!;
    expect(li.replace(/<[^>]+>/g, '')).toMatch(/^Lancashire Violence Reduction Unit \(presentation\) \(PDF, [^)]+\): Republished 22 November 2019: Slide 4 corrected$/);
    expect(html.toLowerCase()).not.toContain(MARKER);
    expect(html).not.toContain('Republished 21 November');
  });

  it('links each entry to its page and its PDF, both inside the site', async () => {
    const pack = byTitle(feed, 'Agenda and papers: Corporate Parenting Board, Tuesday, 26th November, 2019')!;
    expect(pack.url).toBe('meetings/2019-11-26/index.html');
    expect(pack.media.map((m) => [m.url, m.mimeType])).toEqual([['meetings/2019-11-26/pack.pdf', 'application/pdf']]);
    expect(pack.description).toMatch(/^The agenda pack of the meeting on Tuesday, 26th November, 2019: the agenda and every public paper \(\d+ pages\)\.$/);
    const minutes = byTitle(feed, 'Minutes: Corporate Parenting Board, Tuesday, 26th November, 2019')!;
    expect(minutes.url).toBe('meetings/2019-11-26/minutes.html');
    expect(minutes.media.map((m) => m.url)).toEqual(['meetings/2019-11-26/minutes.pdf']);
    expect(minutes.description).toContain('approved as an accurate record on Thursday, 30th January, 2020');
    const site = join(out, 'site');
    const files = new Set((await filesUnder(site)).map((f) => relative(site, f).split(sep).join('/')));
    for (const item of feed.items) {
      expect(files).toContain(item.url);
      for (const m of item.media) expect(files).toContain(m.url);
    }
  });

  it('dates entries from the build record: the meeting, or for approved minutes the meeting that approved them', () => {
    const updated = (title: string) => byTitle(feed, title)?.updated?.toISOString();
    expect(updated('Agenda and papers: Corporate Parenting Board, Tuesday, 26th November, 2019')).toBe('2019-11-26T00:00:00.000Z');
    expect(updated('Draft minutes: Corporate Parenting Board, Thursday, 30th January, 2020')).toBe('2020-01-30T00:00:00.000Z');
    expect(updated('Minutes: Corporate Parenting Board, Tuesday, 17th September, 2019')).toBe('2019-11-26T00:00:00.000Z');
    // Meetings still to come: their papers are out now, so dated the build's day and never later.
    expect(updated('Agenda and papers: Corporate Parenting Board, Wednesday, 25th March, 2020')).toBe('2020-02-01T00:00:00.000Z');
    expect(updated('Agenda and papers: Corporate Parenting Board, Tuesday, 12th May, 2020')).toBe('2020-02-01T00:00:00.000Z');
    expect(feed.items.filter((i) => i.updated!.getTime() > Date.parse('2020-02-01T00:00:00Z'))).toEqual([]);
    expect(feed.updated?.toISOString()).toBe('2020-02-01T00:00:00.000Z');
    // Newest first.
    const times = feed.items.map((i) => i.updated!.getTime());
    expect([...times].sort((a, b) => b - a)).toEqual(times);
  });

  it('gives every entry a unique urn:uuid and never carries exempt business', () => {
    const ids = feed.items.map((i) => i.id!);
    expect(new Set(ids).size).toBe(ids.length);
    for (const id of ids) expect(id).toMatch(/^urn:uuid:[0-9a-f]{8}-[0-9a-f]{4}-5[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    expect(xml.toLowerCase()).not.toContain(MARKER);
    expect(xml).not.toContain('confidential');
    expect(xml).not.toContain('Residential Placement Review');
  });

  it('is named by every page of the site in its head and its menu', async () => {
    const site = join(out, 'site');
    // The site's own pages; the copies of the meetings' agendas and papers are documents, not pages.
    const pages = (await filesUnder(site)).filter((f) => /(^|[\\/])(index|search|minutes)\.html$/.test(relative(site, f)));
    expect(pages.length).toBe(2 + 5 + 3);
    for (const page of pages) {
      const html = await readFile(page, 'utf8');
      const rel = relative(site, page).split(sep).join('/');
      const head = /<link rel="alternate" type="application\/atom\+xml" title="Corporate Parenting Board: agendas, papers and minutes" href="([^"]+)">/.exec(html.split('</head>')[0]!);
      expect(head, rel).not.toBeNull();
      expect(posix.normalize(posix.join(posix.dirname(rel), head![1]!))).toBe('feed.atom');
      expect(html).toContain(`<a href="${head![1]}" type="application/atom+xml">News feed (Atom)</a>`);
    }
  });

  it('is served by cpb serve as an Atom feed', async () => {
    const server = await startStaticServer(join(out, 'site'), 0);
    try {
      const response = await fetch(`${server.url.replace(/\/$/, '')}/feed.atom`);
      expect(response.status).toBe(200);
      expect(response.headers.get('content-type')).toBe('application/atom+xml; charset=utf-8');
      expect(await response.text()).toBe(xml);
    } finally {
      await server.close();
    }
  });

  it('keeps its ids and bytes on a rebuild, and its ids when the papers change', async () => {
    const feedXml = () => readFile(join(out, 'site/feed.atom'), 'utf8');
    let r = await cpb(['build', board.dir, '--force', '--html-only'], { env: ENV });
    expect(r.code, r.stderr).toBe(0);
    const first = await feedXml();
    // Without PDFs there is no supplementary pack; every other entry keeps its id.
    htmlOnlyIds = parseFeed(first).items.map((i) => i.id!);
    expect(htmlOnlyIds).toEqual(feed.items.filter((i) => !i.title!.startsWith('Supplementary')).map((i) => i.id));
    r = await cpb(['build', board.dir, '--force', '--html-only'], { env: ENV });
    expect(r.code, r.stderr).toBe(0);
    expect(await feedXml()).toBe(first);
    // A new item title and venue change the documents, not their ids.
    const meeting = join(board.dir, 'meetings/2019-11-26/meeting.yaml');
    const yaml = await readFile(meeting, 'utf8');
    const data = parse(yaml) as { venue: string; items: { title: string }[] };
    data.venue = 'Council Chamber, County Hall, Preston';
    data.items[2]!.title = 'Exploitation, Violence Reduction and Missing Children';
    await writeFile(meeting, stringify(data));
    r = await cpb(['build', board.dir, '--html-only'], { env: ENV });
    await writeFile(meeting, yaml);
    expect(r.code, r.stderr).toBe(0);
    expect(await readFile(join(out, 'site/meetings/2019-11-26/index.html'), 'utf8')).toContain('Exploitation, Violence Reduction and Missing Children');
    expect(parseFeed(await feedXml()).items.map((i) => i.id)).toEqual(htmlOnlyIds);
  }, 240_000);

  it('dates every entry SOURCE_DATE_EPOCH when it is set, and keeps the ids', async () => {
    const r = await cpb(['build', board.dir, '--html-only'], { env: { ...ENV, SOURCE_DATE_EPOCH: '1580515200' } });
    expect(r.code, r.stderr).toBe(0);
    const dated = parseFeed(await readFile(join(out, 'site/feed.atom'), 'utf8'));
    // All but the republished paper, which is dated the day the data says it was republished.
    const republished = dated.items.filter((i) => i.title!.startsWith('Republished: '));
    expect(republished.map((i) => i.updated?.toISOString())).toEqual(['2019-11-22T00:00:00.000Z']);
    expect(new Set(dated.items.filter((i) => !republished.includes(i)).map((i) => i.updated?.toISOString()))).toEqual(new Set(['2020-02-01T00:00:00.000Z']));
    expect(new Set(dated.items.map((i) => i.id))).toEqual(new Set(htmlOnlyIds));
  }, 240_000);
});
