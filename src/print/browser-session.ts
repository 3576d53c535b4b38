import { existsSync } from 'node:fs';
import { rm } from 'node:fs/promises';
import type { Browser, Page } from 'puppeteer-core';
import { BrowserError } from '../errors.js';
import { BROWSER_ENV_VARS, findBrowser, INSTALL_HINT, type FoundBrowser } from './browser-finder.js';
import { killProfileProcesses, makeProfileDir, removeStaleProfiles } from './browser-profiles.js';
import { launchOptions } from './launch-options.js';

export interface BrowserSessionOptions {
  /** --browser, if given. */
  browserPath?: string | undefined;
  /** Limit for launching and for each page's work. */
  timeoutMs: number;
  /** Pages printing at once (more wait their turn); two keep a two-core machine busy. */
  pages?: number;
}

/** One launch of the browser: its profile folder (once made) and the means to stop it. */
interface Launch {
  browser: Promise<Browser>;
  controller: AbortController;
  profileDir: string | undefined;
  /** `browser` within the launch's time limit. */
  started?: Promise<Browser>;
  /** True once `browser` has resolved or rejected. */
  settled?: boolean;
}

/** The error a print gets when the build was interrupted before or while the browser started. */
export function interruptedError(): BrowserError {
  return new BrowserError('The build was interrupted', { rule: 'build/interrupted', hint: 'Nothing was changed; run the build again.' });
}

/**
 * The one browser of a build: launched on first use, shared by every page, closed by `close()`
 * (which the CLI calls in `finally`), after which it does not start again. An operation that
 * overruns its time kills the browser.
 *
 * Creating a session starts removing the profile folders of earlier builds that were killed; after
 * `abort()` (Ctrl-C, SIGTERM) no browser starts again, one still starting is killed as soon as it
 * exists, and the running one is killed with every process it started.
 */
export class BrowserSession {
  private current: Launch | undefined;
  private found: FoundBrowser | undefined;
  private aborted = false;
  /** Cleanups run one after another, so the last `close()` returns only when all are done. */
  private closing: Promise<void> = Promise.resolve();
  private readonly staleSwept: Promise<unknown>;
  private readonly pool: PagePool;
  /** Rejects on `abort()`: every print queued or under way fails with it at once. */
  private readonly interrupted: Promise<never>;
  private interrupt: () => void = () => undefined;
  private opened = 0;
  private closed = false;

  constructor(private readonly options: BrowserSessionOptions) {
    this.staleSwept = removeStaleProfiles().catch(() => undefined);
    this.pool = new PagePool(options.pages ?? 2);
    this.interrupted = new Promise<never>((_, reject) => {
      this.interrupt = () => reject(interruptedError());
    });
    this.interrupted.catch(() => undefined);
  }

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

  /**
   * Runs `work` on a page once one of the pool is free: one whose earlier work succeeded, or a new
   * one (a page whose work failed is closed). The work
   * (not the wait) is bounded by the timeout. After `abort()` it rejects at once, queued or not,
   * and a queued one never touches the browser. With `first`, it goes ahead of the work already
   * waiting (a long print that others do not wait for is best begun early).
   */
  async withPage<T>(what: string, work: (page: Page) => Promise<T>, options: { first?: boolean } = {}): Promise<T> {
    if (this.aborted) throw interruptedError();
    const release = await Promise.race([this.pool.acquire(options.first), this.interrupted]);
    try {
      if (this.aborted) throw interruptedError();
      return await Promise.race([this.onPage(what, work), this.interrupted]);
    } finally {
      release();
    }
  }

  private async onPage<T>(what: string, work: (page: Page) => Promise<T>): Promise<T> {
    const browser = await this.launch();
    if (this.aborted) throw interruptedError();
    const run = async () => {
      // A renderer that dies, or a browser that goes away (even before this page was opened), fails
      // the work now rather than at the timeout. A child left running can hold the pipe open after
      // the browser process died, so the process's exit is watched as well as the connection.
      const watch = watchForCrash(browser);
      const idle = idlePagesOf(browser);
      let page: Page | undefined;
      let done = false;
      try {
        // A page that finished its last work is used again: opening a page costs more than a small print.
        page = idle.pop();
        if (!page) {
          page = await Promise.race([browser.newPage(), watch.crashed]);
          this.opened++;
        }
        page.on('error', watch.fire);
        page.setDefaultTimeout(this.options.timeoutMs);
        const result = await Promise.race([work(page), watch.crashed]);
        done = true;
        return result;
      } finally {
        page?.off('error', watch.fire);
        watch.dispose();
        // A page whose work failed is closed, never used again.
        if (page && done && browser.connected && !page.isClosed()) idle.push(page);
        else if (page) await Promise.race([page.close().catch(() => undefined), delay(5000)]);
      }
    };
    return this.bounded(run(), what);
  }

  /** How many pages this session has opened (pages are used again while their work succeeds). */
  get pagesOpened(): number {
    return this.opened;
  }

  /** True once `abort()` was called: a print that failed then failed because of it. */
  /**
   * Starts the browser without waiting for it: a build that will print calls this before it reads
   * and renders the papers, so the launch (about half a second) goes on beside that work instead
   * of before the first print. A launch that fails is reported by the first print, as without this.
   */
  warmUp(): void {
    if (this.aborted || this.current) return;
    this.launch().catch(() => undefined);
  }

  /**
   * Whether the session can still print: not closed or aborted, and its browser, if it has
   * started one, still connected (cpb serve asks before each build, as a browser can die between them).
   */
  async usable(): Promise<boolean> {
    if (this.aborted || this.closed) return false;
    const launch = this.current;
    if (!launch?.settled) return true;
    if (launch.controller.signal.aborted) return false;
    const browser = await launch.browser.catch(() => undefined);
    return browser?.connected === true;
  }

  get wasAborted(): boolean {
    return this.aborted;
  }

  /** Ctrl-C: kills the browser at once, so every print under way fails now, then cleans up. */
  async abort(): Promise<void> {
    this.aborted = true;
    this.interrupt();
    this.pool.drop();
    this.kill();
    await this.close();
  }

  /** Closes the browser (killing it if it does not close in time) and removes its profile folder. */
  close(): Promise<void> {
    this.closed = true;
    const launch = this.current;
    this.current = undefined;
    this.closing = this.closing.then(async () => {
      await this.staleSwept;
      if (launch) await this.shutDown(launch);
    });
    return this.closing;
  }

  private async shutDown(launch: Launch): Promise<void> {
    // Nothing prints after close(): a launch still under way is cut short, and waiting for it
    // means its process and profile folder are known here and cleaned up.
    if (!launch.settled) launch.controller.abort();
    const browser = await launch.browser.catch(() => undefined);
    if (browser?.connected && !this.aborted) {
      // A browser that does not close in time is killed below all the same.
      await Promise.race([browser.close().catch(() => undefined), delay(5000)]);
    }
    killTree(launch, browser);
    if (launch.profileDir) await rm(launch.profileDir, { recursive: true, force: true, maxRetries: 3 }).catch(() => undefined);
  }

  private launch(): Promise<Browser> {
    if (this.aborted) return Promise.reject(interruptedError());
    // A print still waiting when the build closed the browser must not start it again: nothing would close it.
    if (this.closed) return Promise.reject(new BrowserError('The browser was closed before this print', { rule: 'browser/closed' }));
    if (!this.current) {
      const controller = new AbortController();
      const launch: Launch = { controller, profileDir: undefined, browser: Promise.resolve(undefined as never) };
      launch.browser = this.start(launch);
      launch.browser.then(
        () => (launch.settled = true),
        () => (launch.settled = true),
      );
      // One limit from the start of the launch, shared by all who wait for it (a warm-up first).
      launch.started = this.bounded(launch.browser, 'starting the browser');
      launch.started.catch(() => undefined);
      this.current = launch;
    }
    return this.current.started!;
  }

  private async start(launch: Launch): Promise<Browser> {
    const found = await this.locate();
    await this.staleSwept;
    launch.profileDir = await makeProfileDir();
    if (launch.controller.signal.aborted) throw interruptedError();
    const { launch: puppeteerLaunch } = await import('puppeteer-core');
    const options = launchOptions({
      executablePath: found.path,
      runningAsRoot: process.getuid?.() === 0,
      timeoutMs: this.options.timeoutMs,
      userDataDir: launch.profileDir,
    });
    let browser: Browser;
    try {
      // Aborting the signal kills a browser still starting. The launch itself can outlive the
      // abort (a browser killed while it connects leaves the library waiting for its first page
      // until the launch timeout), so the abort ends the wait here, and a browser that starts
      // after it is killed.
      const launching = puppeteerLaunch({ ...options, signal: launch.controller.signal });
      launching.then(
        (late) => launch.controller.signal.aborted && killTree(launch, late),
        () => undefined,
      );
      browser = await Promise.race([launching, whenAborted(launch.controller.signal)]);
    } catch (error) {
      if (launch.controller.signal.aborted) throw interruptedError();
      throw new BrowserError(`Cannot start the browser at ${found.path} (found by ${found.source})`, {
        rule: 'browser/launch',
        hint: INSTALL_HINT,
        cause: error,
      });
    }
    if (launch.controller.signal.aborted) {
      // The signal came while it started: it is not used, and `close()` cleans it up.
      killTree(launch, browser);
      throw interruptedError();
    }
    // If the browser process dies (out of memory, killed), what it started goes with it.
    browser.process()?.once('exit', () => {
      if (launch.profileDir) killProfileProcesses(launch.profileDir);
    });
    return browser;
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

  /** Kills the browser now, or as soon as it exists; `close()` still cleans up after it. */
  private kill(): void {
    const launch = this.current;
    if (!launch) return;
    launch.controller.abort();
    if (launch.profileDir) killProfileProcesses(launch.profileDir);
    launch.browser.then(
      (browser) => killTree(launch, browser),
      () => undefined,
    );
  }
}

/** Pages of a browser whose work is done, ready for the next (at most the pool's size). */
const idlePages = new WeakMap<Browser, Page[]>();

function idlePagesOf(browser: Browser): Page[] {
  let pages = idlePages.get(browser);
  if (!pages) idlePages.set(browser, (pages = []));
  return pages;
}

/** At most `size` pages at once; the rest wait in turn. */
class PagePool {
  private free: number;
  private readonly waiting: (() => void)[] = [];

  constructor(size: number) {
    this.free = Math.max(1, size);
  }

  /** Resolves with the function that gives the page back; `first`: ahead of those already waiting. */
  acquire(first = false): Promise<() => void> {
    let released = false;
    const release = () => {
      if (released) return;
      released = true;
      const next = this.waiting.shift();
      if (next) next();
      else this.free++;
    };
    if (this.free > 0) {
      this.free--;
      return Promise.resolve(release);
    }
    return new Promise((resolve) => (first ? this.waiting.unshift(() => resolve(release)) : this.waiting.push(() => resolve(release))));
  }

  /** Forgets every waiting print (they have been rejected by the abort already). */
  drop(): void {
    this.waiting.length = 0;
  }
}

/** Rejects `crashed` when the browser's process exits or its connection closes, or if it already has. */
function watchForCrash(browser: Browser): { crashed: Promise<never>; fire: () => void; dispose: () => void } {
  const browserProcess = browser.process();
  let fire: () => void = () => undefined;
  const crashed = new Promise<never>((_, reject) => {
    fire = () => reject(new Error('The browser crashed'));
  });
  crashed.catch(() => undefined);
  browser.once('disconnected', fire);
  browserProcess?.once('exit', fire);
  if (!browser.connected || (browserProcess && (browserProcess.exitCode !== null || browserProcess.signalCode !== null))) fire();
  return {
    crashed,
    fire,
    dispose: () => {
      browser.off('disconnected', fire);
      browserProcess?.off('exit', fire);
    },
  };
}

/** Rejects once the signal is aborted (at once if it already is). */
function whenAborted(signal: AbortSignal): Promise<never> {
  return new Promise<never>((_, reject) => {
    if (signal.aborted) reject(interruptedError());
    else signal.addEventListener('abort', () => reject(interruptedError()), { once: true });
  });
}

function delay(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms).unref());
}

/**
 * Kills the browser and every process it started: its process group (puppeteer starts it as a
 * group leader), then anything still running with its profile folder.
 */
function killTree(launch: Launch, browser: Browser | undefined): void {
  const pid = browser?.process()?.pid;
  if (pid) {
    try {
      process.kill(-pid, 'SIGKILL');
    } catch {
      browser?.process()?.kill('SIGKILL');
    }
  }
  if (launch.profileDir) killProfileProcesses(launch.profileDir);
}
