import { PDFContentStream, PDFName, PDFOperator, PDFOperatorNames as Ops, popGraphicsState, pushGraphicsState, type PDFDocument } from 'pdf-lib';

const ARTIFACT = PDFName.of('Artifact');

/**
 * Lays pages of `stamps` (a print of stamps alone, see stampsHtml) over pages of `doc`, each
 * marked as an artifact: page furniture that screen readers skip and that takes no part in the
 * structure tree. `pairs` gives, for each page of `doc` (0-based) to stamp, the page of `stamps`
 * that holds its stamps. Both documents have the same page size, so each stamp lands where the
 * browser would have printed it.
 */
export async function overlayStamps(doc: PDFDocument, stamps: PDFDocument, pairs: readonly { page: number; stamp: number }[]): Promise<void> {
  const stampPages = stamps.getPages();
  const pages = doc.getPages();
  for (const { page, stamp } of pairs) {
    if (!pages[page] || !stampPages[stamp]) throw new Error(`no page ${page + 1} to stamp, or no stamp ${stamp + 1}`);
  }
  const embedded = await doc.embedPages(pairs.map(({ stamp }) => stampPages[stamp]!));
  pairs.forEach(({ page }, i) => {
    const target = pages[page]!;
    // The page's own content in q … Q, so whatever state it leaves does not move the stamps.
    target.node.wrapContentStreams(
      doc.context.register(PDFContentStream.of(doc.context.obj({}), [pushGraphicsState()])),
      doc.context.register(PDFContentStream.of(doc.context.obj({}), [popGraphicsState()])),
    );
    const name = target.node.newXObject('Stamp', embedded[i]!.ref);
    target.pushOperators(
      PDFOperator.of(Ops.BeginMarkedContent, [ARTIFACT]),
      pushGraphicsState(),
      PDFOperator.of(Ops.DrawObject, [name]),
      popGraphicsState(),
      PDFOperator.of(Ops.EndMarkedContent),
    );
  });
}
