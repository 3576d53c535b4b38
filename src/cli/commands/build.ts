import { join, resolve } from 'node:path';
import { ExitCode, UsageError, ValidationError } from '../../errors.js';
import { displayPathOf, loadBoardFolder } from '../../load/board-folder.js';
import { loadSchedule12A } from '../../load/schedule-12a.js';
import { boardModel } from '../../model/board-model.js';
import type { Meeting } from '../../model/meeting.js';
import { meetingOutputs } from '../../model/outputs.js';
import { Renderer } from '../../render/renderer.js';
import { themeAssets } from '../../render/theme-assets.js';
import type { BoardData } from '../../model/types.js';
import { BrowserSession } from '../../print/browser-session.js';
import { StagedOutput } from '../../write/staged-output.js';
import { validateBoard } from '../../validate/validate-board.js';
import type { Io } from '../io.js';
import { formatProblems, plural } from '../report.js';
import { Interruption } from '../interrupt.js';
import { validationContext } from '../validation-context.js';
import { buildMeetingOutputs } from './build-meeting.js';

export interface BuildOptions {
  out?: string;
  meeting?: string[];
  browser?: string;
  htmlOnly?: boolean;
  timeout: string;
  dryRun?: boolean;
  format: 'human' | 'json';
}

/** `cpb build`: load → validate → model → render → print → write, all or nothing. */
export async function buildCommand(boardArg: string, options: BuildOptions, io: Io): Promise<ExitCode> {
  const timeoutMs = parseTimeout(options.timeout);
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

  const renderer = await Renderer.create(model.dir, await themeAssets(loaded.board.data as BoardData, model.dir));
  const output = await StagedOutput.open(outDir);
  const browser = new BrowserSession({ browserPath: options.browser, timeoutMs });
  const interruption = new Interruption(() => browser.close());
  let htmlKept = false;
  try {
    if (!options.htmlOnly) {
      try {
        await browser.locate();
      } catch (error) {
        // Without a browser the HTML is still worth having: write it, keep it, then fail.
        await buildAll(meetings, { htmlOnly: true });
        await output.commit();
        htmlKept = true;
        io.stderr(`Wrote the HTML to ${displayPathOf(outDir)}; no PDFs.\n`);
        throw error;
      }
    }
    await buildAll(meetings, { htmlOnly: options.htmlOnly === true });
    interruption.check();
    const placed = await output.commit();
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
    for (const meeting of list) {
      await buildMeetingOutputs(
        {
          model,
          renderer,
          output,
          ...(mode.htmlOnly ? {} : { browser }),
          pdfDate,
          progress: (message) => io.stderr(`${message}\n`),
          warn: (message) => io.stderr(`${io.color.yellow('warning')} ${message}\n`),
        },
        meeting,
      );
    }
  }
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
