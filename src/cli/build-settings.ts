import { join, resolve } from 'node:path';
import { UsageError } from '../errors.js';

/** `cpb build`'s options as commander gives them. */
export interface BuildOptions {
  out?: string;
  meeting?: string[];
  board?: string[];
  browser?: string;
  htmlOnly?: boolean;
  timeout: string;
  dryRun?: boolean;
  format: 'human' | 'json';
  force?: boolean;
}

/** The same, read once into values (with the environment's settings), for cpb build and cpb serve. */
export interface BuildSettings {
  /** -o as the user typed it. */
  out?: string;
  /** -m: meeting ids, checked against the board once it is read. */
  meetings?: readonly string[];
  /** --board: of a council folder, only these boards (by folder name), and not the council's site. */
  boards?: readonly string[];
  browserPath?: string;
  htmlOnly: boolean;
  timeoutMs: number;
  dryRun: boolean;
  format: 'human' | 'json';
  force: boolean;
  /** SOURCE_DATE_EPOCH in whole seconds. */
  sourceDateEpoch?: number;
  /** CPB_KEEP_PRINTED_HTML, for `npm run bench`: the HTML of every document printed, to time Chromium alone on it. */
  keepPrintedHtmlDir?: string;
  /** CPB_TEST_KILL_AT_COMMIT_STEP=N: a testing aid, cpb kills itself just before step N of the commit. */
  killAtCommitStep?: number;
}

export function buildSettings(options: BuildOptions, env: Record<string, string | undefined>): BuildSettings {
  const timeoutMs = parseTimeout(options.timeout);
  const sourceDateEpoch = parseEpoch(env['SOURCE_DATE_EPOCH']);
  const killAt = Number(env['CPB_TEST_KILL_AT_COMMIT_STEP']);
  return {
    ...(options.out !== undefined ? { out: options.out } : {}),
    ...(options.meeting?.length ? { meetings: options.meeting } : {}),
    ...(options.board?.length ? { boards: options.board } : {}),
    ...(options.browser !== undefined ? { browserPath: options.browser } : {}),
    htmlOnly: options.htmlOnly === true,
    timeoutMs,
    dryRun: options.dryRun === true,
    format: options.format,
    force: options.force === true,
    ...(sourceDateEpoch !== undefined ? { sourceDateEpoch } : {}),
    ...(env['CPB_KEEP_PRINTED_HTML'] ? { keepPrintedHtmlDir: env['CPB_KEEP_PRINTED_HTML'] } : {}),
    ...(Number.isInteger(killAt) && killAt > 0 ? { killAtCommitStep: killAt } : {}),
  };
}

function parseTimeout(value: string): number {
  const seconds = Number(value);
  if (!Number.isFinite(seconds) || seconds <= 0) throw new UsageError(`--timeout must be a number of seconds, not '${value}'`);
  return Math.round(seconds * 1000);
}

function parseEpoch(epoch: string | undefined): number | undefined {
  if (epoch === undefined) return undefined;
  const seconds = Number(epoch);
  if (!Number.isInteger(seconds) || seconds < 0) throw new UsageError(`SOURCE_DATE_EPOCH must be whole seconds since 1970, not '${epoch}'`);
  return seconds;
}

/** The output folder: -o, or the board's own out/. */
export function outDirOf(settings: BuildSettings, boardDir: string): string {
  return settings.out ? resolve(settings.out) : join(boardDir, 'out');
}
