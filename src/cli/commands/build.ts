import { isAbsolute, join, resolve } from 'node:path';
import { ExitCode, UsageError, ValidationError } from '../../errors.js';
import { displayPathOf, loadBoardFolder } from '../../load/board-folder.js';
import { boardModel } from '../../model/board-model.js';
import { buildPlan, type PlannedDocument } from '../../model/build-plan.js';
import { Renderer } from '../../render/renderer.js';
import { BrowserSession } from '../../print/browser-session.js';
import { printPdf } from '../../print/print-pdf.js';
import { StagedOutput } from '../../write/staged-output.js';
import { validateBoard } from '../../validate/validate-board.js';
import type { Io } from '../io.js';
import { validationContext } from '../validation-context.js';
import { formatProblems, plural } from '../report.js';

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
  const loaded = await loadBoardFolder(boardArg);
  const diagnostics = validateBoard(loaded, await validationContext(io.env));
  io.stderr(formatProblems([...diagnostics.errors, ...diagnostics.warnings], io));
  if (diagnostics.errors.length) throw new ValidationError(diagnostics.errors);

  const model = boardModel(loaded);
  const unknown = (options.meeting ?? []).filter((id) => !model.meetings.some((m) => m.id === id));
  if (unknown.length) {
    throw new UsageError(`No meeting ${unknown.join(', ')} in ${displayPathOf(model.dir)}`, {
      hint: `Meetings: ${model.meetings.map((m) => m.id).join(', ') || 'none'}.`,
    });
  }
  const plan = buildPlan(model, options.meeting);
  const outDir = options.out ? resolve(options.out) : join(model.dir, 'out');

  if (options.dryRun) {
    reportPlan(plan, outDir, options, io);
    return ExitCode.ok;
  }

  const renderer = await Renderer.create(model.dir);
  const output = await StagedOutput.open(outDir);
  const browser = new BrowserSession({ browserPath: options.browser, timeoutMs });
  let htmlKept = false;
  try {
    const pages = new Map<PlannedDocument, string>();
    for (const doc of plan) {
      const html = await renderer.render(doc.template, doc.view);
      pages.set(doc, html);
      await output.write(`${doc.output}.html`, html);
    }
    if (!options.htmlOnly) {
      try {
        await browser.locate();
      } catch (error) {
        // Without a browser the HTML is still worth having: keep it, then fail.
        await output.commit();
        htmlKept = true;
        io.stderr(`Wrote ${plural(plan.length, 'HTML document')} to ${displayPathOf(outDir)}; no PDFs.\n`);
        throw error;
      }
      for (const [doc, html] of pages) {
        io.stderr(`Printing ${doc.output}.pdf\n`);
        await output.write(`${doc.output}.pdf`, await printPdf(browser, html, `${doc.output}.pdf`));
      }
    }
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
    throw error;
  } finally {
    await output.discard();
    await browser.close();
  }
}

function parseTimeout(value: string): number {
  const seconds = Number(value);
  if (!Number.isFinite(seconds) || seconds <= 0) {
    throw new UsageError(`--timeout must be a number of seconds, not '${value}'`);
  }
  return Math.round(seconds * 1000);
}

function reportPlan(plan: PlannedDocument[], outDir: string, options: BuildOptions, io: Io): void {
  const outputs = (doc: PlannedDocument) => [`${doc.output}.html`, ...(options.htmlOnly ? [] : [`${doc.output}.pdf`])];
  if (options.format === 'json') {
    const documents = plan.map((doc) => ({
      meeting: doc.meeting,
      template: `documents/${doc.template}.hbs`,
      title: doc.view.title,
      outputs: outputs(doc).map((o) => join(outDir, o)),
    }));
    io.stdout(`${JSON.stringify({ outDir, documents }, null, 2)}\n`);
    return;
  }
  for (const doc of plan) {
    io.stdout(`${doc.meeting}  ${doc.view.title}\n`);
    for (const o of outputs(doc)) io.stdout(`  ${isAbsolute(o) ? o : displayPathOf(join(outDir, o))}\n`);
  }
}
