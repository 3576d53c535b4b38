import {
  decodePDFRawStream,
  PDFArray,
  PDFContentStream,
  PDFDict,
  PDFName,
  PDFOperator,
  PDFOperatorNames as Ops,
  PDFRawStream,
  PDFRef,
  popGraphicsState,
  pushGraphicsState,
  type PDFDocument,
  type PDFPage,
} from 'pdf-lib';

const ARTIFACT = PDFName.of('Artifact');

/**
 * Lays pages of `stamps` (a print of stamps alone, see stampsHtml) over pages of `doc`, each
 * marked as an artifact: page furniture that screen readers skip and that takes no part in the
 * structure tree. `pairs` gives, for each page of `doc` (0-based) to stamp, the page of `stamps`
 * that holds its stamps. Both documents have the same page size, so each stamp lands where the
 * browser would have printed it.
 *
 * Each stamp page becomes a form XObject holding its content as the browser compressed it, and
 * the few operators added to each page are left uncompressed: compressing hundreds of tiny
 * streams one by one cost more than the rest of the work.
 */
export async function overlayStamps(doc: PDFDocument, stamps: PDFDocument, pairs: readonly { page: number; stamp: number }[]): Promise<void> {
  const pages = doc.getPages();
  for (const { page, stamp } of pairs) {
    if (!pages[page] || stamp < 0 || stamp >= stamps.getPageCount()) throw new Error(`no page ${page + 1} to stamp, or no stamp ${stamp + 1}`);
  }
  const wanted = [...new Set(pairs.map((p) => p.stamp))];
  // One copy for all: the stamps' fonts are copied once.
  const copied = await doc.copyPages(stamps, wanted);
  const forms = new Map(wanted.map((stamp, i) => [stamp, formOf(doc, copied[i]!)]));
  const open = doc.context.register(PDFContentStream.of(doc.context.obj({}), [pushGraphicsState()], false));
  for (const { page, stamp } of pairs) {
    const target = pages[page]!;
    const name = target.node.newXObject('Stamp', forms.get(stamp)!);
    // The page's own content in q … Q, so whatever state it leaves does not move the stamp.
    const close = PDFContentStream.of(
      doc.context.obj({}),
      [
        popGraphicsState(),
        PDFOperator.of(Ops.BeginMarkedContent, [ARTIFACT]),
        pushGraphicsState(),
        PDFOperator.of(Ops.DrawObject, [name]),
        popGraphicsState(),
        PDFOperator.of(Ops.EndMarkedContent),
      ],
      false,
    );
    target.node.wrapContentStreams(open, doc.context.register(close));
  }
}

/** A copied page (not in the page tree) turned into a form XObject of its content; the page is dropped. */
function formOf(doc: PDFDocument, page: PDFPage): PDFRef {
  const context = doc.context;
  const contents = page.node.get(PDFName.of('Contents'));
  const refs = contents instanceof PDFRef ? [contents] : contents instanceof PDFArray ? contents.asArray().filter((r): r is PDFRef => r instanceof PDFRef) : [];
  const streams = refs.map((ref) => context.lookup(ref));
  const only = streams.length === 1 && streams[0] instanceof PDFRawStream ? streams[0] : undefined;
  // One stream: its content as it is, compressed or not, with its filter. Several: decoded and joined.
  const dict = only ? only.dict.clone(context) : PDFDict.withContext(context);
  const bytes = only ? only.contents : joined(streams.map((s) => (s instanceof PDFRawStream ? decodePDFRawStream(s).decode() : new Uint8Array())));
  const box = page.getMediaBox();
  dict.set(PDFName.of('Type'), PDFName.of('XObject'));
  dict.set(PDFName.of('Subtype'), PDFName.of('Form'));
  dict.set(PDFName.of('BBox'), context.obj([box.x, box.y, box.x + box.width, box.y + box.height]));
  dict.set(PDFName.of('Resources'), page.node.get(PDFName.of('Resources')) ?? context.obj({}));
  const group = page.node.get(PDFName.of('Group'));
  if (group) dict.set(PDFName.of('Group'), group);
  refs.forEach((ref) => context.delete(ref));
  context.delete(page.ref);
  return context.register(PDFRawStream.of(dict, bytes));
}

function joined(parts: Uint8Array[]): Uint8Array {
  const out = new Uint8Array(parts.reduce((n, p) => n + p.length + 1, 0));
  let at = 0;
  for (const part of parts) {
    out.set(part, at);
    out[at + part.length] = 0x0a;
    at += part.length + 1;
  }
  return out;
}
