import { deflateSync } from 'node:zlib';
import {
  PDFCrossRefStream,
  PDFFlateStream,
  PDFHeader,
  PDFInvalidObject,
  PDFName,
  PDFNumber,
  PDFObjectStream,
  PDFRawStream,
  PDFRef,
  PDFStream,
  PDFTrailer,
  PDFWriter,
  type PDFContext,
  type PDFDocument,
  type PDFObject,
} from '../pdf-lib.js';

/** Objects per object stream, as pdf-lib's own writer puts them. */
const OBJECTS_PER_STREAM = 50;
const FILTER = PDFName.of('Filter');
const FLATE = PDFName.of('FlateDecode');

/**
 * Writes a document as pdf-lib's own `save()` does (objects other than streams packed 50 to an
 * object stream, a cross-reference stream, in one go), but compresses those streams, and the
 * streams pdf-lib made to compress itself, with Node's zlib rather than pdf-lib's JavaScript
 * deflate: for a meeting of 300 pages that deflate took about half a second of cpb's thread,
 * beside the browser, on every build; for one of 500 pages of supplied PDFs, most of a second.
 * The zlib's version is part of what a print depends on (printerIdentity).
 */
export async function savePdfBytes(doc: PDFDocument): Promise<Uint8Array> {
  // What save() does first: fonts and images embedded, pages' content written.
  await doc.flush();
  return NativeFlateWriter.of(doc.context).serializeToBuffer();
}

class NativeFlateWriter extends PDFWriter {
  static of(context: PDFContext): NativeFlateWriter {
    return new NativeFlateWriter(context, Infinity);
  }

  protected override async computeBufferSize() {
    const context = this.context;
    let objectNumber = context.largestObjectNumber + 1;
    const header = PDFHeader.forVersion(1, 7);
    let size = header.sizeInBytes() + 2;
    const xref = PDFCrossRefStream.create(this.createTrailerDict(), false);
    const written: [PDFRef, PDFObject][] = [];
    const write = (entry: [PDFRef, PDFObject]) => {
      xref.addUncompressedEntry(entry[0], size);
      size += this.computeIndirectObjectSize(entry);
      written.push(entry);
    };
    const chunks: { ref: PDFRef; objects: [PDFRef, PDFObject][] }[] = [];
    for (const entry of context.enumerateIndirectObjects()) {
      const [ref, object] = entry;
      const alone = ref === context.trailerInfo.Encrypt || object instanceof PDFStream || object instanceof PDFInvalidObject || ref.generationNumber !== 0;
      if (alone) {
        // A stream pdf-lib made to deflate itself (a page's content drawn, a form made of a supplied page's streams).
        write(object instanceof PDFFlateStream && object.dict.get(FILTER) === FLATE ? [ref, deflated(object)] : entry);
        continue;
      }
      let chunk = chunks[chunks.length - 1];
      if (!chunk || chunk.objects.length === OBJECTS_PER_STREAM) chunks.push((chunk = { ref: PDFRef.of(objectNumber++), objects: [] }));
      xref.addCompressedEntry(ref, chunk.ref, chunk.objects.length);
      chunk.objects.push(entry);
    }
    for (const { ref, objects } of chunks) write([ref, deflated(PDFObjectStream.withContextAndObjects(context, objects, false))]);
    const xrefRef = PDFRef.of(objectNumber++);
    xref.dict.set(PDFName.of('Size'), PDFNumber.of(objectNumber));
    xref.addUncompressedEntry(xrefRef, size);
    const xrefOffset = size;
    const xrefStream = deflated(xref);
    size += this.computeIndirectObjectSize([xrefRef, xrefStream]);
    written.push([xrefRef, xrefStream]);
    const trailer = PDFTrailer.forLastCrossRefSectionOffset(xrefOffset);
    size += trailer.sizeInBytes();
    return { size, header, indirectObjects: written, trailer };
  }
}

/** A stream pdf-lib made, as a stream of its contents deflated by zlib under the same dictionary. */
function deflated(stream: PDFFlateStream): PDFRawStream {
  let unencoded: Uint8Array;
  // One made to deflate itself: read past its cache, which would deflate it in JavaScript.
  if (stream.dict.has(FILTER)) unencoded = stream.getUnencodedContents();
  else {
    // One of the writer's, made unencoded: its own entries set (a cross-reference stream's /W
    // and /Index), its contents computed once for that and kept.
    stream.updateDict();
    unencoded = stream.getContents();
  }
  const dict = stream.dict.clone();
  dict.set(FILTER, FLATE);
  return PDFRawStream.of(dict, deflateSync(unencoded));
}
