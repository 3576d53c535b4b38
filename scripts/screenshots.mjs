// npm run screenshots: pictures for the README, made from the example board.
//   docs/screenshots/meeting-page.png    the website's page for the meeting of 26 November 2019
//   docs/screenshots/pack-first-page.png the first page of that meeting's agenda pack
// The example is built into a scratch folder (its own out/ is left alone), with CPB_TODAY fixed
// so the pictures do not change from day to day. Needs the compiled cpb (the npm script compiles
// it first), a Chromium as `cpb build` finds one, and pdftoppm (Debian: apt-get install poppler-utils).
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';

const ROOT = resolve(import.meta.dirname, '..');
const MEETING = '2019-11-26';
const SHOTS = join(ROOT, 'docs/screenshots');
const work = mkdtempSync(join(os.tmpdir(), 'cpb-screenshots-'));
const env = { ...process.env, NO_COLOR: '1', CPB_TODAY: '2019-11-20' };

const { BrowserSession } = await import(pathToFileURL(join(ROOT, 'dist/print/browser-session.js')).href);
const session = new BrowserSession({ timeoutMs: 60_000 });
try {
  execFileSync(process.execPath, [join(ROOT, 'bin/cpb'), 'build', join(ROOT, 'examples/lancashire'), '--out', work], { env, stdio: ['ignore', 'ignore', 'inherit'] });
  mkdirSync(SHOTS, { recursive: true });

  await session.withPage('taking the meeting page', async (page) => {
    await page.setViewport({ width: 1000, height: 900, deviceScaleFactor: 1 });
    await page.goto(pathToFileURL(join(work, 'site/meetings', MEETING, 'index.html')).href, { waitUntil: 'load' });
    await page.screenshot({ path: join(SHOTS, 'meeting-page.png'), fullPage: true });
  });

  try {
    execFileSync('pdftoppm', ['-png', '-r', '80', '-f', '1', '-l', '1', '-singlefile', join(work, MEETING, 'pack.pdf'), join(SHOTS, 'pack-first-page')]);
  } catch (error) {
    throw new Error(`pdftoppm could not draw the pack's first page (${error.message}); on Debian or Ubuntu: apt-get install poppler-utils`);
  }
  for (const name of ['meeting-page.png', 'pack-first-page.png']) console.log(join('docs/screenshots', name));
} finally {
  await session.close();
  rmSync(work, { recursive: true, force: true });
}
