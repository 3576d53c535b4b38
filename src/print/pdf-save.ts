import { createHash } from 'node:crypto';
import { PDFHexString, type PDFDocument } from '../pdf-lib.js';
import { savePdfBytes } from './pdf-writer.js';

/** 16 bytes as hex: the placeholder written first, then replaced in place by the content's hash. */
const PLACEHOLDER = '0'.repeat(32);

/**
 * Saves the document with a trailer /ID derived from its content: the SHA-256 of the saved bytes
 * with the /ID blanked. The same document always gets the same /ID (and so the same bytes), and
 * two different documents practically never share one, as the format intends.
 */
export async function savePdf(doc: PDFDocument): Promise<Uint8Array> {
  doc.context.trailerInfo.ID = doc.context.obj([PDFHexString.of(PLACEHOLDER), PDFHexString.of(PLACEHOLDER)]);
  const bytes = await savePdfBytes(doc);
  const marker = new TextEncoder().encode(`<${PLACEHOLDER}>`);
  // Both entries are written side by side, in the trailer (or cross-reference stream) at the end.
  const at = lastIndexOf(bytes, marker);
  const first = at < 0 ? -1 : lastIndexOf(bytes.subarray(0, at), marker);
  if (first < 0) throw new Error('the PDF was saved without its /ID');
  const id = createHash('sha256').update(bytes).digest('hex').slice(0, PLACEHOLDER.length);
  const hex = new TextEncoder().encode(id);
  bytes.set(hex, first + 1);
  bytes.set(hex, at + 1);
  return bytes;
}

function lastIndexOf(haystack: Uint8Array, needle: Uint8Array): number {
  outer: for (let i = haystack.length - needle.length; i >= 0; i--) {
    for (let j = 0; j < needle.length; j++) if (haystack[i + j] !== needle[j]) continue outer;
    return i;
  }
  return -1;
}
