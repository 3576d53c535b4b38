import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { chmod, readFile, readdir, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { BrowserSession } from '../../src/print/browser-session.js';
import { printPdf } from '../../src/print/print-pdf.js';
import { browserThatNeverOpensAPage } from '../helpers/silent-browser.js';

/**
 * The browser session itself, where the moments around a signal can be hit exactly: abort() is
 * what cpb calls on Ctrl-C and SIGTERM. Profiles go to a temporary folder of this test's own
 * (this file runs in a process of its own), so only its browsers are looked for.
 */
let tmp: string;
// Each test's folder beside the others, not inside the last one's: a profile folder nested deep
// makes a path too long for the browser's own socket, and it fails to start.
const baseTmp = tmpdir();
beforeEach(() => {
  tmp = mkdtempSync(join(baseTmp, 'cpb-session-'));
  process.env['TMPDIR'] = tmp;
});
afterEach(() => rmSync(tmp, { recursive: true, force: true, maxRetries: 3 }));

function browsersUnder(dir: string): string[] {
  const ps = execFileSync('ps', ['-ww', '-eo', 'stat=,pid=,args='], { encoding: 'utf8' });
  return ps.split('\n').filter((l) => l.includes(join(dir, 'cpb-chromium-')) && !l.trim().startsWith('Z'));
}

async function slowBrowser(delay: number): Promise<{ path: string; log: string }> {
  const path = join(tmp, 'slow-chromium.sh');
  const log = join(tmp, 'starts.log');
  await writeFile(path, `#!/bin/sh\necho started >> '${log}'\nsleep ${delay}\nexec /usr/bin/chromium "$@"\n`);
  await chmod(path, 0o755);
  return { path, log };
}

const starts = async (log: string) => (existsSync(log) ? (await readFile(log, 'utf8')).split('\n').filter(Boolean).length : 0);
const profiles = async () => (await readdir(tmp)).filter((n) => n.startsWith('cpb-chromium-'));

describe('after abort()', () => {
  it('no browser starts: a print asked for afterwards is refused', async () => {
    const browser = await slowBrowser(0);
    const session = new BrowserSession({ browserPath: browser.path, timeoutMs: 30_000 });
    await session.abort();
    await expect(printPdf(session, '<p>late</p>', 'late.pdf')).rejects.toThrow('The build was interrupted');
    await session.close();
    expect(await starts(browser.log)).toBe(0);
    expect(await profiles()).toEqual([]);
  });

  it('a browser still starting is killed at once, not when it is ready', async () => {
    const browser = await slowBrowser(3);
    const session = new BrowserSession({ browserPath: browser.path, timeoutMs: 30_000 });
    const printing = printPdf(session, '<p>x</p>', 'x.pdf');
    printing.catch(() => undefined);
    while ((await starts(browser.log)) === 0) await new Promise((r) => setTimeout(r, 20));
    const at = Date.now();
    await session.abort();
    // Well before the slow start would have reached Chromium.
    expect(Date.now() - at).toBeLessThan(2000);
    await expect(printing).rejects.toThrow('The build was interrupted');
    await new Promise((r) => setTimeout(r, 3500));
    expect(browsersUnder(tmp)).toEqual([]);
    expect(await profiles()).toEqual([]);
  });

  it('the running browser is gone with every process it started, and its profile folder', async () => {
    const session = new BrowserSession({ browserPath: '/usr/bin/chromium', timeoutMs: 30_000 });
    const printed = await printPdf(session, '<p>one</p>', 'one.pdf');
    expect(Buffer.from(printed.subarray(0, 5)).toString('latin1')).toBe('%PDF-');
    expect(browsersUnder(tmp).length).toBeGreaterThanOrEqual(3);
    // The folder is named after its owner, so a later build can tell when it was left behind.
    expect(await profiles()).toEqual([expect.stringMatching(new RegExp(`^cpb-chromium-${process.pid}-`))]);
    await session.abort();
    // No waiting: abort() returns once the whole tree is dead.
    expect(browsersUnder(tmp)).toEqual([]);
    expect(await profiles()).toEqual([]);
    await expect(printPdf(session, '<p>two</p>', 'two.pdf')).rejects.toThrow('The build was interrupted');
  });
});

describe('close() while the browser is still connecting', () => {
  it('does not wait for it to be ready: the launch is cut short and the browser killed', async () => {
    const browser = await browserThatNeverOpensAPage(tmp);
    const session = new BrowserSession({ browserPath: browser.path, timeoutMs: 30_000 });
    // A build that fails before its first print closes a browser it warmed up.
    session.warmUp();
    while (browsersUnder(tmp).length === 0) await new Promise((r) => setTimeout(r, 20));
    await new Promise((r) => setTimeout(r, 300));
    const at = Date.now();
    await session.close();
    expect(Date.now() - at).toBeLessThan(3000);
    await new Promise((r) => setTimeout(r, 200));
    expect(browsersUnder(tmp)).toEqual([]);
    expect(await profiles()).toEqual([]);
  });
});

describe('warmUp(): the browser started before the first print', () => {
  it('is the one the prints use, started once', async () => {
    const browser = await slowBrowser(0);
    const session = new BrowserSession({ browserPath: browser.path, timeoutMs: 30_000 });
    try {
      session.warmUp();
      while ((await starts(browser.log)) === 0) await new Promise((r) => setTimeout(r, 20));
      session.warmUp();
      const pdfs = await Promise.all(['a', 'b', 'c'].map((x) => printPdf(session, `<p>${x}</p>`, `${x}.pdf`)));
      expect(pdfs.every((pdf) => new TextDecoder().decode(pdf.subarray(0, 5)) === '%PDF-')).toBe(true);
      expect(await starts(browser.log)).toBe(1);
    } finally {
      await session.close();
    }
    expect(await profiles()).toEqual([]);
  });

  it('a launch that overruns its limit fails the first print with the timeout, not as an interruption', async () => {
    const browser = await slowBrowser(2);
    const session = new BrowserSession({ browserPath: browser.path, timeoutMs: 300 });
    try {
      session.warmUp();
      await new Promise((r) => setTimeout(r, 600));
      await expect(printPdf(session, '<p>x</p>', 'x.pdf')).rejects.toThrow('The browser took longer than 0.3 s starting the browser');
    } finally {
      await session.close();
    }
    await new Promise((r) => setTimeout(r, 2500));
    expect(browsersUnder(tmp)).toEqual([]);
    expect(await profiles()).toEqual([]);
  });
});
