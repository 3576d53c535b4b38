import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';
import { chmod, mkdir, readFile, readdir, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CPB, copyOfExample, cpb } from '../helpers/cli.js';
import { browserThatNeverOpensAPage } from '../helpers/silent-browser.js';
import { testTempDir } from '../helpers/temp-dir.js';

const ENV = { CPB_TODAY: '2019-11-20' };
const CHROMIUM = '/usr/bin/chromium';

/**
 * Each test gets a temporary folder of its own for its builds' browser profiles, so the checks see
 * only the browsers its builds started (other builds run Chromium on this machine at the same time).
 */
function ownTmp(): string {
  return testTempDir('cpb-lifecycle-');
}

/** Live processes (not zombies) whose command line names a profile folder under `tmp`. */
function browsersUnder(tmp: string): { pid: number; line: string }[] {
  const ps = execFileSync('ps', ['-ww', '-eo', 'stat=,pid=,args='], { encoding: 'utf8' });
  return ps
    .split('\n')
    .filter((l) => l.includes(join(tmp, 'cpb-chromium-')) && !l.trim().startsWith('Z'))
    .map((line) => ({ pid: Number(line.trim().split(/\s+/)[1]), line }));
}

async function profilesUnder(tmp: string): Promise<string[]> {
  return (await readdir(tmp)).filter((n) => n.startsWith('cpb-chromium-'));
}

/**
 * A browser that notes each start in a log, waits `delay` seconds, then runs Chromium: the delay
 * makes "a signal while the browser is starting" a moment a test can hit.
 */
async function slowBrowser(tmp: string, delay: number): Promise<{ path: string; log: string }> {
  const path = join(tmp, 'slow-chromium.sh');
  const log = join(tmp, 'starts.log');
  await writeFile(path, `#!/bin/sh\necho started >> '${log}'\nsleep ${delay}\nexec ${CHROMIUM} "$@"\n`);
  await chmod(path, 0o755);
  return { path, log };
}

async function starts(log: string): Promise<number> {
  return existsSync(log) ? (await readFile(log, 'utf8')).split('\n').filter(Boolean).length : 0;
}

interface Run {
  child: ChildProcess;
  stderr: () => string;
  exit: Promise<{ code: number | null; signal: NodeJS.Signals | null; ms: number }>;
}

function build(dir: string, tmp: string, extra: string[] = []): Run {
  const child = spawn(process.execPath, [CPB, 'build', dir, '--meeting', '2019-11-26', '--force', ...extra], {
    env: { ...process.env, ...ENV, TMPDIR: tmp, NO_COLOR: '1' },
  });
  let stderr = '';
  child.stderr!.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  const started = Date.now();
  const exit = new Promise<{ code: number | null; signal: NodeJS.Signals | null; ms: number }>((resolve) =>
    child.on('exit', (code, signal) => resolve({ code, signal, ms: Date.now() - started })),
  );
  return { child, stderr: () => stderr, exit };
}

async function until(what: string, test: () => boolean | Promise<boolean>, ms = 60_000): Promise<void> {
  const end = Date.now() + ms;
  while (!(await test())) {
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 25));
  }
}

/** After a signal: the build stopped promptly and failed, and left no browser and no profile. */
async function expectCleanStop(run: Run, tmp: string, signalledAt: number): Promise<void> {
  const { code, signal } = await run.exit;
  expect(signal, run.stderr()).toBeNull();
  expect(code, run.stderr()).toBe(1);
  expect(run.stderr()).toContain('The build was interrupted');
  expect(Date.now() - signalledAt).toBeLessThan(10_000);
  // A moment for the kernel to reap what was killed.
  await new Promise((r) => setTimeout(r, 300));
  expect(browsersUnder(tmp)).toEqual([]);
  expect(await profilesUnder(tmp)).toEqual([]);
}

describe('Ctrl-C and SIGTERM stop the browser for good', () => {
  let board: { dir: string; cleanup: () => Promise<void> };
  beforeAll(async () => {
    board = await copyOfExample();
  });
  afterAll(() => board.cleanup());

  for (const signal of ['SIGINT', 'SIGTERM'] as const) {
    it(`${signal} while papers print: the browser and all its processes are killed, and none starts again`, async () => {
      const tmp = ownTmp();
      const browser = await slowBrowser(tmp, 0);
      const run = build(board.dir, tmp, ['--browser', browser.path]);
      await until('the first print', () => /Printing 2019-11-26\/\d{2}-\d+-/.test(run.stderr()));
      // The browser's child processes (zygotes, renderers) are up: there is a tree to kill.
      await until('the browser processes', () => browsersUnder(tmp).length >= 3);
      const at = Date.now();
      run.child.kill(signal);
      await expectCleanStop(run, tmp, at);
      expect(await starts(browser.log)).toBe(1);
    });

    it(`${signal} while the browser is starting: it is killed as it starts and nothing is left`, async () => {
      const tmp = ownTmp();
      const browser = await slowBrowser(tmp, 2);
      const run = build(board.dir, tmp, ['--browser', browser.path]);
      await until('the browser to be starting', async () => (await starts(browser.log)) === 1);
      const at = Date.now();
      run.child.kill(signal);
      await expectCleanStop(run, tmp, at);
      // Had the slow start gone on to run Chromium, its processes would show up now.
      await new Promise((r) => setTimeout(r, 2500));
      expect(browsersUnder(tmp)).toEqual([]);
      expect(await starts(browser.log)).toBe(1);
    });
  }

  it('a signal while the browser is connecting: the build stops at once and the browser is killed', async () => {
    const tmp = ownTmp();
    const browser = await browserThatNeverOpensAPage(tmp);
    const run = build(board.dir, tmp, ['--browser', browser.path]);
    await until('the browser to be connecting', async () => (await starts(browser.log)) === 1 && browsersUnder(tmp).length === 1);
    // The build has handed the browser its first requests and waits for it to be ready.
    await new Promise((r) => setTimeout(r, 500));
    const at = Date.now();
    run.child.kill('SIGINT');
    await expectCleanStop(run, tmp, at);
  });

  it('a signal before the first print: a browser started beside the reading is stopped; after a build, none is started', async () => {
    const signalledBeforePrinting = async (tmp: string, browser: { path: string; log: string }) => {
      // A Word paper takes a while to convert before anything prints; the signal lands then.
      const run = build(board.dir, tmp, ['--browser', browser.path]);
      await until('validation', () => run.stderr().includes('warning'));
      const at = Date.now();
      run.child.kill('SIGTERM');
      const { code, signal } = await run.exit;
      // Whether the signal came before or after cpb took charge of signals, the build did not finish.
      expect(code === 1 || signal === 'SIGTERM', run.stderr()).toBe(true);
      expect(Date.now() - at).toBeLessThan(10_000);
      await new Promise((r) => setTimeout(r, 300));
      expect(browsersUnder(tmp)).toEqual([]);
      expect(await profilesUnder(tmp)).toEqual([]);
    };
    // No build in the output folder yet: everything will print, so the browser starts at once.
    const fresh = ownTmp();
    const first = await slowBrowser(fresh, 0);
    await rm(join(board.dir, 'out'), { recursive: true, force: true });
    await signalledBeforePrinting(fresh, first);
    expect(await starts(first.log)).toBeLessThanOrEqual(1);
    // After a build the browser waits for the plan to say something is to be printed.
    expect((await cpb(['build', board.dir, '--meeting', '2019-11-26', '--html-only'], { env: ENV })).code).toBe(0);
    const later = ownTmp();
    const second = await slowBrowser(later, 0);
    await signalledBeforePrinting(later, second);
    expect(await starts(second.log)).toBe(0);
  });
});

describe('a build killed with kill -9', () => {
  let board: { dir: string; cleanup: () => Promise<void> };
  beforeAll(async () => {
    board = await copyOfExample();
  });
  afterAll(() => board.cleanup());

  it("leaves no browser running, and the next build removes the dead build's profile folder", async () => {
    const tmp = ownTmp();
    const run = build(board.dir, tmp);
    await until('the first print', () => /Printing 2019-11-26\/\d{2}-\d+-/.test(run.stderr()));
    await until('the browser processes', () => browsersUnder(tmp).length >= 3);
    const pid = run.child.pid!;
    run.child.kill('SIGKILL');
    await run.exit;
    // Chromium exits when cpb's end of its pipe closes: no orphan survives the build.
    await until('the browser to exit after cpb', () => browsersUnder(tmp).length === 0, 10_000);
    const left = await profilesUnder(tmp);
    expect(left).toHaveLength(1);
    expect(left[0]).toMatch(new RegExp(`^cpb-chromium-${pid}-`));

    const r = await cpb(['build', board.dir, '--meeting', '2019-11-26', '--html-only'], { env: { ...ENV, TMPDIR: tmp } });
    expect(r.code, r.stderr).toBe(0);
    expect(await profilesUnder(tmp)).toEqual([]);
  });

  it('the next build also kills a process still using a dead build\'s profile, and leaves a live build\'s folder alone', async () => {
    const tmp = ownTmp();
    // pid_max is at most 2^22, so no process has this pid: the folder's owner is gone.
    const dead = join(tmp, 'cpb-chromium-4194399-AbC123');
    await mkdir(dead);
    await writeFile(join(dead, 'Local State'), '{}');
    const orphan = spawn(process.execPath, ['-e', 'setInterval(() => {}, 1000)', '--', `--user-data-dir=${dead}`], { stdio: 'ignore' });
    const orphanExit = new Promise<NodeJS.Signals | null>((resolve) => orphan.on('exit', (_code, signal) => resolve(signal)));
    // A folder whose owner is alive (this test process) belongs to a build still running.
    const live = join(tmp, `cpb-chromium-${process.pid}-XyZ789`);
    await mkdir(live);
    try {
      await until('the orphan to run', () => browsersUnder(tmp).some((p) => p.pid === orphan.pid), 10_000);
      const r = await cpb(['build', board.dir, '--meeting', '2019-11-26', '--html-only'], { env: { ...ENV, TMPDIR: tmp } });
      expect(r.code, r.stderr).toBe(0);
      expect(await orphanExit).toBe('SIGKILL');
      expect(existsSync(dead)).toBe(false);
      expect(existsSync(live)).toBe(true);
    } finally {
      orphan.kill('SIGKILL');
    }
  });
});
