import { describe, expect, it } from 'vitest';
import { chooseBrowser, SYSTEM_BROWSERS } from '../../src/print/browser-finder.js';
import { CHROMIUM_FLAGS, launchOptions } from '../../src/print/launch-options.js';

const base = { env: {}, platform: 'linux', downloaded: [] as string[], exists: () => true };

describe('choosing a browser', () => {
  it('prefers --browser over everything', () => {
    expect(chooseBrowser({ ...base, option: '/opt/x', env: { CPB_BROWSER: '/opt/y' }, downloaded: ['/d/chrome'] })).toEqual({ path: '/opt/x', source: 'option' });
  });

  it('then CPB_BROWSER, then PUPPETEER_EXECUTABLE_PATH', () => {
    expect(chooseBrowser({ ...base, env: { CPB_BROWSER: '/opt/y', PUPPETEER_EXECUTABLE_PATH: '/opt/z' } })).toEqual({ path: '/opt/y', source: 'environment' });
    expect(chooseBrowser({ ...base, env: { PUPPETEER_EXECUTABLE_PATH: '/opt/z' } })).toEqual({ path: '/opt/z', source: 'environment' });
  });

  it("then the browser puppeteer downloaded, if it is still there", () => {
    expect(chooseBrowser({ ...base, downloaded: ['/cache/chrome'] })).toEqual({ path: '/cache/chrome', source: 'puppeteer-download' });
    const gone = chooseBrowser({ ...base, downloaded: ['/cache/chrome'], exists: (p) => p !== '/cache/chrome' });
    expect(gone?.source).toBe('system');
  });

  it("then the system's Chromium, in the order packages put it", () => {
    expect(chooseBrowser({ ...base, exists: (p) => p === '/usr/bin/google-chrome' })).toEqual({ path: '/usr/bin/google-chrome', source: 'system' });
    expect(chooseBrowser(base)).toEqual({ path: SYSTEM_BROWSERS['linux']![0], source: 'system' });
  });

  it('finds nothing when there is nothing', () => {
    expect(chooseBrowser({ ...base, exists: () => false })).toBeUndefined();
    expect(chooseBrowser({ ...base, platform: 'aix' })).toBeUndefined();
  });
});

describe('launch options', () => {
  const input = { executablePath: '/usr/bin/chromium', timeoutMs: 5000, userDataDir: '/tmp/p' };

  it('keeps the sandbox unless running as root', () => {
    expect(launchOptions({ ...input, runningAsRoot: false }).args).not.toContain('--no-sandbox');
    expect(launchOptions({ ...input, runningAsRoot: true }).args).toContain('--no-sandbox');
  });

  it('turns off background networking and shared memory, headless, with the timeout and a private profile', () => {
    const options = launchOptions({ ...input, runningAsRoot: false });
    expect(options.args).toEqual(expect.arrayContaining(['--disable-background-networking', '--disable-dev-shm-usage', '--disable-gpu']));
    expect(options).toMatchObject({ headless: true, timeout: 5000, userDataDir: '/tmp/p', executablePath: '/usr/bin/chromium' });
    expect(CHROMIUM_FLAGS).toContain('--no-first-run');
  });
});
