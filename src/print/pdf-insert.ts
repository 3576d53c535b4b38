import {
  concatTransformationMatrix,
  drawObject,
  EncryptedPDFError,
  PDFBool,
  PDFDict,
  PDFDocument,
  PDFName,
  popGraphicsState,
  pushGraphicsState,
  type PDFPage,
} from 'pdf-lib';
import { makeForm, type Form } from './pdf-form.js';
import { carryLinks } from './pdf-links.js';
import { placeOwnPage } from './pdf-stamps.js';
import { describeRemoved, sanitiseDocument } from './pdf-sanitise.js';
import { StructCopier } from './pdf-struct-copier.js';
import { graftStructTree, type Placement } from './pdf-struct-graft.js';

export interface SuppliedPdf {
  /** The supplied file. */
  bytes: Uint8Array;
  /** The file already read, when it is cpb's own print (read only: it may go into more than one pack). */
  doc?: PDFDocument | undefined;
  /** For messages, e.g. "examples/x/meetings/2019-11-26/papers/strategy.pdf". */
  displayPath: string;
  /** 0-based index in the pack of the first reserved page. */
  firstPageIndex: number;
  /** How many pages were reserved; by default, every pack page from `firstPageIndex` on may be used. */
  reservedPageCount?: number | undefined;
  /**
   * cpb's own print of a paper (see MeetingPrints), not a supplied file: it is not sanitised, its
   * pages' content is put on the pages the pack kept for them as it is (see placeOwnPage), without
   * the paper's own stamps, and its web links come with it.
   */
  own?: boolean;
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

  const own = supplied.own === true;
  const source = own && supplied.doc ? supplied.doc : await loadSupplied(supplied.bytes);
  if (!own) {
    // Nothing that runs or carries a file reaches the pack (cpb's build sanitises before this too).
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
    if (own) {
      placeOwnPage(target, page, copier);
      return { packPage: target.ref, form: target.ref };
    }
    const form = makeForm(pack, page, copier, i);
    drawFitted(target, form);
    return { packPage: target.ref, form: form.ref };
  });
  const links = own ? carryLinks(srcPages, packPages.slice(first, first + srcPages.length), copier) : new Map();

  if (own && !isTagged(source)) {
    throw new Error('cpb printed it without tags');
  } else if (!isTagged(source)) {
    warnings.push(
      `${supplied.displayPath} is not a tagged PDF: its text is not in the pack's structure tree, so screen readers cannot read it. ` +
        'Export it from its source application with tags (e.g. "Create tagged PDF" / "Document structure tags for accessibility").',
    );
  } else if (!pack.catalog.has(PDFName.of('StructTreeRoot'))) {
    warnings.push(`${supplied.displayPath} is tagged but the pack is not, so its structure was not carried into the pack.`);
  } else {
    try {
      const result = graftStructTree({ pack, supplied: source, placements, copier, firstPageIndex: first, title: source.getTitle(), links });
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
    return await PDFDocument.load(bytes, { updateMetadata: false });
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

type Matrix = [number, number, number, number, number, number];

/** m then n, for PDF's row-vector matrices [a b c d e f]. */
function multiply(m: Matrix, n: Matrix): Matrix {
  return [
    m[0] * n[0] + m[1] * n[2],
    m[0] * n[1] + m[1] * n[3],
    m[2] * n[0] + m[3] * n[2],
    m[2] * n[1] + m[3] * n[3],
    m[4] * n[0] + m[5] * n[2] + n[4],
    m[4] * n[1] + m[5] * n[3] + n[5],
  ];
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
  draw(target, form, fitMatrix(form.box, form.rotate, area));
}

function draw(target: PDFPage, form: Form, matrix: Matrix): void {
  const xObjects = target.node.normalizedEntries().XObject;
  let n = 1;
  while (xObjects.has(PDFName.of(`CpbSupplied${n}`))) n++;
  const name = PDFName.of(`CpbSupplied${n}`);
  target.node.setXObject(name, form.ref);
  target.pushOperators(
    pushGraphicsState(),
    concatTransformationMatrix(...matrix),
    drawObject(name),
    popGraphicsState(),
  );
}
