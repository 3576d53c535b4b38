import { existsSync } from 'node:fs';
import { homedir } from 'node:os';
import { join } from 'node:path';

/** Where the browser came from, for messages and --dry-run. */
export type BrowserSource = 'option' | 'environment' | 'puppeteer-download' | 'system';

export interface FoundBrowser {
  path: string;
  source: BrowserSource;
}

/** Environment variables naming a browser, in order of precedence. */
export const BROWSER_ENV_VARS = ['CPB_BROWSER', 'PUPPETEER_EXECUTABLE_PATH'] as const;

/** Chromium and Chrome where operating systems and packages put them. */
export const SYSTEM_BROWSERS: Record<string, string[]> = {
  linux: [
    '/usr/bin/chromium',
    '/usr/bin/chromium-browser',
    '/usr/bin/google-chrome-stable',
    '/usr/bin/google-chrome',
    '/snap/bin/chromium',
  ],
  darwin: [
    '/Applications/Google Chrome.app/Contents/MacOS/Google Chrome',
    '/Applications/Chromium.app/Contents/MacOS/Chromium',
  ],
  win32: [
    'C:\\Program Files\\Google\\Chrome\\Application\\chrome.exe',
    'C:\\Program Files (x86)\\Google\\Chrome\\Application\\chrome.exe',
  ],
};

export interface FinderInput {
  option?: string | undefined;
  env: Record<string, string | undefined>;
  platform: string;
  /** Executables puppeteer has downloaded, newest first. */
  downloaded: string[];
  exists: (path: string) => boolean;
}

/**
 * Picks a browser: an explicit setting (option, then environment), then the browser
 * puppeteer downloaded on install, then the system's Chromium or Chrome. Pure, for testing.
 * An explicit setting that does not exist is returned anyway so the launch fails naming it.
 */
export function chooseBrowser(input: FinderInput): FoundBrowser | undefined {
  if (input.option) return { path: input.option, source: 'option' };
  for (const name of BROWSER_ENV_VARS) {
    const value = input.env[name];
    if (value) return { path: value, source: 'environment' };
  }
  const downloaded = input.downloaded.find(input.exists);
  if (downloaded) return { path: downloaded, source: 'puppeteer-download' };
  const system = (SYSTEM_BROWSERS[input.platform] ?? []).find(input.exists);
  return system ? { path: system, source: 'system' } : undefined;
}

/** Browsers in puppeteer's download cache (`PUPPETEER_CACHE_DIR` or ~/.cache/puppeteer). */
export async function downloadedBrowsers(env: Record<string, string | undefined>): Promise<string[]> {
  const cacheDir = env['PUPPETEER_CACHE_DIR'] ?? join(homedir(), '.cache', 'puppeteer');
  if (!existsSync(cacheDir)) return [];
  try {
    const { getInstalledBrowsers } = await import('@puppeteer/browsers');
    const installed = await getInstalledBrowsers({ cacheDir });
    return installed
      .filter((b) => b.browser === 'chrome' || b.browser === 'chrome-headless-shell' || b.browser === 'chromium')
      .sort((a, b) => b.buildId.localeCompare(a.buildId, undefined, { numeric: true }))
      .map((b) => b.executablePath);
  } catch {
    return [];
  }
}

export async function findBrowser(option?: string): Promise<FoundBrowser | undefined> {
  return chooseBrowser({
    option,
    env: process.env,
    platform: process.platform,
    downloaded: await downloadedBrowsers(process.env),
    exists: existsSync,
  });
}

export const INSTALL_HINT =
  'Install Chromium (Debian/Ubuntu: `apt-get install chromium`), or name a browser with --browser PATH or CPB_BROWSER=PATH. ' +
  'With internet access, `npx puppeteer browsers install chrome-headless-shell` downloads one.';
