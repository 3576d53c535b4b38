import { constants, inflateSync } from 'node:zlib';
import { decodePDFRawStream, PDFName, PDFRawStream } from '../../pdf-lib.js';

/**
 * A stream's decoded bytes. Deflate, by far the most common filter, goes through Node's zlib (in
 * C++; pdf-lib's own inflate is JavaScript and several times slower); anything else through
 * pdf-lib's decoders. A stream cut short gives what it has, as PDF readers do.
 */
export function streamBytes(stream: PDFRawStream): Uint8Array {
  const filter = stream.dict.lookup(PDFName.of('Filter'));
  if (filter === undefined) return stream.contents;
  if (filter === PDFName.of('FlateDecode') && stream.dict.lookup(PDFName.of('DecodeParms')) === undefined) {
    return inflateSync(stream.contents, { finishFlush: constants.Z_SYNC_FLUSH });
  }
  return decodePDFRawStream(stream).decode();
}
