import { resolve } from 'node:path';
import { boardKey, upToDate } from '../../build/board-key.js';
import { buildInputHashes } from '../../build/inputs.js';
import { ExitCode } from '../../errors.js';
import { displayPathOf, rememberTypedFolder } from '../../load/display-path.js';
import { anyFileChangedSince } from '../../load/board-mtimes.js';
import { BrowserSession } from '../../print/browser-session.js';
import { BuildCache } from '../../write/build-cache.js';
import { claimOutputFolder } from '../../write/output-folder.js';
import { buildSettings, outDirOf, type BuildOptions, type BuildSettings } from '../build-settings.js';
import { reportUpToDate } from '../build-report.js';
import type { Io } from '../io.js';
import { Interruption } from '../interrupt.js';
import { validationContext } from '../validation-context.js';
import type { CouncilOfBoard, WholeBoard } from './build-kinds.js';

export type { BuildOptions } from '../build-settings.js';
export type { CouncilOfBoard } from './build-kinds.js';

/** `cpb build`: load → validate → model → plan → render → print → write, all or nothing. */
export async function buildCommand(boardArg: string, options: BuildOptions, io: Io): Promise<ExitCode> {
  return buildBoard(boardArg, buildSettings(options, io.env), io);
}

/**
 * Builds the board folder with options already read (cpb build, and each build of cpb serve).
 * The build has a browser of its own, closed once its meetings are built, unless it is given
 * `shared`: cpb serve's, kept running from one build to the next (an edit then prints without
 * waiting for a browser to start).
 */
export async function buildBoard(boardArg: string, settings: BuildSettings, io: Io, council?: CouncilOfBoard, shared?: BrowserSession): Promise<ExitCode> {
  const browser = shared ?? browserFor(settings);
  const done = shared ? () => Promise.resolve() : () => browser.close();
  const interruption = new Interruption(() => browser.abort());
  try {
    const outDir = outDirOf(settings, resolve(boardArg));
    // When something will surely be printed, the browser starts (about half a second, on the
    // other core) while the board is read, checked and planned: into an output folder with no
    // build in it, or when a file of the board is newer than the last build's
    // record (a paper edited since). Otherwise it starts once the plan says something is to be
    // printed (runBuild), so a rebuild with nothing to print does not launch it.
    if (!settings.htmlOnly && !settings.dryRun) {
      void BuildCache.writtenAt(outDir)
        .then(async (at) => (at === undefined || (await anyFileChangedSince(boardArg, at, [outDir])) ? browser.warmUp() : undefined))
        .catch(() => undefined);
    }
    const whole = await wholeBoard(boardArg, outDir, settings, io, council);
    if (whole?.upToDate && (settings.htmlOnly || (await browser.locate().then(() => true, () => false)))) {
      // Still refused, as a build would refuse it: an output folder that is not cpb's.
      await claimOutputFolder(resolve(boardArg), outDir, settings.out ?? displayPathOf(outDir));
      reportUpToDate(whole.upToDate, resolve(boardArg), outDir, settings.format, io);
      return ExitCode.ok;
    }
    // The build proper, and all it loads (the board's readers, the checks, the model, the
    // renderers), only when the board is to be read: a rebuild with nothing to do is done without.
    const { buildWith } = await import('./build-with.js');
    return await buildWith({ session: browser, done }, interruption, boardArg, settings, io, council, whole);
  } finally {
    interruption.dispose();
    await done();
  }
}

/** A browser session as the settings ask for it (--browser, --timeout): a build's own, or cpb serve's. */
export function browserFor(settings: BuildSettings): BrowserSession {
  return new BrowserSession({ browserPath: settings.browserPath, timeoutMs: settings.timeoutMs });
}


/**
 * For a build of every meeting of a board on its own (not of a council, not -m, not --dry-run),
 * the fingerprint of all it reads, taken before it is read: a file changed while the build runs
 * then leaves a record that does not match it. Undefined for other builds, and when the board
 * cannot be fingerprinted (the build then says why, as it reads it).
 */
async function wholeBoard(boardArg: string, outDir: string, settings: BuildSettings, io: Io, council: CouncilOfBoard | undefined): Promise<WholeBoard | undefined> {
  if (council || settings.dryRun || settings.meetings) return undefined;
  try {
    const boardDir = resolve(boardArg);
    rememberTypedFolder(boardArg);
    if (settings.out) rememberTypedFolder(settings.out);
    const { today } = await validationContext(io.env);
    const hashes = await buildInputHashes(boardDir, outDir, settings.sourceDateEpoch);
    const key = boardKey(hashes, { today, htmlOnly: settings.htmlOnly });
    // Recorded by every such build; not taken to stop one asked to do its work all the same
    // (--force, the benchmark's kept HTML, a test's kill during the commit).
    const record = settings.force || settings.keepPrintedHtmlDir || settings.killAtCommitStep !== undefined ? undefined : upToDate(await BuildCache.open(outDir), outDir, key);
    return { hashes, key, ...(record ? { upToDate: record } : {}) };
  } catch {
    return undefined;
  }
}
