import { createHash } from 'node:crypto';
import { cp, mkdir, mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, relative, sep } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cpb, EXAMPLES, type CliResult } from '../helpers/cli.js';
import { filesUnder } from '../helpers/site.js';

// docs/ci-and-editors.md, "One job per committee", as its jobs run it: each board's job checks
// out the council afresh and builds `--board NAME` with PDFs; the last job checks it out again,
// downloads every job's out/ merged into its out/ (copies: new times, new inodes) and builds
// the council with --html-only. Every job builds on the same day.
const ENV = { CPB_TODAY: '2020-02-01' };
const BOARDS = ['croydon', 'lancashire', 'north-lincolnshire'];

const run = (args: string[]): Promise<CliResult> => cpb(args, { env: ENV, timeoutMs: 600_000 });

/** A fresh checkout of the example council, without any out/ folder. */
async function checkout(dir: string): Promise<void> {
  await cp(EXAMPLES, dir, { recursive: true, filter: (src) => !/(^|[\\/])out([\\/]|$)/.test(relative(EXAMPLES, src)) });
}

/** Every file under `dir` (hidden ones too) with the sha256 of its bytes, by path relative to `dir`. */
async function sums(dir: string): Promise<Map<string, string>> {
  const files = await filesUnder(dir);
  const entries = await Promise.all(files.map(async (f) => [relative(dir, f).split(sep).join('/'), createHash('sha256').update(await readFile(f)).digest('hex')] as const));
  return new Map(entries);
}

describe('the council recipe of one CI job per committee', () => {
  let parent: string;
  let out: string;
  let jobs: CliResult[];
  let last: CliResult;
  let downloaded: Map<string, string>;
  let after: Map<string, string>;

  beforeAll(async () => {
    parent = await mkdtemp(join(tmpdir(), 'cpb-matrix-'));
    jobs = [];
    for (const board of BOARDS) {
      const dir = join(parent, `job-${board}`);
      await checkout(dir);
      jobs.push(await run(['build', dir, '--board', board]));
    }
    const council = join(parent, 'council');
    await checkout(council);
    out = join(council, 'out');
    await mkdir(out);
    // download-artifact with merge-multiple: each job's out/ copied over the last job's.
    for (const board of BOARDS) await cp(join(parent, `job-${board}`, 'out'), out, { recursive: true, force: true });
    downloaded = await sums(out);
    last = await run(['build', council, '--html-only']);
    after = await sums(out);
  }, 600_000);
  afterAll(async () => {
    await rm(parent, { recursive: true, force: true });
  });

  it('builds each board with its PDFs in its own job, and no council site there', () => {
    jobs.forEach((job, i) => {
      expect(job.code, job.stderr).toBe(0);
      expect(job.stderr).toContain(`Built `);
      expect([...downloaded.keys()].some((f) => f.startsWith(`${BOARDS[i]}/`) && f.endsWith('.pdf'))).toBe(true);
    });
    expect(downloaded.has('index.html')).toBe(false);
  });

  it('rebuilds no meeting in the last job and keeps every file of every board as it was', () => {
    expect(last.code, last.stderr).toBe(0);
    for (const board of BOARDS) expect(last.stderr).toMatch(new RegExp(`Built 0 files in \\S*out/${board}\\n`));
    expect(last.stderr).not.toMatch(/Printing|Rendering/);
    for (const [file, sum] of downloaded) {
      if (file === '.cpb-build-cache.json') continue; // the council's own record, which now lists its site
      expect(after.get(file), file).toBe(sum);
    }
  });

  it('writes the council site, with every committee, and nothing else', async () => {
    const written = [...after.keys()].filter((f) => !downloaded.has(f));
    expect(written.every((f) => !BOARDS.some((b) => f.startsWith(`${b}/`))), written.join('\n')).toBe(true);
    for (const file of ['index.html', 'search.html', 'meetings.ics', 'meetings.json', 'feed.atom']) expect(written).toContain(file);
    const home = await readFile(join(out, 'index.html'), 'utf8');
    for (const board of BOARDS) {
      expect(written).toContain(`committees/${board}/index.html`);
      expect(home).toContain(`committees/${board}/`);
    }
    expect((await readdir(out)).filter((f) => BOARDS.includes(f)).sort()).toEqual(BOARDS);
  });

  it('finds the council up to date when the last job is run again', async () => {
    const again = await run(['build', join(parent, 'council'), '--html-only']);
    expect(again.code, again.stderr).toBe(0);
    expect(again.stderr).toContain('Nothing has changed since the last build of Example Council');
    expect(await sums(out)).toEqual(after);
  });
});
