import { decodePDFRawStream, PDFArray, PDFDict, PDFName, PDFNumber, PDFRawStream, PDFStream, type PDFDocument, type PDFPage, type PDFPageLeaf, type PDFRef } from 'pdf-lib';
import type { StructCopier } from './pdf-struct-copier.js';

export interface Form {
  ref: PDFRef;
  /** The visible area (crop box) in the form's own space. */
  box: { left: number; bottom: number; right: number; top: number };
  /** The page's /Rotate, as 0, 90, 180 or 270. */
  rotate: number;
}

/**
 * A form XObject with the page's content and a copy of its resources, clipped to its crop box.
 * A single content stream keeps its bytes and filters; several are decoded and joined.
 */
export function makeForm(pack: PDFDocument, page: PDFPage, copier: StructCopier, index: number): Form {
  const leaf: PDFPageLeaf = page.node;
  const box = visibleBox(leaf);
  const rotate = (((Math.round((leaf.Rotate()?.asNumber() ?? 0) / 90) * 90) % 360) + 360) % 360;
  const resources = leaf.Resources();
  const formDict = pack.context.obj({
    Type: 'XObject',
    Subtype: 'Form',
    FormType: 1,
    BBox: [box.left, box.bottom, box.right, box.top],
    Resources: resources ? copier.copy(resources) : pack.context.obj({}),
  }) as PDFDict;

  const streams = contentStreams(leaf);
  let stream: PDFStream;
  const only = streams.length === 1 ? streams[0] : undefined;
  if (only instanceof PDFRawStream) {
    for (const key of ['Filter', 'DecodeParms']) {
      const value = only.dict.get(PDFName.of(key));
      if (value) formDict.set(PDFName.of(key), copier.copy(value));
    }
    stream = PDFRawStream.of(formDict, only.contents);
  } else {
    const parts: Uint8Array[] = [];
    for (const content of streams) {
      if (!(content instanceof PDFRawStream)) continue;
      try {
        parts.push(decodePDFRawStream(content).decode(), Uint8Array.of(0x0a));
      } catch (error) {
        throw new Error(`the content of its page ${index + 1} cannot be read: ${(error as Error).message}`);
      }
    }
    stream = pack.context.flateStream(concat(parts), {});
    for (const [key, value] of formDict.entries()) stream.dict.set(key, value);
  }
  return { ref: pack.context.register(stream), box, rotate };
}

export function contentStreams(leaf: PDFPageLeaf): PDFStream[] {
  const contents = leaf.Contents();
  if (contents instanceof PDFStream) return [contents];
  if (contents instanceof PDFArray) {
    return contents.asArray().flatMap((item) => {
      const stream = leaf.context.lookup(item);
      return stream instanceof PDFStream ? [stream] : [];
    });
  }
  return [];
}

/** The crop box (default: media box) within the media box, as left < right and bottom < top. */
export function visibleBox(leaf: PDFPageLeaf): Form['box'] {
  const rect = (array: PDFArray | undefined) => {
    if (!array || array.size() < 4) return undefined;
    const [x1, y1, x2, y2] = [0, 1, 2, 3].map((i) => leaf.context.lookupMaybe(array.get(i), PDFNumber)?.asNumber() ?? 0) as [
      number,
      number,
      number,
      number,
    ];
    return { left: Math.min(x1, x2), bottom: Math.min(y1, y2), right: Math.max(x1, x2), top: Math.max(y1, y2) };
  };
  const media = rect(leaf.MediaBox()) ?? { left: 0, bottom: 0, right: 595.28, top: 841.89 };
  const crop = rect(leaf.CropBox());
  if (!crop) return media;
  const box = {
    left: Math.max(crop.left, media.left),
    bottom: Math.max(crop.bottom, media.bottom),
    right: Math.min(crop.right, media.right),
    top: Math.min(crop.top, media.top),
  };
  return box.right > box.left && box.top > box.bottom ? box : media;
}


export function concat(parts: Uint8Array[]): Uint8Array {
  const out = new Uint8Array(parts.reduce((sum, p) => sum + p.length, 0));
  let at = 0;
  for (const part of parts) {
    out.set(part, at);
    at += part.length;
  }
  return out;
}
