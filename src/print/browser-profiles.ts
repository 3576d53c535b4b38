import { readdirSync, readFileSync } from 'node:fs';
import { mkdtemp, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/**
 * The browser's profile folders. Each build's is named after the cpb process that made it
 * (cpb-chromium-PID-XXXXXX in the temporary folder), so a later build can tell a folder whose
 * owner was killed (kill -9, power cut) from one a build still running is using.
 */
const PREFIX = 'cpb-chromium-';
const OWNED = /^cpb-chromium-(\d+)-[A-Za-z0-9]{6}$/;

/** A fresh profile folder owned by this process. */
export function makeProfileDir(): Promise<string> {
  return mkdtemp(join(tmpdir(), `${PREFIX}${process.pid}-`));
}

/**
 * Removes the profile folders of cpb processes that are gone, first killing any browser process
 * still using one (Chromium normally exits when cpb's end of its pipe closes, so there rarely is
 * one). A folder whose owner is alive, or that is not cpb's, is left alone. Returns the folders
 * removed.
 */
export async function removeStaleProfiles(parent: string = tmpdir()): Promise<string[]> {
  const names = await readdir(parent).catch(() => [] as string[]);
  const removed: string[] = [];
  for (const name of names) {
    const owner = OWNED.exec(name)?.[1];
    if (owner === undefined || Number(owner) === process.pid || isAlive(Number(owner))) continue;
    const dir = join(parent, name);
    killProfileProcesses(dir);
    await rm(dir, { recursive: true, force: true }).then(
      () => removed.push(dir),
      () => undefined,
    );
  }
  return removed;
}

/**
 * Sends SIGKILL to every process running with this profile folder: the browser and each of its
 * children (zygotes, renderers, the GPU and utility processes all carry --user-data-dir).
 * Linux only (it reads /proc); elsewhere the process group kill in BrowserSession is all there is.
 */
export function killProfileProcesses(dir: string): number[] {
  const flag = `--user-data-dir=${dir}`;
  const killed: number[] = [];
  let entries: string[];
  try {
    entries = readdirSync('/proc');
  } catch {
    return killed;
  }
  for (const entry of entries) {
    if (!/^\d+$/.test(entry) || Number(entry) === process.pid) continue;
    let cmdline: string;
    try {
      cmdline = readFileSync(`/proc/${entry}/cmdline`, 'latin1');
    } catch {
      continue;
    }
    // Chromium's children rewrite their command line as one space-separated string.
    if (!cmdline.split(/[\0 ]/).includes(flag)) continue;
    try {
      process.kill(Number(entry), 'SIGKILL');
      killed.push(Number(entry));
    } catch {
      // already gone
    }
  }
  return killed;
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    // EPERM: the process exists but belongs to someone else.
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}
