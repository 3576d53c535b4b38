import { PDFDocument, type LoadOptions } from '../pdf-lib.js';

/**
 * Parses a PDF with pdf-lib in one go. By default pdf-lib pauses for a timer every hundred
 * objects, and a timer in Node waits at least a millisecond: a pack of 500 pages (tens of
 * thousands of objects) spent most of a second of each parse waiting.
 */
export function loadPdf(bytes: Uint8Array, options: Omit<LoadOptions, 'parseSpeed'> = {}): Promise<PDFDocument> {
  return PDFDocument.load(bytes, { ...options, parseSpeed: Infinity });
}
