import { cp, mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseFeed } from '@rowanmanning/feed-parser';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { memoryIo } from '../../src/cli/io.js';
import { run } from '../../src/cli/run.js';
import { EXAMPLES } from '../helpers/cli.js';

// The council folder run in this process (the e2e council test runs bin/cpb with PDFs): the
// example council validated and built --html-only, built again with nothing changed, and
// council.yaml mistakes reported at their line.

const ENV = { CPB_TODAY: '2019-11-20' };

async function cpbHere(args: string[]): Promise<{ code: number; out: string; err: string }> {
  const io = memoryIo(ENV);
  const code = await run(args, io);
  return { code, out: io.out.join(''), err: io.err.join('') };
}

/** The first logo a page shows (an SVG's markup, as cpb made it safe) and its words for screen readers. */
function logoOf(html: string): { svg: string; alt: string } | undefined {
  const m = /<img src="data:image\/svg\+xml;base64,([^"]+)" alt="([^"]*)"/.exec(html);
  return m ? { svg: Buffer.from(m[1]!, 'base64').toString('utf8'), alt: m[2]! } : undefined;
}

describe('a council folder, in process', () => {
  let parent: string;
  let out: string;
  let first: { code: number; out: string; err: string };

  beforeAll(async () => {
    parent = await mkdtemp(join(tmpdir(), 'cpb-council-unit-'));
    out = join(parent, 'out');
    first = await cpbHere(['build', EXAMPLES, '--html-only', '--out', out]);
  }, 240_000);
  afterAll(() => rm(parent, { recursive: true, force: true }));

  it('validates the example council and each of its boards', async () => {
    const r = await cpbHere(['validate', EXAMPLES]);
    expect(r.code, r.err).toBe(0);
    expect(r.err + r.out).toMatch(/valid/);
  });

  it('builds every board and the council site on top of them', async () => {
    expect(first.code, first.err).toBe(0);
    for (const board of ['lancashire', 'north-lincolnshire', 'croydon']) {
      expect(existsSync(join(out, board, 'site/index.html')), board).toBe(true);
      expect(existsSync(join(out, 'committees', board, 'index.html')), board).toBe(true);
    }
    const home = await readFile(join(out, 'index.html'), 'utf8');
    expect(home).toContain('Example Council');
    expect(home).toContain('committees/croydon/index.html');
    const data = JSON.parse(await readFile(join(out, 'meetings.json'), 'utf8')) as { meetings: { start_date: string }[] };
    const own = await Promise.all(['lancashire', 'north-lincolnshire', 'croydon'].map(async (b) => (JSON.parse(await readFile(join(out, b, 'site/meetings.json'), 'utf8')) as { meetings: unknown[] }).meetings.length));
    expect(data.meetings).toHaveLength(own.reduce((a, b) => a + b, 0));
    const feed = await readFile(join(out, 'feed.atom'), 'utf8');
    expect(feed.match(/<entry>/g)?.length ?? 0).toBeGreaterThan(3);
  });

  it("gives a board without a logo of its own the council's, on its site and its papers", async () => {
    for (const page of ['lancashire/site/index.html', 'lancashire/2019-11-26/agenda.html', 'croydon/site/index.html']) {
      const logo = logoOf(await readFile(join(out, page), 'utf8'));
      expect(logo?.alt, page).toBe('Example Council');
      expect(logo?.svg, page).toContain('M14 46 L32 16 L50 46 Z');
    }
  });

  it("titles the council feed's entries with the committee's name as the council site shows it, dated no later than the build's day", async () => {
    const feed = parseFeed(await readFile(join(out, 'feed.atom'), 'utf8'));
    const titles = feed.items.map((i) => i.title);
    expect(titles).toContain('Agenda and papers: Corporate Parenting Board (Lancashire County Council), Tuesday, 26th November, 2019');
    expect(titles.some((t) => t?.includes('Corporate Parenting Board (North Lincolnshire Council), '))).toBe(true);
    expect(titles.filter((t) => t?.includes('Corporate Parenting Board, '))).toEqual([]);
    for (const file of ['feed.atom', 'lancashire/site/feed.atom', 'north-lincolnshire/site/feed.atom']) {
      const late = parseFeed(await readFile(join(out, file), 'utf8')).items.filter((i) => i.updated!.getTime() > Date.parse(`${ENV.CPB_TODAY}T00:00:00Z`));
      expect(late.map((i) => i.title), file).toEqual([]);
    }
  });

  it('keeps the logo of a board that has one of its own', async () => {
    const council = join(parent, 'own-logo');
    await cp(EXAMPLES, council, { recursive: true, filter: (src) => !/[\\/]out([\\/]|$)/.test(src.slice(EXAMPLES.length)) });
    const own = '<svg xmlns="http://www.w3.org/2000/svg" width="10" height="10"><rect width="10" height="10" fill="#123456"/></svg>\n';
    await writeFile(join(council, 'croydon/croydon-logo.svg'), own);
    const yaml = join(council, 'croydon/board.yaml');
    await writeFile(yaml, (await readFile(yaml, 'utf8')).replace('theme:\n', 'theme:\n  logo: croydon-logo.svg\n  logo_alt: Croydon\n'));
    const r = await cpbHere(['build', council, '--board', 'croydon', '--html-only']);
    expect(r.code, r.err).toBe(0);
    const page = await readFile(join(council, 'out/croydon/site/index.html'), 'utf8');
    expect(logoOf(page)?.alt).toBe('Croydon');
    expect(logoOf(page)?.svg).toContain('#123456');
  });

  it('does nothing the second time when nothing has changed', async () => {
    const again = await cpbHere(['build', EXAMPLES, '--html-only', '--out', out]);
    expect(again.code, again.err).toBe(0);
    expect(again.err + again.out).toMatch(/Nothing has changed/);
  });

  it('notices a board output that has gone, and puts it back without rebuilding the other boards', async () => {
    const gone = join(out, 'north-lincolnshire', 'site', 'index.html');
    await rm(gone);
    const again = await cpbHere(['build', EXAMPLES, '--html-only', '--out', out]);
    expect(again.code, again.err).toBe(0);
    expect(again.err).not.toMatch(/Nothing has changed/);
    expect(again.err).toMatch(/Built 0 files in \S*lancashire\n/);
    expect(existsSync(gone)).toBe(true);
    expect((await cpbHere(['build', EXAMPLES, '--html-only', '--out', out])).err).toMatch(/Nothing has changed/);
  });

  it('builds the council site over boards built one job each, rebuilding none of them', async () => {
    const jobsOut = join(parent, 'jobs-out');
    for (const board of ['lancashire', 'north-lincolnshire', 'croydon']) {
      const job = await cpbHere(['build', EXAMPLES, '--board', board, '--html-only', '--out', jobsOut]);
      expect(job.code, job.err).toBe(0);
    }
    expect(existsSync(join(jobsOut, 'index.html'))).toBe(false);
    const last = await cpbHere(['build', EXAMPLES, '--html-only', '--out', jobsOut]);
    expect(last.code, last.err).toBe(0);
    for (const board of ['lancashire', 'north-lincolnshire', 'croydon']) expect(last.err).toMatch(new RegExp(`Built 0 files in \\S*${board}\\n`));
    expect(existsSync(join(jobsOut, 'committees', 'croydon', 'index.html'))).toBe(true);
  });

  it('names the line of council.yaml that lists a folder that is not a board, or takes a site folder\'s name', async () => {
    const council = join(parent, 'council');
    await mkdir(council);
    await cp(join(EXAMPLES, 'north-lincolnshire'), join(council, 'assets'), { recursive: true });
    await mkdir(join(council, 'minutes-archive'));
    await writeFile(join(council, 'council.yaml'), 'name: Test Council\nboards:\n  - assets\n  - minutes-archive\n');
    const r = await cpbHere(['validate', council, '--format', 'json']);
    expect(r.code).not.toBe(0);
    const problems = (JSON.parse(r.out) as { errors: { file: string; line?: number; rule?: string }[] }).errors;
    expect(problems).toEqual(expect.arrayContaining([
      expect.objectContaining({ rule: 'council/reserved-name', line: 3 }),
      expect.objectContaining({ rule: 'council/not-a-board', line: 4 }),
    ]));
    expect(problems.filter((p) => p.rule?.startsWith('council/')).every((p) => p.file.endsWith('council.yaml'))).toBe(true);
  });
});
