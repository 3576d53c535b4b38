import type { BrowserSession } from '../print/browser-session.js';
import { finishPrintedPdf } from '../print/pdf-finish.js';
import type { PdfMetadata } from '../print/pdf-metadata.js';
import { printPdf } from '../print/print-pdf.js';
import { printKey } from '../print/print-key.js';
import type { PrintReuse } from '../write/print-reuse.js';

/** A meeting's PDFs of the last build that can be kept, and what a print depends on (printerIdentity). */
export interface PrintsKept {
  reuse: PrintReuse;
  printer: string;
}

export interface MadePdf {
  bytes: Uint8Array;
  pageCount: number;
  warnings: string[];
  /** False for a print that cannot stand for a later one with the same key (a pack whose pages moved). */
  reusable?: boolean;
}

/**
 * One PDF of the meeting: `reused` settles first, with the earlier PDF when the print would be
 * the same (see PrintReuse), and `made` with that or a new print, recorded for the next build.
 */
export function printOnce(ctx: { prints?: PrintsKept | undefined }, relPath: string, key: Promise<string>, print: () => Promise<MadePdf>): { reused: Promise<boolean>; made: Promise<MadePdf> } {
  const earlier = ctx.prints ? key.then((k) => ctx.prints!.reuse.take(relPath, k)) : Promise.resolve(undefined);
  const made = earlier.then(async (found) => {
    if (found) return found;
    const pdf = await print();
    if (pdf.reusable !== false) ctx.prints?.reuse.note(relPath, await key, pdf.bytes, pdf.pageCount, pdf.warnings);
    return pdf;
  });
  const reused = earlier.then((found) => found !== undefined);
  reused.catch(() => undefined);
  made.catch(() => undefined);
  return { reused, made };
}

/** The key of a PDF: printKey with the build's printer. */
export function keyOf(ctx: { prints?: PrintsKept | undefined }, kind: string, html: string, metadata: PdfMetadata, extra?: readonly string[]): string {
  return printKey(ctx.prints?.printer ?? '', kind, html, metadata, extra);
}


/** A document printed and finished with its metadata: the print of a paper, an agenda, minutes. `first`: before the prints already waiting. */
export async function printFinished(browser: BrowserSession, html: string, what: string, metadata: PdfMetadata, options: { first?: boolean } = {}): Promise<MadePdf> {
  return { ...(await finishPrintedPdf(await printPdf(browser, html, what, options), metadata)), warnings: [] };
}

/** The progress line for a PDF: "Keeping 2019-11-26/agenda.pdf" when the last build's is kept, else "Printing …". */
export async function printing(reused: Promise<boolean>, name: string): Promise<string> {
  return `${(await reused) ? 'Keeping' : 'Printing'} ${name}`;
}
