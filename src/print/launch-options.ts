import type { LaunchOptions } from 'puppeteer-core';

/**
 * Flags for a headless Chromium that prints documents: nothing in the background reaches out to
 * the network, and /dev/shm is not relied on (small in containers).
 */
export const CHROMIUM_FLAGS = [
  '--disable-gpu',
  '--disable-dev-shm-usage',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
  '--no-default-browser-check',
  '--disable-extensions',
  '--mute-audio',
] as const;

export interface LaunchInput {
  executablePath: string;
  /** Chromium refuses to start its sandbox as root, so only then is it turned off. */
  runningAsRoot: boolean;
  timeoutMs: number;
  userDataDir: string;
}

/** Launch options as a pure function of the situation, so they can be tested without a browser. */
export function launchOptions(input: LaunchInput): LaunchOptions {
  return {
    executablePath: input.executablePath,
    headless: true,
    args: [...CHROMIUM_FLAGS, ...(input.runningAsRoot ? ['--no-sandbox'] : [])],
    timeout: input.timeoutMs,
    protocolTimeout: input.timeoutMs,
    userDataDir: input.userDataDir,
    pipe: true,
    // Ctrl-C and SIGTERM are handled by cpb, which closes the browser itself.
    handleSIGINT: false,
    handleSIGTERM: false,
    handleSIGHUP: false,
  };
}
