import { PDFDocument } from 'pdf-lib';
import { BrowserError, CpbError } from '../errors.js';
import { pageRanges, type Bookmark, type PackPlan } from '../model/pack-plan.js';
import type { BrowserSession } from './browser-session.js';
import { namedDestinationPages } from './pdf-dests.js';
import { insertSuppliedPdf } from './pdf-insert.js';
import { finishDocument } from './pdf-finish.js';
import type { PdfMetadata } from './pdf-metadata.js';
import { setOutline } from './pdf-outline.js';
import { savePdf } from './pdf-save.js';
import { printPdf } from './print-pdf.js';

export type Ranges = Map<number, { first: number; last: number }>;

export interface PackJob {
  plan: PackPlan;
  /** The pack's HTML, with the front sheet's page ranges when known. */
  compose: (ranges?: Ranges) => Promise<string>;
  /** Finished PDFs to put on the pages kept for them, by pack entry id. */
  supplied: { entryId: string; bytes: Uint8Array; displayPath: string; pageCount: number }[];
  bookmarks: (starts: ReadonlyMap<string, number>) => Bookmark[];
  metadata: PdfMetadata;
  /** For messages: "2019-11-26/pack.pdf". */
  name: string;
  /** Receives the HTML of the final print (for the benchmark's Chromium-only floor). */
  onFinalHtml?: (html: string) => Promise<void>;
}

export interface PrintedPack {
  bytes: Uint8Array;
  /** First page (1-based) of each pack entry. */
  starts: Map<string, number>;
  ranges: Ranges;
  pageCount: number;
  warnings: string[];
}

/**
 * Prints a pack so the front sheet's page ranges are true: a quick untagged pass finds where each
 * paper starts (from the named destinations of the front sheet's links), then the tagged print
 * with the ranges filled in is checked against it. Ranges are never wider than the placeholder,
 * so the front sheet cannot grow; if a page still moves, it is printed again.
 */
export async function printPack(session: BrowserSession, job: PackJob): Promise<PrintedPack> {
  let doc = await PDFDocument.load(await printPdf(session, await job.compose(), job.name, { tagged: false }));
  let starts = namedDestinationPages(doc);
  let pageCount = doc.getPageCount();
  for (let attempt = 1; ; attempt++) {
    const ranges = pageRanges(job.plan, starts, pageCount);
    const html = await job.compose(ranges);
    doc = await PDFDocument.load(await printPdf(session, html, job.name, { tagged: true }));
    const after = namedDestinationPages(doc);
    if (doc.getPageCount() === pageCount && sameStarts(job.plan, starts, after)) {
      await job.onFinalHtml?.(html);
      return finish(doc, job, after, ranges);
    }
    if (attempt === 3) {
      throw new BrowserError(`The pages of ${job.name} kept moving between prints`, {
        rule: 'pack/unstable',
        hint: 'Report this with the board folder: a paper may change length with the page numbers in it.',
      });
    }
    starts = after;
    pageCount = doc.getPageCount();
  }
}

function sameStarts(plan: PackPlan, a: ReadonlyMap<string, number>, b: ReadonlyMap<string, number>): boolean {
  return plan.entries.every((e) => a.get(e.id) === b.get(e.id));
}

async function finish(doc: PDFDocument, job: PackJob, starts: Map<string, number>, ranges: Ranges): Promise<PrintedPack> {
  const missing = job.plan.entries.filter((e) => !starts.has(e.id));
  if (missing.length) {
    throw new BrowserError(`Cannot find where ${missing.map((e) => e.id).join(', ')} start in ${job.name}`, { rule: 'pack/missing-destination' });
  }
  const warnings: string[] = [];
  for (const pdf of job.supplied) {
    try {
      const result = await insertSuppliedPdf(doc, {
        bytes: pdf.bytes,
        displayPath: pdf.displayPath,
        firstPageIndex: starts.get(pdf.entryId)! - 1,
        reservedPageCount: pdf.pageCount,
      });
      warnings.push(...result.warnings);
    } catch (error) {
      if (error instanceof CpbError) throw error;
      throw new CpbError(`Cannot insert ${pdf.displayPath} into ${job.name}: ${(error as Error).message}`, {
        file: pdf.displayPath,
        rule: 'pack/insert',
        cause: error,
      });
    }
  }
  setOutline(doc, job.bookmarks(starts));
  finishDocument(doc, job.metadata);
  return { bytes: await savePdf(doc), starts, ranges, pageCount: doc.getPageCount(), warnings };
}
