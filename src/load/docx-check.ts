import { SourceError } from '../errors.js';
import { megabytes } from './bounded-read.js';
import { checkEntryExpands, ZipFault, zipEntries } from './zip-directory.js';

/** Largest Word file read: documents with pictures run larger than text papers. */
export const MAX_DOCX_BYTES = 50 * 1024 * 1024;
/**
 * What a Word paper may expand to once unzipped. A long report with pictures is a few tens of MB;
 * a "ZIP bomb" (a small file that unzips to gigabytes) would exhaust memory while it is converted,
 * so it is refused from its table of contents, before any of it is converted.
 */
export const MAX_DOCX_EXPANDED = 100 * 1024 * 1024;
/** Files inside the archive: a Word document has tens, hundreds with many pictures. */
export const MAX_DOCX_ENTRIES = 10_000;
/** Of the expanded size, the XML (the text, tables and styles) that is turned into HTML. */
export const MAX_DOCX_XML = 25 * 1024 * 1024;

const HINT_RESAVE = 'Open it in Word and save it again as a Word Document (.docx), or export it to PDF and give the PDF instead.';

/**
 * Checks that a .docx can be converted without exhausting memory: its ZIP table of contents within
 * the limits above, every part really no larger than the table says, nothing encrypted.
 * Throws a SourceError naming the file (rule docx/too-large, docx/encrypted or docx/damaged).
 */
export function checkDocx(bytes: Uint8Array, displayPath: string): void {
  if (bytes.length === 0) throw fault(displayPath, 'is empty (0 bytes)', 'load/empty', HINT_RESAVE);
  // Word saves a password-protected document (and the old .doc format) as an OLE compound file.
  if (bytes.length >= 8 && Buffer.from(bytes.subarray(0, 8)).equals(Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]))) {
    throw fault(displayPath, 'is password-protected, or is an old-style .doc file', 'load/docx-encrypted', 'In Word, remove the password (File › Info › Protect Document › Encrypt with Password, then clear it) and save it as a Word Document (.docx).');
  }
  try {
    const entries = zipEntries(bytes, MAX_DOCX_ENTRIES);
    const expanded = entries.reduce((sum, e) => sum + e.size, 0);
    const xml = entries.filter((e) => /\.(xml|rels)$/i.test(e.name)).reduce((sum, e) => sum + e.size, 0);
    if (expanded > MAX_DOCX_EXPANDED || xml > MAX_DOCX_XML) {
      const [size, limit, of] = expanded > MAX_DOCX_EXPANDED ? [expanded, MAX_DOCX_EXPANDED, ''] : [xml, MAX_DOCX_XML, ' of text and layout'];
      throw fault(displayPath, `unzips to ${megabytes(size)}${of} (the limit is ${megabytes(limit)}), far more than a paper needs`, 'load/docx-too-large', 'A file this small that expands this much may have been made to exhaust memory. Ask for the paper again, or export it to PDF and give the PDF instead.');
    }
    if (entries.some((e) => e.encrypted)) throw fault(displayPath, 'is encrypted', 'load/docx-encrypted', 'Remove its password in Word and save it again as a .docx.');
    if (!entries.some((e) => e.name === 'word/document.xml' || e.name === '_rels/.rels')) {
      throw fault(displayPath, 'is a ZIP archive but not a Word document', 'load/docx-damaged', 'Check the file: save the paper from Word as a Word Document (.docx).');
    }
    for (const entry of entries) checkEntryExpands(bytes, entry);
  } catch (error) {
    if (error instanceof ZipFault) {
      const tooMany = /holds \d+ files inside/.test(error.message) || /ZIP64/.test(error.message) || /holds more than/.test(error.message);
      throw fault(displayPath, `cannot be read as a Word document: ${error.message}`, tooMany ? 'load/docx-too-large' : 'load/docx-damaged', HINT_RESAVE);
    }
    throw error;
  }
}

function fault(displayPath: string, what: string, rule: string, hint: string): SourceError {
  return new SourceError(`The Word document ${displayPath} ${what}`, { file: displayPath, rule, hint });
}
