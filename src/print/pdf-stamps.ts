import { PDFDocument, PDFName, type PDFPage, type PDFRef } from 'pdf-lib';
import { contentStreams, visibleBox } from './pdf-form.js';
import { isStampStream, setContents, stampsOf, withoutStamps, withStamps } from './pdf-page-content.js';
import { StructCopier } from './pdf-struct-copier.js';

/**
 * Lays each page of `stamps` (a print of the same pages with nothing but their margin boxes:
 * "Page 3", "Agenda Item 4", DRAFT) under the matching page of `doc` (a print without them): the
 * stamps' content becomes the page's first content stream, an artifact, its resources renamed so
 * that they cannot meet the page's own. Text is then read in the order a print with both gives.
 */
export async function stampPages(doc: PDFDocument, stampsBytes: Uint8Array): Promise<void> {
  const stamps = await PDFDocument.load(stampsBytes, { updateMetadata: false });
  const pages = doc.getPages();
  const stampPages = stamps.getPages();
  if (stampPages.length !== pages.length) throw new Error(`the stamps have ${stampPages.length} pages for ${pages.length}`);
  const copier = new StructCopier(stamps.context, doc.context);
  pages.forEach((page, i) => {
    const stamp = stampPages[i]!;
    if (!sameSize(page, stamp)) throw new Error(`the stamps of page ${i + 1} are for a page of another size`);
    const { content, resources } = stampsOf(stamp.node, (o) => copier.copy(o));
    page.node.set(PDFName.of('Resources'), withStamps(doc.context, page.node.Resources(), resources));
    setContents(doc.context, page.node, content, ownContents(page));
  });
}

/**
 * Puts a page of cpb's own print (a paper's, its stamps left out) on a pack page kept for it,
 * whose own content (the pack's stamps for that page) stays first. Returns nothing: the page's
 * marked content is the pack page's now, for the structure tree to point at.
 */
export function placeOwnPage(target: PDFPage, source: PDFPage, copier: StructCopier): void {
  if (!sameSize(target, source)) {
    const box = visibleBox(source.node);
    throw new Error(`its page is ${box.right - box.left} by ${box.top - box.bottom} points but the pack kept one of ${target.getWidth()} by ${target.getHeight()}`);
  }
  const context = target.node.context;
  const { content, resources } = stampsOf(target.node, (o) => o);
  const sourceResources = source.node.Resources();
  const copied = sourceResources ? (copier.copy(withoutStamps(source.node.context, sourceResources)) as ReturnType<typeof source.node.Resources>) : undefined;
  target.node.set(PDFName.of('Resources'), withStamps(context, copied, resources));
  setContents(context, target.node, content, ownContents(source).map((ref) => copier.copy(ref) as PDFRef));
}

/** The page's content streams, without cpb's stamps if they were laid on it. */
function ownContents(page: PDFPage): PDFRef[] {
  const contents = page.node.Contents();
  const refs = contents === undefined ? [] : 'asArray' in contents ? (contents.asArray() as PDFRef[]) : [page.node.get(PDFName.of('Contents')) as PDFRef];
  const streams = contentStreams(page.node);
  if (streams.length > 0 && refs.length === streams.length && isStampStream(streams[0]!)) return refs.slice(1);
  return refs;
}

function sameSize(a: PDFPage, b: PDFPage): boolean {
  const x = visibleBox(a.node);
  const y = visibleBox(b.node);
  return Math.abs(x.right - x.left - (y.right - y.left)) < 0.5 && Math.abs(x.top - x.bottom - (y.top - y.bottom)) < 0.5;
}
