import { PDFDocument } from '../pdf-lib.js';
import { loadPdf } from '../load/pdf-parse.js';
import { BrowserError, CpbError } from '../errors.js';
import { pageRanges, type Bookmark, type PackPlan } from '../model/pack-plan.js';
import type { BrowserSession } from './browser-session.js';
import { mergeFonts } from './pdf-font-merge.js';
import { namedDestinationPages } from './pdf-dests.js';
import { insertSuppliedPdf, type ReadSupplied } from './pdf-insert.js';
import { finishDocument } from './pdf-finish.js';
import type { PdfMetadata } from './pdf-metadata.js';
import { setOutline } from './pdf-outline.js';
import { savePdf } from './pdf-save.js';
import { prependFrontSheet } from './pdf-join.js';
import { printPdf } from './print-pdf.js';

export type Ranges = Map<number, { first: number; last: number }>;

export interface PackJob {
  plan: PackPlan;
  /** The pack's HTML, with the front sheet's page ranges when known. */
  compose: (ranges?: Ranges) => Promise<string>;
  /** Finished PDFs to put on the pages kept for them, by pack entry id. */
  supplied: { entryId: string; bytes: Uint8Array; displayPath: string; pageCount: number; sanitised: boolean; read?: ReadSupplied }[];
  bookmarks: (starts: ReadonlyMap<string, number>) => Bookmark[];
  /** Pages of the front sheet and of each entry (by id), each printed on its own. */
  measure: () => Promise<PageCounts>;
  metadata: PdfMetadata;
  /** For messages: "2019-11-26/pack.pdf". */
  name: string;
  /** Receives the HTML of the final print (for the benchmark's Chromium-only floor). */
  onFinalHtml?: (html: string) => Promise<void>;
  /**
   * Given the pack's HTML with its ranges, and the print of it: the PDF (an earlier one kept, say).
   * Without it, the pack is printed.
   */
  print?: (html: string, print: () => Promise<PackPdf>) => Promise<PackPdf>;
  /**
   * The pack in two parts, when its templates allow: the front sheet's page count (printed with
   * placeholder ranges), the rest of the pack with its page numbers following on, and the front
   * sheet with its ranges. The rest is printed beside the papers, without waiting for their counts.
   */
  parts?: {
    frontSheetPages: () => Promise<number>;
    body: (frontSheetPages: number) => Promise<string>;
    frontSheet: (ranges: Ranges) => Promise<string>;
    entryIds: ReadonlySet<string>;
  };
}

export interface PackPdf {
  bytes: Uint8Array;
  pageCount: number;
  warnings: string[];
  /** False when the pages moved after the first print: the HTML first composed does not say where they are. */
  reusable?: boolean;
}

export interface PageCounts {
  frontSheet: number;
  entries: ReadonlyMap<string, number>;
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
 * Prints a pack so the front sheet's page ranges are true. Where each entry starts comes from the
 * page counts of its parts printed on their own; the tagged print with the ranges filled in is
 * checked against that by the named destinations of the front sheet's links. Ranges are never wider than the placeholder, so the
 * front sheet cannot grow; if a page still moves, the pack is printed again from where they are.
 */
export async function printPack(session: BrowserSession, job: PackJob): Promise<PrintedPack> {
  if (job.parts) return printPackInParts(session, job, job.parts);
  const first = startsFrom(job.plan, await job.measure());
  const html = await job.compose(pageRanges(job.plan, first.starts, first.pageCount));
  let printed: PrintedPack | undefined;
  const print = async (): Promise<PackPdf> => {
    printed = await printUntilSettled(session, job, first, html);
    return { ...printed, reusable: sameStarts(job.plan, first.starts, printed.starts) };
  };
  const pdf = await (job.print ?? ((_, p) => p()))(html, print);
  if (printed) return printed;
  await job.onFinalHtml?.(html);
  return { ...pdf, starts: first.starts, ranges: pageRanges(job.plan, first.starts, first.pageCount) };
}

/**
 * The pack printed as its front sheet and the rest (see PackJob.parts), put together as one.
 * What the print depends on is the pack's HTML with placeholder ranges (the ranges follow from
 * it). A pack kept from the last build takes its page ranges from its parts' page counts, so a
 * pack is kept only when those are where its print put the entries. If the parts cannot be put
 * together (a print not shaped as expected), the pack is printed whole.
 */
async function printPackInParts(session: BrowserSession, job: PackJob, parts: NonNullable<PackJob['parts']>): Promise<PrintedPack> {
  const counted = async () => {
    const first = startsFrom(job.plan, await job.measure());
    return { ...first, ranges: pageRanges(job.plan, first.starts, first.pageCount) };
  };
  let printed: PrintedPack | undefined;
  const print = async (): Promise<PackPdf> => {
    try {
      printed = await printParts(session, job, parts);
    } catch (error) {
      if (error instanceof CpbError) throw error;
      const first = await counted();
      printed = await printUntilSettled(session, job, first, await job.compose(first.ranges));
    }
    return { ...printed, reusable: sameStarts(job.plan, (await counted()).starts, printed.starts) };
  };
  const pdf = await (job.print ?? ((_, p) => p()))(await job.compose(), print);
  if (printed) return printed;
  const first = await counted();
  await job.onFinalHtml?.(await job.compose(first.ranges));
  return { ...pdf, starts: first.starts, ranges: first.ranges };
}

/** The rest of the pack, then its front sheet with the ranges that print gave, put together. */
async function printParts(session: BrowserSession, job: PackJob, parts: NonNullable<PackJob['parts']>): Promise<PrintedPack> {
  let frontPages = await parts.frontSheetPages();
  for (let attempt = 1; ; attempt++) {
    // The longest print of the meeting, and nothing waits for it but the pack: begun first.
    const body = await loadPdf(await printPdf(session, await parts.body(frontPages), job.name, { tagged: true, first: true }));
    const starts = new Map<string, number>();
    const dests = namedDestinationPages(body);
    for (const entry of job.plan.entries) {
      const page = dests.get(entry.id);
      if (page !== undefined) starts.set(entry.id, page + frontPages);
    }
    const pageCount = frontPages + body.getPageCount();
    const ranges = pageRanges(job.plan, starts, pageCount);
    const front = await loadPdf(await printPdf(session, await parts.frontSheet(ranges), `${job.name} (front sheet)`, { tagged: true, first: true }));
    if (front.getPageCount() === frontPages) {
      await prependFrontSheet(body, front, parts.entryIds);
      await job.onFinalHtml?.(await job.compose(ranges));
      return finishPack(body, job, starts, ranges);
    }
    if (attempt === 3) {
      throw new BrowserError(`The pages of ${job.name} kept moving between prints`, {
        rule: 'pack/unstable',
        hint: 'Report this with the board folder: a paper may change length with the page numbers in it.',
      });
    }
    frontPages = front.getPageCount();
  }
}

/** Prints the pack from `html`; if a page moved from where the counts put it, again from where they are. */
async function printUntilSettled(session: BrowserSession, job: PackJob, first: { starts: Map<string, number>; pageCount: number }, firstHtml: string): Promise<PrintedPack> {
  let { starts, pageCount } = first;
  for (let attempt = 1; ; attempt++) {
    const ranges = pageRanges(job.plan, starts, pageCount);
    const html = attempt === 1 ? firstHtml : await job.compose(ranges);
    const doc = await loadPdf(await printPdf(session, html, job.name, { tagged: true }));
    const after = namedDestinationPages(doc);
    if (doc.getPageCount() === pageCount && sameStarts(job.plan, starts, after)) {
      await job.onFinalHtml?.(html);
      return finishPack(doc, job, after, ranges);
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

/** Each entry starts on the page after the one before it ends. */
export function startsFrom(plan: PackPlan, counts: PageCounts): { starts: Map<string, number>; pageCount: number } {
  const starts = new Map<string, number>();
  let next = counts.frontSheet + 1;
  for (const entry of plan.entries) {
    starts.set(entry.id, next);
    next += counts.entries.get(entry.id) ?? 0;
  }
  return { starts, pageCount: next - 1 };
}

/** Pages of a PDF printed without tags (enough to count them). */
export async function printedPageCount(session: BrowserSession, html: string, what: string, options: { first?: boolean } = {}): Promise<number> {
  return (await loadPdf(await printPdf(session, html, what, { tagged: false, ...options }))).getPageCount();
}

function sameStarts(plan: PackPlan, a: ReadonlyMap<string, number>, b: ReadonlyMap<string, number>): boolean {
  return plan.entries.every((e) => a.get(e.id) === b.get(e.id));
}

/** The last of a pack: supplied PDFs on their pages, bookmarks, metadata; saved. */
export async function finishPack(doc: PDFDocument, job: Pick<PackJob, 'plan' | 'supplied' | 'bookmarks' | 'metadata' | 'name'>, starts: Map<string, number>, ranges: Ranges): Promise<PrintedPack> {
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
        sanitised: pdf.sanitised,
        ...(pdf.read ? { read: pdf.read } : {}),
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
  // Its papers' prints each brought their own subsets of the fonts: one of each is enough.
  mergeFonts(doc);
  return { bytes: await savePdf(doc), starts, ranges, pageCount: doc.getPageCount(), warnings };
}
