import { existsSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser, Page } from 'puppeteer-core';
import { BrowserError } from '../errors.js';
import { BROWSER_ENV_VARS, findBrowser, INSTALL_HINT, type FoundBrowser } from './browser-finder.js';
import { launchOptions } from './launch-options.js';

export interface BrowserSessionOptions {
  /** --browser, if given. */
  browserPath?: string | undefined;
  /** Limit for launching and for each page's work. */
  timeoutMs: number;
}

/**
 * The one browser of a build: launched on first use, shared by every page, closed by `close()`
 * (which the CLI calls in `finally`). An operation that overruns its time kills the browser.
 */
export class BrowserSession {
  private browser: Promise<Browser> | undefined;
  private found: FoundBrowser | undefined;
  private userDataDir: string | undefined;

  constructor(private readonly options: BrowserSessionOptions) {}

  /** Finds the browser without launching it; throws a BrowserError with the install hint if none. */
  async locate(): Promise<FoundBrowser> {
    this.found ??= await findBrowser(this.options.browserPath);
    if (!this.found) {
      throw new BrowserError('No Chromium or Chrome was found to print PDFs', { rule: 'browser/missing', hint: INSTALL_HINT });
    }
    if (!existsSync(this.found.path)) {
      const by = this.found.source === 'option' ? '--browser' : BROWSER_ENV_VARS.find((v) => process.env[v]) ?? 'the environment';
      throw new BrowserError(`The browser named by ${by} does not exist: ${this.found.path}`, {
        rule: 'browser/missing',
        hint: INSTALL_HINT,
      });
    }
    return this.found;
  }

  /** Runs `work` on a fresh page, closed afterwards; the whole of it is bounded by the timeout. */
  async withPage<T>(what: string, work: (page: Page) => Promise<T>): Promise<T> {
    const browser = await this.launch();
    const run = async () => {
      const page = await browser.newPage();
      try {
        page.setDefaultTimeout(this.options.timeoutMs);
        return await work(page);
      } finally {
        await page.close().catch(() => undefined);
      }
    };
    return this.bounded(run(), what);
  }

  /** Ctrl-C: kills the browser at once, so every print under way fails now, then cleans up. */
  async abort(): Promise<void> {
    this.kill();
    await this.close();
  }

  /** Closes the browser (killing it if it does not close in time) and removes its profile folder. */
  async close(): Promise<void> {
    const launching = this.browser;
    this.browser = undefined;
    // Waiting for a launch still under way (it is bounded by its own timeout) means its process
    // and profile folder are known here and cleaned up, even after a timeout.
    const browser = await launching?.catch(() => undefined);
    if (browser) {
      const timer = setTimeout(() => browser.process()?.kill('SIGKILL'), 5000);
      await browser.close().catch(() => undefined);
      clearTimeout(timer);
      browser.process()?.kill('SIGKILL');
    }
    if (this.userDataDir) await rm(this.userDataDir, { recursive: true, force: true }).catch(() => undefined);
    this.userDataDir = undefined;
  }

  private launch(): Promise<Browser> {
    this.browser ??= (async () => {
      const found = await this.locate();
      this.userDataDir = await mkdtemp(join(tmpdir(), 'cpb-chromium-'));
      const { launch } = await import('puppeteer-core');
      const options = launchOptions({
        executablePath: found.path,
        runningAsRoot: process.getuid?.() === 0,
        timeoutMs: this.options.timeoutMs,
        userDataDir: this.userDataDir,
      });
      try {
        return await launch(options);
      } catch (error) {
        throw new BrowserError(`Cannot start the browser at ${found.path} (found by ${found.source})`, {
          rule: 'browser/launch',
          hint: INSTALL_HINT,
          cause: error,
        });
      }
    })();
    return this.bounded(this.browser, 'starting the browser');
  }

  /** Rejects with a BrowserError once the timeout passes, killing the browser so nothing hangs. */
  private bounded<T>(work: Promise<T>, what: string): Promise<T> {
    const ms = this.options.timeoutMs;
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<never>((_, reject) => {
      timer = setTimeout(() => {
        this.kill();
        reject(
          new BrowserError(`The browser took longer than ${ms / 1000} s ${what}`, {
            rule: 'browser/timeout',
            hint: 'Try again; if it keeps happening, raise the limit with --timeout SECONDS.',
          }),
        );
      }, ms);
    });
    work.catch(() => undefined);
    return Promise.race([work, timeout]).finally(() => clearTimeout(timer));
  }

  /** Kills the browser process as soon as it exists; `close()` still cleans up after it. */
  private kill(): void {
    this.browser?.then(
      (browser) => browser.process()?.kill('SIGKILL'),
      () => undefined,
    );
  }
}
