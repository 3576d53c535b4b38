import { PDFDict, PDFDocument, PDFName } from '../pdf-lib.js';
import { loadPdf } from '../load/pdf-parse.js';
import { setMetadata, type PdfMetadata } from './pdf-metadata.js';
import { savePdf } from './pdf-save.js';
import { normaliseStructIds } from './pdf-struct-ids.js';

/**
 * Structure types Chromium writes that only PDF 2.0 defines. Older readers and checkers (poppler
 * reports "StructElem object is wrong type (Strong)") know them through the role map.
 */
const PDF2_ROLES: Record<string, string> = { Strong: 'Span', Em: 'Span' };

/** Maps PDF 2.0 structure types to PDF 1.7 ones where the document has not already. */
export function mapNewRoles(doc: PDFDocument): void {
  const root = doc.catalog.lookupMaybe(PDFName.of('StructTreeRoot'), PDFDict);
  if (!root) return;
  let roleMap = root.lookupMaybe(PDFName.of('RoleMap'), PDFDict);
  if (!roleMap) {
    roleMap = doc.context.obj({}) as PDFDict;
    root.set(PDFName.of('RoleMap'), roleMap);
  }
  for (const [from, to] of Object.entries(PDF2_ROLES)) {
    if (!roleMap.has(PDFName.of(from))) roleMap.set(PDFName.of(from), PDFName.of(to));
  }
}

/** The last touches every PDF cpb writes gets: metadata, fixed dates, the role map, stable ids. */
export function finishDocument(doc: PDFDocument, meta: PdfMetadata): void {
  setMetadata(doc, meta);
  mapNewRoles(doc);
  normaliseStructIds(doc);
}

/** Finishes a PDF Chromium printed. */
export async function finishPdf(bytes: Uint8Array, meta: PdfMetadata): Promise<Uint8Array> {
  return (await finishPrintedPdf(bytes, meta)).bytes;
}

/** Finishes a PDF Chromium printed, and says how many pages it has (the site lists them). */
export async function finishPrintedPdf(bytes: Uint8Array, meta: PdfMetadata): Promise<{ bytes: Uint8Array; pageCount: number }> {
  const doc = await loadPdf(bytes, { updateMetadata: false });
  finishDocument(doc, meta);
  return { bytes: await savePdf(doc), pageCount: doc.getPageCount() };
}
