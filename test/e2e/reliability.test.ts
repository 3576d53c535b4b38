import { execFileSync, spawn } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { createServer } from 'node:http';
import { mkdir, readFile, readdir, rm, writeFile } from 'node:fs/promises';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { builtCopyOfExample } from '../helpers/built-example.js';
import { CPB, copyOfExample, cpb } from '../helpers/cli.js';
import { paperFile, printingPaper } from '../helpers/paper-files.js';

const ENV = { CPB_TODAY: '2019-11-20' };

async function snapshot(dir: string): Promise<Map<string, string>> {
  const files = new Map<string, string>();
  const walk = async (d: string): Promise<void> => {
    for (const e of await readdir(d, { withFileTypes: true })) {
      const path = join(d, e.name);
      if (e.isDirectory()) await walk(path);
      else files.set(path.slice(dir.length), (await readFile(path)).toString('base64'));
    }
  };
  await walk(dir);
  return files;
}

// Each test's builds keep their browser profile under a temporary folder of their own, so the
// checks below see only the browsers this test started.
const TMP = mkdtempSync(join(tmpdir(), 'cpb-reliability-'));
afterAll(() => rm(TMP, { recursive: true, force: true, maxRetries: 3 }));
const ENV_TMP = { TMPDIR: TMP };

function chromiumProfiles(): string[] {
  const ps = execFileSync('ps', ['-ww', '-eo', 'stat=,pid=,args='], { encoding: 'utf8' });
  return ps.split('\n').filter((l) => l.includes(join(TMP, 'cpb-chromium-')) && !l.trim().startsWith('Z'));
}

describe('a failed build changes nothing', () => {
  let board: { dir: string; cleanup: () => Promise<void> };
  let before: Map<string, string>;
  beforeAll(async () => {
    const built = await builtCopyOfExample(['--meeting', '2019-11-26'], ENV);
    board = built;
    const r = built.result;
    expect(r.code, r.stderr).toBe(0);
    before = await snapshot(join(board.dir, 'out'));
  });
  afterAll(() => board.cleanup());

  it('when the build is killed while printing', async () => {
    await writeFile(join(board.dir, 'meetings/2019-11-26/papers/delivery-plan.md'), (await readFile(join(board.dir, 'meetings/2019-11-26/papers/delivery-plan.md'), 'utf8')).replace('# Background', '# Changed background'));
    const child = spawn(process.execPath, [CPB, 'build', board.dir, '--meeting', '2019-11-26', '--force'], { env: { ...process.env, ...ENV, ...ENV_TMP, NO_COLOR: '1' } });
    await new Promise<void>((resolve) => {
      child.stderr.on('data', (chunk: Buffer) => {
        // By then the changed paper's HTML has been written (to the staging folder).
        if (printingPaper('2019-11-26', 6, 1).test(chunk.toString())) {
          child.kill('SIGKILL');
          resolve();
        }
      });
    });
    await new Promise((resolve) => child.on('exit', resolve));
    expect(await snapshot(join(board.dir, 'out')).then((s) => new Map([...s].filter(([k]) => !k.includes('.cpb-staging'))))).toEqual(before);
    // The next build clears what the killed one left half-written.
    const r = await cpb(['build', board.dir, '--meeting', '2019-11-26', '--html-only'], { env: ENV });
    expect(r.code, r.stderr).toBe(0);
    expect((await readdir(join(board.dir, 'out'))).filter((n) => n.startsWith('.cpb-staging'))).toEqual([]);
    await new Promise((resolve) => setTimeout(resolve, 1000));
    expect(chromiumProfiles()).toEqual([]);
  });

  it('when Ctrl-C stops it, the browser is closed and nothing is written', async () => {
    const base = await snapshot(join(board.dir, 'out'));
    const child = spawn(process.execPath, [CPB, 'build', board.dir, '--meeting', '2019-11-26', '--force'], { env: { ...process.env, ...ENV, ...ENV_TMP, NO_COLOR: '1' } });
    let stderr = '';
    child.stderr.on('data', (chunk: Buffer) => {
      stderr += chunk.toString();
      if (printingPaper('2019-11-26', 4, 1).test(stderr) && !child.killed) child.kill('SIGINT');
    });
    const code = await new Promise<number | null>((resolve) => child.on('exit', resolve));
    expect(code).toBe(1);
    expect(stderr).toContain('The build was interrupted');
    expect(await snapshot(join(board.dir, 'out'))).toEqual(base);
    expect(chromiumProfiles()).toEqual([]);
  });

  it('when the browser crashes while printing, with a clear error and no browser left behind', async () => {
    const base = await snapshot(join(board.dir, 'out'));
    const paper = join(board.dir, 'meetings/2019-11-26/papers/timetable-2020-21.md');
    await writeFile(paper, (await readFile(paper, 'utf8')).replace('# Meetings in 2020/2021', '# Meetings in the year 2020/2021'));
    const child = spawn(process.execPath, [CPB, 'build', board.dir, '--meeting', '2019-11-26', '--force'], { env: { ...process.env, ...ENV, ...ENV_TMP, NO_COLOR: '1' } });
    let stderr = '';
    let killed = false;
    child.stderr.on('data', (chunk: Buffer) => {
      stderr += chunk.toString();
      if (!killed && stderr.includes('Printing 2019-11-26/pack.pdf')) {
        killed = true;
        // The browser starts with the first print; wait for it, then kill every process of it.
        const killBrowser = () => {
          const lines = chromiumProfiles();
          if (lines.length === 0) return void setTimeout(killBrowser, 50);
          for (const line of lines) {
            const pid = Number(line.trim().split(/\s+/)[1]);
            try {
              if (pid) process.kill(pid, 'SIGKILL');
            } catch {
              // already gone
            }
          }
        };
        killBrowser();
      }
    });
    const code = await new Promise<number | null>((resolve) => child.on('exit', resolve));
    expect(killed).toBe(true);
    expect(code).toBe(1);
    expect(stderr).toMatch(/error .*browser/i);
    expect(stderr).not.toMatch(/\n\s+at /);
    expect(await snapshot(join(board.dir, 'out'))).toEqual(base);
    await new Promise((resolve) => setTimeout(resolve, 500));
    expect(chromiumProfiles()).toEqual([]);
  });

  it('when the pack cannot be rendered, after the papers were', async () => {
    const base = await snapshot(join(board.dir, 'out'));
    await mkdir(join(board.dir, 'templates/documents'), { recursive: true });
    // Handlebars fails at run time on an #each with nothing to go through.
    await writeFile(join(board.dir, 'templates/documents/pack.hbs'), '{{#each}}{{/each}}');
    try {
      const r = await cpb(['build', board.dir, '--meeting', '2019-11-26', '--force'], { env: { ...ENV, ...ENV_TMP } });
      expect(r.code).toBe(1);
      expect(r.stderr).toContain('The template cannot be filled in: {{#each}} needs the list to go through');
      expect(r.stderr).toContain('pack.hbs');
      expect(await snapshot(join(board.dir, 'out'))).toEqual(base);
      // The agenda and minutes print beside the pack: none of them starts a browser once the build has closed its own.
      await new Promise((resolve) => setTimeout(resolve, 500));
      expect(chromiumProfiles()).toEqual([]);
    } finally {
      await rm(join(board.dir, 'templates'), { recursive: true, force: true });
    }
  });

  it('when a paper cannot be read', async () => {
    const base = await snapshot(join(board.dir, 'out'));
    await writeFile(join(board.dir, 'meetings/2019-11-26/papers/violence-reduction-unit.pdf'), 'this is not a PDF');
    const r = await cpb(['build', board.dir, '--meeting', '2019-11-26'], { env: ENV });
    expect(r.code).toBe(1);
    // Since the one reader, validation opens the PDF first and says what is wrong with it.
    expect(r.stderr).toMatch(/The PDF .*violence-reduction-unit\.pdf is not a PDF file/);
    expect(r.stderr).not.toMatch(/\n\s+at /); // no stack trace
    expect(await snapshot(join(board.dir, 'out'))).toEqual(base);
  });
});

describe('the same data gives the same bytes', () => {
  it('two builds of the example are identical, HTML and PDF', async () => {
    const board = await copyOfExample();
    try {
      expect((await cpb(['build', board.dir, '--meeting', '2019-11-26', '--out', join(board.dir, '..', 'a')], { env: ENV })).code).toBe(0);
      expect((await cpb(['build', board.dir, '--meeting', '2019-11-26', '--out', join(board.dir, '..', 'b')], { env: ENV })).code).toBe(0);
      const outputs = (s: Map<string, string>) => new Map([...s].filter(([k]) => /\.(html|pdf)$/.test(k)));
      const a = outputs(await snapshot(join(board.dir, '..', 'a')));
      const b = outputs(await snapshot(join(board.dir, '..', 'b')));
      expect([...a.keys()].some((k) => k.endsWith('pack.pdf'))).toBe(true);
      expect(b).toEqual(a);
    } finally {
      await board.cleanup();
    }
  });
});

describe('untrusted content is inert', () => {
  it('loads nothing from the network or outside the board, whatever a template or paper asks', async () => {
    let requests = 0;
    const server = createServer((_req, res) => {
      requests += 1;
      res.end('x');
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    const board = await copyOfExample();
    try {
      await mkdir(join(board.dir, 'templates/documents'), { recursive: true });
      await writeFile(
        join(board.dir, 'templates/documents/agenda.hbs'),
        `{{#> layout}}<img src="${url}/beacon.png" alt="x"><link rel="stylesheet" href="${url}/s.css"><iframe src="file:///etc/passwd" title="x"></iframe>{{> front-sheet}}{{/layout}}`,
      );
      const paper = join(board.dir, 'meetings/2019-11-26/papers/timetable-2020-21.md');
      await writeFile(paper, `${await readFile(paper, 'utf8')}\n<script>fetch("${url}/script")</script>\n<img src="${url}/md.png" alt="remote">\n`);
      const r = await cpb(['build', board.dir, '--meeting', '2019-11-26'], { env: ENV });
      expect(r.code, r.stderr).toBe(0);
      expect(requests).toBe(0);
      const html = await readFile(paperFile(join(board.dir, 'out/2019-11-26'), 6, 1, 'html'), 'utf8');
      expect(html).not.toContain('<script');
      expect(html).not.toContain(`${url}/md.png`);
    } finally {
      server.close();
      await board.cleanup();
    }
  });

  it('templates cannot reach prototypes', async () => {
    const board = await copyOfExample();
    try {
      await mkdir(join(board.dir, 'templates/documents'), { recursive: true });
      await writeFile(join(board.dir, 'templates/documents/agenda.hbs'), '<p id="p">[{{constructor.name}}][{{title.constructor.name}}][{{__proto__}}]</p>');
      expect((await cpb(['build', board.dir, '--meeting', '2019-11-26', '--html-only'], { env: ENV })).code).toBe(0);
      expect(await readFile(join(board.dir, 'out/2019-11-26/agenda.html'), 'utf8')).toBe('<p id="p">[][][]</p>');
    } finally {
      await board.cleanup();
    }
  });
});
