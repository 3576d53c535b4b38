import { mkdir, writeFile } from 'node:fs/promises';
import { dirname, join, resolve } from 'node:path';
import { ExitCode, UsageError, ValidationError } from '../../errors.js';
import { displayPathOf, loadBoardFolder } from '../../load/board-folder.js';
import { loadSchedule12A } from '../../load/schedule-12a.js';
import { boardModel } from '../../model/board-model.js';
import type { Meeting } from '../../model/meeting.js';
import { meetingOutputs } from '../../model/outputs.js';
import type { BoardData } from '../../model/types.js';
import { BrowserSession } from '../../print/browser-session.js';
import { BuildCache } from '../../write/build-cache.js';
import { pruneFolder } from '../../write/prune-folder.js';
import { StagedOutput } from '../../write/staged-output.js';
import { pruneSite, SITE_UNIT } from '../../write/site/prune.js';
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

  if (options.dryRun) {
    reportPlan(meetings, outDir, options, io);
    return ExitCode.ok;
  }

  const output = await StagedOutput.open(outDir);
  const cache = await BuildCache.open(outDir);
  const salt = JSON.stringify({ version: cpbVersion(), htmlOnly: options.htmlOnly === true, epoch: io.env['SOURCE_DATE_EPOCH'] ?? null });
  const hashes = await hashInputs(model.dir, templateDirs(model.dir), [outDir, join(model.dir, 'out')], salt);
  const keyOf = (meeting: Meeting) => `${hashes.shared}:${hashes.meetings.get(meeting.id) ?? ''}`;
  const built: { meeting: Meeting; files: string[] }[] = [];
  let site: { key: string; files: string[] } | undefined;
  const browser = new BrowserSession({ browserPath: options.browser, timeoutMs });
  const interruption = new Interruption(() => browser.abort());
  let htmlKept = false;
  try {
    if (!options.htmlOnly) {
      try {
        await browser.locate();
      } catch (error) {
        // Without a browser the HTML is still worth having: write it, keep it, then fail.
        await buildAll(meetings, { htmlOnly: true });
        await buildSite();
        await pruneSite(outDir, await output.commit());
        htmlKept = true;
        io.stderr(`Wrote the HTML to ${displayPathOf(outDir)}; no PDFs.\n`);
        throw error;
      }
    }
    const stale = options.force ? meetings : meetings.filter((m) => !cache.isFresh(m.id, keyOf(m)));
    if (stale.length < meetings.length) io.stderr(`${plural(meetings.length - stale.length, 'meeting')} unchanged since the last build\n`);
    await buildAll(stale, { htmlOnly: options.htmlOnly === true });
    await buildSite();
    interruption.check();
    const placed = await output.commit();
    await pruneSite(outDir, placed);
    // A rebuilt meeting's folder holds only what this build wrote: a paper withdrawn, or an item
    // made exempt since, leaves nothing public behind.
    for (const { meeting } of built) await pruneFolder(join(outDir, meeting.id), placed);
    for (const { meeting, files } of built) cache.record(meeting.id, keyOf(meeting), files);
    if (site) cache.record(SITE_UNIT, site.key, site.files);
    await cache.save();
    if (options.format === 'json') {
      io.stdout(`${JSON.stringify({ outDir, files: placed }, null, 2)}\n`);
    } else {
      io.stderr(io.color.green(`Built ${plural(placed.length, 'file')} in ${displayPathOf(outDir)}\n`));
      for (const file of placed) io.stdout(`${displayPathOf(file)}\n`);
    }
    return ExitCode.ok;
  } catch (error) {
    if (!htmlKept) io.stderr(`Build failed; the previous outputs in ${displayPathOf(outDir)} were left as they were.\n`);
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
    const { buildMeetingOutputs } = await import('./build-meeting.js');
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

  /** out/site from every meeting's public outputs; not rewritten when nothing it shows has changed. */
  async function buildSite(): Promise<void> {
    const today = (await validationContext(io.env)).today;
    const builtIds = new Set(built.map((b) => b.meeting.id));
    const have = (m: Meeting) => (builtIds.has(m.id) || cache.isFresh(m.id, keyOf(m)) ? keyOf(m) : 'none');
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
