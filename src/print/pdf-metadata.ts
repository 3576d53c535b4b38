import { PDFBool, PDFDict, PDFName, PDFString, type PDFDocument } from '../pdf-lib.js';

export interface PdfMetadata {
  title: string;
  author: string;
  subject?: string;
  language: string;
  /** Creation and modification date: from the data or SOURCE_DATE_EPOCH, never the clock, so builds repeat. */
  date: Date;
}

/** Title, author, language and dates; readers show the title rather than the file name. */
export function setMetadata(doc: PDFDocument, meta: PdfMetadata): void {
  doc.setTitle(meta.title, { showInWindowTitleBar: true });
  doc.setAuthor(meta.author);
  if (meta.subject) doc.setSubject(meta.subject);
  doc.setCreator('cpb');
  doc.setProducer('cpb');
  doc.setCreationDate(meta.date);
  doc.setModificationDate(meta.date);
  doc.catalog.set(PDFName.of('Lang'), PDFString.of(meta.language));
  const prefs = doc.catalog.lookupMaybe(PDFName.of('ViewerPreferences'), PDFDict);
  prefs?.set(PDFName.of('DisplayDocTitle'), PDFBool.True);
}
