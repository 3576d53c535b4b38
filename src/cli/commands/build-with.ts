import { mkdir, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { cacheSnapshot, buildInputHashes } from '../../build/inputs.js';
import { lazyRenderer } from '../../build/lazy-renderer.js';
import { pdfDateOf, planBuild } from '../../build/plan.js';
import type { BoardData } from '../../domain/types.js';
import { councilLogoFor, councilThemeSalt, withCouncilTheme } from '../../model/council-theme.js';
import { runBuild } from '../../build/run.js';
import { ExitCode, UsageError, ValidationError } from '../../errors.js';
import { loadBoardFolder } from '../../load/board-folder.js';
import { ParsedPdfs } from '../../load/parsed-pdfs.js';
import { displayPathOf, rememberTypedFolder } from '../../load/display-path.js';
import { loadSchedule12A } from '../../load/schedule-12a.js';
import { boardModel } from '../../model/board-model.js';
import type { Meeting } from '../../model/meeting.js';
import type { BrowserSession } from '../../print/browser-session.js';
import { BuildCache } from '../../write/build-cache.js';
import { claimOutputFolder } from '../../write/output-folder.js';
import { StagedOutput } from '../../write/staged-output.js';
import { validateBoard } from '../../validate/validate-board.js';
import { outDirOf, type BuildSettings } from '../build-settings.js';
import { reportBuilt, reportDecisions, reportMissingPdfs, reportPlan } from '../build-report.js';
import type { Io } from '../io.js';
import { formatProblems } from '../report.js';
import type { Interruption } from '../interrupt.js';
import { validationContext } from '../validation-context.js';
import type { CouncilOfBoard, WholeBoard } from './build-kinds.js';

// The build that reads the board (cpb build's slow path): loaded by build.ts only when the board
// is to be read, with everything it needs.

/** The build's browser, and what to do with it once nothing more is printed (close it, if the build's own). */
interface BuildBrowser {
  session: BrowserSession;
  done: () => Promise<void>;
}

export async function buildWith({ session: browser, done }: BuildBrowser, interruption: Interruption, boardArg: string, settings: BuildSettings, io: Io, council: CouncilOfBoard | undefined, whole: WholeBoard | undefined): Promise<ExitCode> {
  // The supplied PDFs parsed to check them are kept for the build to clean (see ParsedPdfs).
  const read = await loadBoardFolder(boardArg, { parsedPdfs: new ParsedPdfs() });
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
