import { deflateSync } from 'node:zlib';
import {
  PDFCrossRefStream,
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
} from 'pdf-lib';

/** Objects per object stream, as pdf-lib's own writer puts them. */
const OBJECTS_PER_STREAM = 50;
const FILTER = PDFName.of('Filter');
const FLATE = PDFName.of('FlateDecode');

/**
 * Writes a document as pdf-lib's own `save()` does (objects other than streams packed 50 to an
 * object stream, a cross-reference stream, in one go), but compresses those streams with
 * Node's zlib rather than pdf-lib's JavaScript deflate: for a meeting of 300 pages that
 * deflate took about half a second of cpb's thread, beside the browser, on every build.
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
        write(entry);
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

/** A stream pdf-lib built unencoded, as a stream of its contents deflated by zlib. */
function deflated(stream: PDFObjectStream | PDFCrossRefStream): PDFRawStream {
  // Sets the stream's own entries (a cross-reference stream's /W and /Index).
  stream.updateDict();
  const dict = stream.dict.clone();
  dict.set(FILTER, FLATE);
  return PDFRawStream.of(dict, deflateSync(stream.getUnencodedContents()));
}
