import { mkdir, writeFile } from 'node:fs/promises';
import { dirname, join, resolve } from 'node:path';
import { boardKey, upToDate } from '../../build/board-key.js';
import { cacheSnapshot, buildInputHashes } from '../../build/inputs.js';
import type { InputHashes } from '../../load/input-hash.js';
import { lazyRenderer } from '../../build/lazy-renderer.js';
import { pdfDateOf, planBuild } from '../../build/plan.js';
import type { BuiltBoard } from '../../build/council-site.js';
import type { Council } from '../../domain/schema-types/council.js';
import type { BoardData } from '../../domain/types.js';
import { councilLogoFor, councilThemeSalt, withCouncilTheme } from '../../model/council-theme.js';
import type { RenderFiles } from '../../domain/loaded-files.js';
import { runBuild } from '../../build/run.js';
import { ExitCode, UsageError, ValidationError } from '../../errors.js';
import { displayPathOf, loadBoardFolder, rememberTypedFolder } from '../../load/board-folder.js';
import { anyFileChangedSince } from '../../load/board-mtimes.js';
import { loadSchedule12A } from '../../load/schedule-12a.js';
import { boardModel } from '../../model/board-model.js';
import type { Meeting } from '../../model/meeting.js';
import { BrowserSession } from '../../print/browser-session.js';
import { BuildCache, type BoardRecord } from '../../write/build-cache.js';
import { claimOutputFolder } from '../../write/output-folder.js';
import { StagedOutput } from '../../write/staged-output.js';
import { validateBoard } from '../../validate/validate-board.js';
import { buildSettings, type BuildOptions, type BuildSettings } from '../build-settings.js';
import { reportBuilt, reportDecisions, reportMissingPdfs, reportPlan, reportUpToDate } from '../build-report.js';
import type { Io } from '../io.js';
import { formatProblems } from '../report.js';
import { Interruption } from '../interrupt.js';
import { validationContext } from '../validation-context.js';

export type { BuildOptions } from '../build-settings.js';

/** A board built as one of a council's: the council's theme defaults, and who hears of the board once it is built. */
export interface CouncilOfBoard {
  data: Council;
  /** The council's logo, read from the council folder: a board whose board.yaml names none shows it. */
  logo?: RenderFiles['logo'];
  built: (board: Omit<BuiltBoard, 'folder'>) => void;
}

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

/** A build of the whole board as it is: its inputs' fingerprints taken before it is read, and its key. */
interface WholeBoard {
  hashes: InputHashes;
  key: string;
  /** The last build's record, when it was of these very inputs and its outputs are all there. */
  upToDate?: BoardRecord;
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

/** The build's browser, and what to do with it once nothing more is printed (close it, if the build's own). */
interface BuildBrowser {
  session: BrowserSession;
  done: () => Promise<void>;
}

async function buildWith({ session: browser, done }: BuildBrowser, interruption: Interruption, boardArg: string, settings: BuildSettings, io: Io, council: CouncilOfBoard | undefined, whole: WholeBoard | undefined): Promise<ExitCode> {
  const read = await loadBoardFolder(boardArg);
  // A signal while the board is read stops the build here, as soon as the reading is done.
  interruption.check();
  const context = await validationContext(io.env);
  const diagnostics = validateBoard(read, context);
  io.stderr(formatProblems([...diagnostics.errors, ...diagnostics.warnings], io));
  if (diagnostics.errors.length) throw new ValidationError(diagnostics.errors);
  // A board of a council takes the council's theme where its own board.yaml sets none.
  const loaded = council ? { ...read, board: { ...read.board, data: withCouncilTheme(read.board.data as BoardData, council.data) } } : read;

  const own = boardModel(loaded, { schedule12A: await loadSchedule12A(), bankHolidays: context.holidays });
  const logo = council ? councilLogoFor(own, council.data, council.logo) : undefined;
  const model = logo ? logo.model : own;
  checkMeetings(model.meetings, settings.meetings, model.dir);
  const outDir = outDirOf(settings, model.dir);
  if (settings.out) rememberTypedFolder(settings.out);
  // Before anything is written: cpb removes old outputs from this folder, so it must be cpb's.
  await claimOutputFolder(model.dir, outDir, settings.out ?? displayPathOf(outDir));
  const plan = async (cache: BuildCache, pdfs: boolean) =>
    planBuild(model, { ...settings, pdfs }, cacheSnapshot(cache), whole?.hashes ?? (await buildInputHashes(model.dir, outDir, settings.sourceDateEpoch, council && councilThemeSalt(council.data, logo?.files))), context.today);

  if (settings.dryRun) {
    // Read only: an unfinished commit is finished by the next real build, not here.
    reportPlan(await plan(await BuildCache.open(outDir), !settings.htmlOnly), outDir, settings.format, io);
    return ExitCode.ok;
  }

  const output = await StagedOutput.open(outDir, settings.killAtCommitStep ? { killAtStep: settings.killAtCommitStep } : {});
  const cache = await BuildCache.open(outDir);
  let noBrowser: unknown;
  let committed = false;
  try {
    if (!settings.htmlOnly) {
      try {
        await browser.locate();
      } catch (error) {
        // Without a browser the HTML is still worth having: write it, keep it, then fail.
        noBrowser = error;
      }
    }
    const printing = !settings.htmlOnly && noBrowser === undefined;
    const planned = await plan(cache, printing);
    interruption.check();
    reportDecisions(planned, outDir, io);
    const keepDir = settings.keepPrintedHtmlDir;
    const { placed } = await runBuild(planned, {
      output,
      cache,
      ...(printing ? { browser } : {}),
      renderer: lazyRenderer(model, logo?.files),
      // On a terminal one line is redrawn; in logs each step is a line of its own.
      progress: (step, message) => io.stderr(io.interactive ? `\r\x1b[K${step}: ${message}` : `${message}\n`),
      warn: (message) => io.stderr(`${io.interactive ? '\r\x1b[K' : ''}${io.color.yellow('warning')} ${message}\n`),
      meetingsDone: () => {
        if (io.interactive) io.stderr('\r\x1b[K');
        // Nothing prints after the meetings: the browser closes while the site is written.
        done().catch(() => undefined);
      },
      check: () => interruption.check(),
      // When this build makes every output asked for, its record lets the next with these very
      // inputs stop before reading the board.
      ...(whole && printing === !settings.htmlOnly ? { board: { key: whole.key, warnings: diagnostics.warnings.length } } : {}),
      ...(keepDir ? { keepPrintedHtml: (name: string, html: string) => keepHtml(keepDir, name, html) } : {}),
    });
    committed = true;
    council?.built({ model, outDir, today: planned.today, stamp: pdfDateOf(planned) });
    reportMissingPdfs(planned.missingPdfs, !settings.htmlOnly, outDir, io);
    if (noBrowser !== undefined) {
      io.stderr(`Wrote the HTML to ${displayPathOf(outDir)}; no PDFs.\n`);
      throw noBrowser;
    }
    reportBuilt(placed, planned.missingPdfs, outDir, settings.format, io);
    return ExitCode.ok;
  } catch (error) {
    if (!committed) io.stderr(`Build failed; the previous outputs in ${displayPathOf(outDir)} were left as they were.\n`);
    interruption.check();
    throw error;
  } finally {
    await output.discard();
    await done();
  }
}

/** The output folder: -o, or the board's own out/. */
function outDirOf(settings: BuildSettings, boardDir: string): string {
  return settings.out ? resolve(settings.out) : join(boardDir, 'out');
}

async function keepHtml(dir: string, name: string, html: string): Promise<void> {
  const path = join(dir, name);
  await mkdir(dirname(path), { recursive: true });
  await writeFile(path, html);
}

function checkMeetings(all: Meeting[], only: readonly string[] | undefined, dir: string): void {
  const unknown = (only ?? []).filter((id) => !all.some((m) => m.id === id));
  if (unknown.length) {
    throw new UsageError(`No meeting ${unknown.join(', ')} in ${displayPathOf(dir)}`, {
      hint: `Meetings: ${all.map((m) => m.id).join(', ') || 'none'}.`,
    });
  }
}
