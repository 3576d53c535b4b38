import {
  concatTransformationMatrix,
  decodePDFRawStream,
  drawObject,
  EncryptedPDFError,
  PDFArray,
  PDFBool,
  PDFDict,
  PDFDocument,
  PDFName,
  PDFNumber,
  PDFRawStream,
  PDFStream,
  popGraphicsState,
  pushGraphicsState,
  type PDFPage,
  type PDFPageLeaf,
  type PDFRef,
} from '../pdf-lib.js';
import { loadPdf } from '../load/pdf-parse.js';
import { multiply, type Matrix } from '../render/pdf/pdf-matrix.js';
import { describeRemoved, sanitiseDocument } from './pdf-sanitise.js';
import { StructCopier } from './pdf-struct-copier.js';
import { graftStructTree, type Placement } from './pdf-struct-graft.js';

export interface SuppliedPdf {
  /** The supplied file. */
  bytes: Uint8Array;
  /** For messages, e.g. "examples/x/meetings/2019-11-26/papers/strategy.pdf". */
  displayPath: string;
  /** 0-based index in the pack of the first reserved page. */
  firstPageIndex: number;
  /** How many pages were reserved; by default, every pack page from `firstPageIndex` on may be used. */
  reservedPageCount?: number | undefined;
  /**
   * True when `bytes` are publishablePdf's output, already without anything that runs or carries
   * a file: going through them again finds nothing, and took half a second for 500 pages.
   */
  sanitised?: boolean;
  /** Supplied PDFs read already: this one's document, if no other insert has taken it, saves reading `bytes` again. */
  read?: ReadSupplied;
}

/**
 * Supplied PDFs as publishablePdf read them, each given to the first insert of it (a meeting's
 * public pack, say): reading a PDF of 150 pages takes a tenth of a second. The next insert of it
 * reads its bytes again, as an insert may change the document it copies from.
 */
export class ReadSupplied {
  private readonly docs = new Map<Uint8Array, { doc: PDFDocument; beforeTaken?: () => void }>();

  /** `beforeTaken` runs before the document goes to a pack (what still reads it must have read it). */
  keep(bytes: Uint8Array, doc: PDFDocument, beforeTaken?: () => void): void {
    this.docs.set(bytes, { doc, ...(beforeTaken ? { beforeTaken } : {}) });
  }

  take(bytes: Uint8Array): PDFDocument | undefined {
    const kept = this.docs.get(bytes);
    this.docs.delete(bytes);
    kept?.beforeTaken?.();
    return kept?.doc;
  }
}

export interface InsertResult {
  warnings: string[];
}

/** Room kept free around a supplied page for the pack's own stamps ("Page 17", "Agenda Item 4"). */
export const STAMP_MARGINS_MM = { top: 15, bottom: 15, side: 10 } as const;

const MM = 72 / 25.4;

/**
 * Draws each supplied page onto its reserved page and carries the supplied PDF's structure tree
 * into the pack's.
 *
 * Each supplied page becomes one form XObject (its content and a copy of its resources), drawn
 * scaled to fit inside the reserved page's stamp margins and centred, after the page's own
 * content, so Chromium's margin-box text stays on the page and stays an artifact. A tagged
 * supplied PDF's structure tree is grafted into the pack's (see pdf-struct-graft.ts). Links and
 * other annotations on the supplied pages are not copied: their rectangles would need the same
 * transformation and their destinations point into the supplied document; the pack's bookmarks
 * and front-sheet links are how readers navigate.
 *
 * Throws an Error (the caller names the file) if the PDF cannot be read, is encrypted, or has more
 * pages than were reserved.
 */
export async function insertSuppliedPdf(pack: PDFDocument, supplied: SuppliedPdf): Promise<InsertResult> {
  const warnings: string[] = [];
  const packPages = pack.getPages();
  const first = supplied.firstPageIndex;
  if (!Number.isInteger(first) || first < 0 || first >= packPages.length) {
    throw new Error(`the pages kept for it start at page ${first + 1}, but the pack has ${packPages.length} pages`);
  }
  const available = Math.min(packPages.length - first, supplied.reservedPageCount ?? Number.POSITIVE_INFINITY);

  const source = supplied.read?.take(supplied.bytes) ?? (await loadSupplied(supplied.bytes));
  // Nothing that runs or carries a file reaches the pack.
  if (!supplied.sanitised) {
    const removed = sanitiseDocument(source);
    if (removed.counts.size > 0) warnings.push(`${supplied.displayPath}: removed ${describeRemoved(removed)} from the copy in the pack`);
  }
  let srcPages: PDFPage[];
  try {
    srcPages = source.getPages();
  } catch (error) {
    throw new Error(`it cannot be read as a PDF: its page tree is damaged (${(error as Error).message})`);
  }
  if (srcPages.length === 0) throw new Error('it has no pages');
  if (srcPages.length > available) {
    throw new Error(
      `it has ${srcPages.length} pages but only ${available} ${available === 1 ? 'page was' : 'pages were'} kept for it in the pack ` +
        `(from page ${first + 1})`,
    );
  }
  if (supplied.reservedPageCount !== undefined && srcPages.length < supplied.reservedPageCount) {
    const blank = supplied.reservedPageCount - srcPages.length;
    warnings.push(`${supplied.displayPath} has ${srcPages.length} pages but ${supplied.reservedPageCount} were kept for it; ${blank} stay blank.`);
  }

  const copier = new StructCopier(source.context, pack.context);
  srcPages.forEach((page, i) => copier.map(page.ref, packPages[first + i]!.ref));
  const placements: Placement[] = srcPages.map((page, i) => {
    const target = packPages[first + i]!;
    const form = makeForm(pack, page, copier, i);
    drawFitted(target, form);
    return { packPage: target.ref, form: form.ref };
  });

  if (!isTagged(source)) {
    warnings.push(
      `${supplied.displayPath} is not a tagged PDF: its text is not in the pack's structure tree, so screen readers cannot read it. ` +
        'Export it from its source application with tags (e.g. "Create tagged PDF" / "Document structure tags for accessibility").',
    );
  } else if (!pack.catalog.has(PDFName.of('StructTreeRoot'))) {
    warnings.push(`${supplied.displayPath} is tagged but the pack is not, so its structure was not carried into the pack.`);
  } else {
    try {
      const result = graftStructTree({ pack, supplied: source, placements, copier, firstPageIndex: first, title: source.getTitle() });
      if (result.unplaced > 0) {
        warnings.push(
          `${supplied.displayPath}: ${result.unplaced} pieces of tagged content name no page and were left out of the pack's structure tree.`,
        );
      }
    } catch (error) {
      warnings.push(
        `${supplied.displayPath}: its structure tree could not be carried into the pack (${(error as Error).message}), ` +
          'so screen readers cannot read its text. The pages are in the pack.',
      );
    }
  }
  return { warnings };
}

async function loadSupplied(bytes: Uint8Array): Promise<PDFDocument> {
  try {
    return await loadPdf(bytes, { updateMetadata: false });
  } catch (error) {
    if (error instanceof EncryptedPDFError) {
      throw new Error('it is encrypted (password-protected or restricted); save an unprotected copy and use that');
    }
    throw new Error(`it cannot be read as a PDF: ${(error as Error).message}`);
  }
}

function isTagged(doc: PDFDocument): boolean {
  const markInfo = doc.catalog.lookupMaybe(PDFName.of('MarkInfo'), PDFDict);
  return doc.catalog.has(PDFName.of('StructTreeRoot')) && markInfo?.lookupMaybe(PDFName.of('Marked'), PDFBool)?.asBoolean() === true;
}

interface Form {
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
function makeForm(pack: PDFDocument, page: PDFPage, copier: StructCopier, index: number): Form {
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

function contentStreams(leaf: PDFPageLeaf): PDFStream[] {
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
function visibleBox(leaf: PDFPageLeaf): Form['box'] {
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


/**
 * The matrix that places a form's visible box, turned by the page's /Rotate as a viewer shows it,
 * inside `area` scaled uniformly to fit and centred. Exported for tests.
 */
export function fitMatrix(
  box: Form['box'],
  rotate: number,
  area: { x: number; y: number; width: number; height: number },
): Matrix {
  const w = box.right - box.left;
  const h = box.top - box.bottom;
  const turned: Record<number, Matrix> = {
    0: [1, 0, 0, 1, 0, 0],
    90: [0, -1, 1, 0, 0, w],
    180: [-1, 0, 0, -1, w, h],
    270: [0, 1, -1, 0, h, 0],
  };
  const [shownW, shownH] = rotate === 90 || rotate === 270 ? [h, w] : [w, h];
  const scale = Math.min(area.width / shownW, area.height / shownH);
  const x = area.x + (area.width - shownW * scale) / 2;
  const y = area.y + (area.height - shownH * scale) / 2;
  let m: Matrix = [1, 0, 0, 1, -box.left, -box.bottom];
  m = multiply(m, turned[rotate] ?? turned[0]!);
  m = multiply(m, [scale, 0, 0, scale, x, y]);
  return m.map((v) => Math.round(v * 1e5) / 1e5 + 0) as Matrix;
}

/** Draws the form on the pack page inside its stamp margins, after (above) the page's own content. */
function drawFitted(target: PDFPage, form: Form): void {
  const page = target.getCropBox();
  const area = {
    x: page.x + STAMP_MARGINS_MM.side * MM,
    y: page.y + STAMP_MARGINS_MM.bottom * MM,
    width: page.width - 2 * STAMP_MARGINS_MM.side * MM,
    height: page.height - (STAMP_MARGINS_MM.top + STAMP_MARGINS_MM.bottom) * MM,
  };
  const xObjects = target.node.normalizedEntries().XObject;
  let n = 1;
  while (xObjects.has(PDFName.of(`CpbSupplied${n}`))) n++;
  const name = PDFName.of(`CpbSupplied${n}`);
  target.node.setXObject(name, form.ref);
  target.pushOperators(
    pushGraphicsState(),
    concatTransformationMatrix(...fitMatrix(form.box, form.rotate, area)),
    drawObject(name),
    popGraphicsState(),
  );
}

function concat(parts: Uint8Array[]): Uint8Array {
  const out = new Uint8Array(parts.reduce((sum, p) => sum + p.length, 0));
  let at = 0;
  for (const part of parts) {
    out.set(part, at);
    at += part.length;
  }
  return out;
}
