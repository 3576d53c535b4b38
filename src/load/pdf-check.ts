import { createHash } from 'node:crypto';
import type { PDFDocument } from '../pdf-lib.js';
import { SourceError } from '../errors.js';
import type { ParsedPdfs } from './parsed-pdfs.js';

/** Largest PDF paper read: a long scanned report runs to tens of MB. */
export const MAX_PDF_BYTES = 100 * 1024 * 1024;

/**
 * Opens a supplied PDF far enough to know it can go into a pack: it has a PDF header, parses, is
 * not encrypted and has at least one page. Returns its page count and the document parsed; throws
 * a SourceError naming the file otherwise. pdf-lib's own wording (which names its API) never
 * reaches the message.
 */
export async function checkPdf(bytes: Uint8Array, displayPath: string): Promise<{ pageCount: number; doc: PDFDocument }> {
  const fail = (what: string, rule: string, hint: string) => new SourceError(`The PDF ${displayPath} ${what}`, { file: displayPath, rule, hint });
  if (bytes.length === 0) throw fail('is empty (0 bytes)', 'load/empty', 'Export or download the PDF again; the copy in the board folder has nothing in it.');
  if (!Buffer.from(bytes.subarray(0, 1024)).includes('%PDF-')) {
    throw fail('is not a PDF file (it does not start as one)', 'load/pdf-damaged', 'Check the file: it may be another kind of document saved with a .pdf name. Export it to PDF again.');
  }
  // Imported here: pdf-lib is slow to load, and only boards with PDF papers need it.
  const { loadPdf } = await import('./pdf-parse.js');
  let doc: PDFDocument;
  try {
    doc = await loadPdf(bytes, { updateMetadata: false, ignoreEncryption: true, throwOnInvalidObject: true });
  } catch {
    throw fail('is damaged and cannot be read', 'load/pdf-damaged', 'Open it in a PDF reader to check it, then export or download it again (a copy cut short while saving looks like this).');
  }
  if (doc.isEncrypted) {
    if (await needsPassword(bytes)) {
      throw fail('is protected by a password and cannot be opened without it', 'load/pdf-encrypted', 'Ask its author for a copy without a password, or open it with the password and save a copy without one.');
    }
    // Only an owner password: it opens, but its content is encrypted, which pdf-lib cannot undo,
    // so its pages would come out blank or garbled in the pack.
    throw fail('is protected against changes (it has an owner password), so cpb cannot put its pages into the pack', 'load/pdf-protected', `Make an unprotected copy: run \`qpdf --decrypt --replace-input ${shellQuote(displayPath)}\` (qpdf is free: https://qpdf.sourceforge.io), or ask its author for a copy without protection.`);
  }
  const pageCount = doc.getPageCount();
  if (pageCount === 0) throw fail('has no pages', 'load/pdf-no-pages', 'Export or download the PDF again; a paper needs at least one page.');
  return { pageCount, doc };
}

/** A supplied PDF as checkPdf found it: its page count, and the SHA-256 of the bytes it checked. */
export interface CheckedPdf {
  pageCount: number;
  sha256: string;
}

export function sha256Of(bytes: Uint8Array): string {
  return createHash('sha256').update(bytes).digest('hex');
}

/**
 * checkPdf, unless these very bytes were checked already in this build (`checked`, by loading
 * the board): parsing a PDF of 150 pages takes a tenth of a second, and the same bytes give the
 * same answer. Bytes that changed since are checked again, and the document parsed then is kept in
 * `parsed` for the build to clean, as loading keeps its own.
 */
export async function checkPdfOnce(bytes: Uint8Array, displayPath: string, checked: CheckedPdf | undefined, parsed?: ParsedPdfs): Promise<{ pageCount: number }> {
  const sha256 = sha256Of(bytes);
  if (checked && sha256 === checked.sha256) return { pageCount: checked.pageCount };
  const { pageCount, doc } = await checkPdf(bytes, displayPath);
  parsed?.keep(sha256, bytes.length, doc);
  return { pageCount };
}

/** Whether opening the PDF needs a user password (not only an owner password): pdf.js knows. */
async function needsPassword(bytes: Uint8Array): Promise<boolean> {
  const { getDocument } = await import('pdfjs-dist/legacy/build/pdf.mjs');
  // pdf.js takes ownership of (and detaches) the buffer it is given: hand it a copy.
  const task = getDocument({ data: new Uint8Array(bytes), password: '', isEvalSupported: false, useSystemFonts: false, verbosity: 0 });
  try {
    await (await task.promise).destroy();
    return false;
  } catch (error) {
    return (error as { name?: string }).name === 'PasswordException';
  } finally {
    await task.destroy().catch(() => undefined);
  }
}

function shellQuote(path: string): string {
  return /^[\w./-]+$/.test(path) ? path : `'${path.replace(/'/g, `'\\''`)}'`;
}
