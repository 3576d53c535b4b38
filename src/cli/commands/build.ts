import { mkdir, writeFile } from 'node:fs/promises';
import { dirname, join, relative, resolve } from 'node:path';
import { ExitCode, UsageError, ValidationError } from '../../errors.js';
import { displayPathOf, loadBoardFolder, rememberTypedFolder } from '../../load/board-folder.js';
import { loadSchedule12A } from '../../load/schedule-12a.js';
import { boardModel } from '../../model/board-model.js';
import type { Meeting } from '../../model/meeting.js';
import { meetingOutputs } from '../../model/outputs.js';
import type { BoardData } from '../../model/types.js';
import { BrowserSession } from '../../print/browser-session.js';
import { BuildCache, CACHE_FILE } from '../../write/build-cache.js';
import { claimOutputFolder } from '../../write/output-folder.js';
import { filesToRemove } from '../../write/prune-folder.js';
import { StagedOutput } from '../../write/staged-output.js';
import { SITE_UNIT } from '../../write/site/prune.js';
import { hashInputs } from '../../load/input-hash.js';
import { templateDirs } from '../../render/template-source.js';
import { cpbVersion } from '../../package-root.js';
import { validateBoard } from '../../validate/validate-board.js';
import type { Io } from '../io.js';
import { formatProblems, plural } from '../report.js';
import { Interruption } from '../interrupt.js';
import { validationContext } from '../validation-context.js';

export interface BuildOptions {
  out?: string;
  meeting?: string[];
  browser?: string;
  htmlOnly?: boolean;
  timeout: string;
  dryRun?: boolean;
  format: 'human' | 'json';
  force?: boolean;
}

/** `cpb build`: load → validate → model → render → print → write, all or nothing. */
export async function buildCommand(boardArg: string, options: BuildOptions, io: Io): Promise<ExitCode> {
  const timeoutMs = parseTimeout(options.timeout);
  // For `npm run bench`: the HTML of every document printed, to time Chromium alone on it.
  const keepHtmlDir = io.env['CPB_KEEP_PRINTED_HTML'];
  const pdfDate = pdfDateFrom(io.env);
  const loaded = await loadBoardFolder(boardArg);
  const diagnostics = validateBoard(loaded, await validationContext(io.env));
  io.stderr(formatProblems([...diagnostics.errors, ...diagnostics.warnings], io));
  if (diagnostics.errors.length) throw new ValidationError(diagnostics.errors);

  const model = boardModel(loaded, await loadSchedule12A());
  const meetings = chooseMeetings(model.meetings, options.meeting, model.dir);
  const outDir = options.out ? resolve(options.out) : join(model.dir, 'out');
  if (options.out) rememberTypedFolder(options.out);
  // Before anything is written: cpb removes old outputs from this folder, so it must be cpb's.
  await claimOutputFolder(model.dir, outDir, options.out ?? displayPathOf(outDir));

  if (options.dryRun) {
    reportPlan(meetings, outDir, options, io);
    return ExitCode.ok;
  }

  const output = await StagedOutput.open(outDir, killHook(io.env));
  const cache = await BuildCache.open(outDir);
  // Whether PDFs were printed is not part of the key (it is kept per meeting in the cache), so
  // --html-only does not rebuild, and take the PDFs of, meetings that did not change.
  const salt = JSON.stringify({ version: cpbVersion(), epoch: io.env['SOURCE_DATE_EPOCH'] ?? null });
  const hashes = await hashInputs(model.dir, templateDirs(model.dir), [outDir, join(model.dir, 'out')], salt);
  const keyOf = (meeting: Meeting) => `${hashes.shared}:${hashes.meetings.get(meeting.id) ?? ''}`;
  const built: { meeting: Meeting; files: string[] }[] = [];
  let site: { key: string; files: string[] } | undefined;
  const browser = new BrowserSession({ browserPath: options.browser, timeoutMs });
  const interruption = new Interruption(() => browser.abort());
  let noBrowser: unknown;
  let committed = false;
  try {
    if (!options.htmlOnly) {
      try {
        await browser.locate();
      } catch (error) {
        // Without a browser the HTML is still worth having: write it, keep it, then fail.
        noBrowser = error;
      }
    }
    const printing = !options.htmlOnly && noBrowser === undefined;
    const toBuild = options.force ? meetings : meetings.filter((m) => !cache.isFresh(m.id, keyOf(m), printing));
    if (toBuild.length < meetings.length) io.stderr(`${plural(meetings.length - toBuild.length, 'meeting')} unchanged since the last build\n`);
    // Meetings not asked for whose outputs were built from other inputs than today's (an item made
    // exempt since, say) are taken off the site and out of the output folder until built again.
    const withdrawn = withdrawnUnits(model.meetings, meetings, cache, keyOf);
    if (withdrawn.stale.length) {
      io.stderr(
        `${io.color.yellow('warning')} ${withdrawn.stale.join(', ')} changed since ${withdrawn.stale.length === 1 ? 'it was' : 'they were'} built, so ${withdrawn.stale.length === 1 ? 'its' : 'their'} papers are taken off the website and out of ${displayPathOf(outDir)} until built again\n` +
          `    hint: Run cpb build ${relative(process.cwd(), model.dir) || '.'} -m ${withdrawn.stale.join(' ')} (or without -m) to build ${withdrawn.stale.length === 1 ? 'it' : 'them'} again.\n`,
      );
    }
    await buildAll(toBuild, { htmlOnly: !printing });
    const builtIds = new Set(built.map((b) => b.meeting.id));
    const gone = new Set(withdrawn.units);
    // What the site may copy from earlier builds: files of meetings current and not rebuilt now.
    output.markCurrent(model.meetings.filter((m) => !builtIds.has(m.id) && !gone.has(m.id)).flatMap((m) => cache.entry(m.id)?.files ?? []));
    await buildSite(builtIds, gone, printing);
    interruption.check();

    const written = output.written;
    const replaced = [...built.map((b) => b.meeting.id), ...withdrawn.units, ...(site ? [SITE_UNIT] : [])];
    const remove = filesToRemove(cache, replaced, written);
    for (const { meeting, files } of built) cache.record(meeting.id, keyOf(meeting), files, { htmlOnly: !printing });
    for (const unit of withdrawn.units) cache.forget(unit);
    if (site) cache.record(SITE_UNIT, site.key, site.files);
    const placed = await output.commit({ remove, record: { name: CACHE_FILE, data: cache.serialize() } });
    committed = true;
    const missing = missingPdfs(model.meetings, cache);
    if (missing.length) reportMissingPdfs(missing, options.htmlOnly ? 'this build was run with --html-only' : 'no browser was found', outDir, io);
    if (noBrowser !== undefined) {
      io.stderr(`Wrote the HTML to ${displayPathOf(outDir)}; no PDFs.\n`);
      throw noBrowser;
    }
    if (options.format === 'json') {
      io.stdout(`${JSON.stringify({ outDir, files: placed, ...(missing.length ? { missingPdfs: missing.flatMap((m) => m.files.map((f) => join(outDir, f))) } : {}) }, null, 2)}\n`);
    } else {
      io.stderr(io.color.green(`Built ${plural(placed.length, 'file')} in ${displayPathOf(outDir)}\n`));
      for (const file of placed) io.stdout(`${displayPathOf(file)}\n`);
    }
    return ExitCode.ok;
  } catch (error) {
    if (!committed) io.stderr(`Build failed; the previous outputs in ${displayPathOf(outDir)} were left as they were.\n`);
    interruption.check();
    throw error;
  } finally {
    interruption.dispose();
    await output.discard();
    await browser.close();
  }

  async function buildAll(list: Meeting[], mode: { htmlOnly: boolean }): Promise<void> {
    if (list.length === 0) return;
    // Rendering and printing load large libraries; a build with nothing to do never loads them.
    const { buildMeetingOutputs } = await import('../../build/build-meeting.js');
    const { Renderer } = await import('../../render/renderer.js');
    const { themeAssets } = await import('../../render/theme-assets.js');
    const renderer = await Renderer.create(model.dir, await themeAssets(loaded.board.data as BoardData, model.dir));
    for (const [index, meeting] of list.entries()) {
      const before = output.written.length;
      const step = `[${index + 1}/${list.length}] ${meeting.id}`;
      await buildMeetingOutputs(
        {
          model,
          renderer,
          output,
          ...(mode.htmlOnly ? {} : { browser }),
          pdfDate,
          // On a terminal one line is redrawn; in logs each step is a line of its own.
          progress: (message) => io.stderr(io.interactive ? `\r\x1b[K${step}: ${message}` : `${message}\n`),
          warn: (message) => io.stderr(`${io.interactive ? '\r\x1b[K' : ''}${io.color.yellow('warning')} ${message}\n`),
          ...(keepHtmlDir ? { keepPrintedHtml: (name: string, html: string) => keepHtml(keepHtmlDir, name, html) } : {}),
        },
        meeting,
      );
      built.push({ meeting, files: output.written.slice(before) });
    }
    if (io.interactive) io.stderr('\r\x1b[K');
  }

  /** out/site from every meeting's current public outputs; not rewritten when nothing it shows has changed. */
  async function buildSite(builtIds: ReadonlySet<string>, gone: ReadonlySet<string>, printing: boolean): Promise<void> {
    const today = (await validationContext(io.env)).today;
    // What the site shows of each meeting: the inputs its files were built from, with or without PDFs.
    const have = (m: Meeting) => {
      if (builtIds.has(m.id)) return `${keyOf(m)}${printing ? '' : ':html'}`;
      const entry = cache.entry(m.id);
      return entry && !gone.has(m.id) ? `${entry.key}${entry.htmlOnly ? ':html' : ''}` : 'none';
    };
    const key = [hashes.shared, today, ...model.meetings.map((m) => `${m.id}:${have(m)}`)].join('|');
    if (builtIds.size === 0 && !options.force && cache.isFresh(SITE_UNIT, key)) return;
    const { writeSite } = await import('../../write/site/write-site.js');
    const { Renderer } = await import('../../render/renderer.js');
    const { themeAssets } = await import('../../render/theme-assets.js');
    const renderer = await Renderer.create(model.dir, await themeAssets(loaded.board.data as BoardData, model.dir));
    const before = output.written.length;
    const warn = (message: string) => io.stderr(`${io.color.yellow('warning')} ${message}\n`);
    await writeSite({ model, renderer, output, built: builtIds, today, stamp: pdfDate, warn });
    site = { key, files: output.written.slice(before) };
  }
}

/**
 * Units of the cache whose files must go: meetings no longer on the board, and meetings not built
 * now whose outputs were built from other inputs than today's (`stale`, reported to the user).
 */
function withdrawnUnits(all: Meeting[], chosen: Meeting[], cache: BuildCache, keyOf: (m: Meeting) => string): { units: string[]; stale: string[] } {
  const chosenIds = new Set(chosen.map((m) => m.id));
  const stale = all.filter((m) => !chosenIds.has(m.id) && cache.entry(m.id) !== undefined && cache.entry(m.id)!.key !== keyOf(m)).map((m) => m.id);
  const onBoard = new Set(all.map((m) => m.id));
  const removed = cache.unitNames.filter((unit) => unit !== SITE_UNIT && !onBoard.has(unit));
  return { units: [...stale, ...removed], stale };
}

/** The PDFs each meeting should have and does not, because it was last built without a browser. */
function missingPdfs(meetings: Meeting[], cache: BuildCache): { meeting: string; files: string[] }[] {
  return meetings
    .filter((m) => cache.entry(m.id)?.htmlOnly)
    .map((m) => {
      const outputs = meetingOutputs(m);
      const names = [outputs.agenda, ...outputs.packs.map((p) => p.file), ...outputs.papers.map((p) => p.file)];
      return { meeting: m.id, files: names.map((name) => `${name}.pdf`) };
    });
}

function reportMissingPdfs(missing: { meeting: string; files: string[] }[], why: string, outDir: string, io: Io): void {
  const count = missing.reduce((n, m) => n + m.files.length, 0);
  const lines = missing.map((m) => `    ${displayPathOf(join(outDir, m.meeting))}: ${m.files.map((f) => f.slice(m.meeting.length + 1)).join(', ')}`);
  const how = why.includes('--html-only') ? 'Run cpb build without --html-only to print them.' : 'Build again once cpb can find a browser (see below).';
  io.stderr(`${io.color.yellow('warning')} ${plural(count, 'PDF')} missing, since ${why}; a changed meeting's old PDFs were removed, not left out of date:\n${lines.join('\n')}\n    hint: ${how}\n`);
}

/** CPB_TEST_KILL_AT_COMMIT_STEP=N: a testing aid, cpb kills itself just before step N of the commit. */
function killHook(env: Record<string, string | undefined>): { killAtStep?: number } {
  const step = Number(env['CPB_TEST_KILL_AT_COMMIT_STEP']);
  return Number.isInteger(step) && step > 0 ? { killAtStep: step } : {};
}

async function keepHtml(dir: string, name: string, html: string): Promise<void> {
  const path = join(dir, name);
  await mkdir(dirname(path), { recursive: true });
  await writeFile(path, html);
}

function chooseMeetings(all: Meeting[], only: string[] | undefined, dir: string): Meeting[] {
  const unknown = (only ?? []).filter((id) => !all.some((m) => m.id === id));
  if (unknown.length) {
    throw new UsageError(`No meeting ${unknown.join(', ')} in ${displayPathOf(dir)}`, {
      hint: `Meetings: ${all.map((m) => m.id).join(', ') || 'none'}.`,
    });
  }
  return only?.length ? all.filter((m) => only.includes(m.id)) : all;
}

function parseTimeout(value: string): number {
  const seconds = Number(value);
  if (!Number.isFinite(seconds) || seconds <= 0) throw new UsageError(`--timeout must be a number of seconds, not '${value}'`);
  return Math.round(seconds * 1000);
}

/** PDF dates come from SOURCE_DATE_EPOCH when set, else the meeting's date, so rebuilds repeat. */
function pdfDateFrom(env: Record<string, string | undefined>): (meeting: Meeting) => Date {
  const epoch = env['SOURCE_DATE_EPOCH'];
  if (epoch !== undefined) {
    const seconds = Number(epoch);
    if (!Number.isInteger(seconds) || seconds < 0) throw new UsageError(`SOURCE_DATE_EPOCH must be whole seconds since 1970, not '${epoch}'`);
    return () => new Date(seconds * 1000);
  }
  return (meeting) => new Date(`${meeting.date}T00:00:00Z`);
}

function reportPlan(meetings: Meeting[], outDir: string, options: BuildOptions, io: Io): void {
  const documents = meetings.flatMap((meeting) => {
    const outputs = meetingOutputs(meeting);
    const pdf = (file: string) => (options.htmlOnly ? [] : [`${file}.pdf`]);
    return [
      ...outputs.papers.map((p) => ({ meeting: meeting.id, kind: 'paper', title: p.entry.kind === 'paper' ? p.entry.paper.title : '', template: 'documents/paper.hbs', outputs: [`${p.file}.html`, ...pdf(p.file)] })),
      ...outputs.packs.map((p) => ({ meeting: meeting.id, kind: `${p.plan.variant} pack`, title: `${p.plan.entries.length} papers`, template: 'documents/pack.hbs', outputs: pdf(p.file) })),
      { meeting: meeting.id, kind: 'agenda', title: 'Agenda', template: 'documents/agenda.hbs', outputs: [`${outputs.agenda}.html`, ...pdf(outputs.agenda)] },
    ];
  });
  if (options.format === 'json') {
    io.stdout(`${JSON.stringify({ outDir, documents: documents.map((d) => ({ ...d, outputs: d.outputs.map((o) => join(outDir, o)) })) }, null, 2)}\n`);
    return;
  }
  for (const doc of documents) {
    io.stdout(`${doc.meeting}  ${doc.kind}: ${doc.title}\n`);
    for (const o of doc.outputs) io.stdout(`  ${displayPathOf(join(outDir, o))}\n`);
  }
}
