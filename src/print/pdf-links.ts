import { PDFArray, PDFDict, PDFName, PDFNumber, PDFString, PDFHexString, type PDFPage, type PDFRef } from 'pdf-lib';
import type { StructCopier } from './pdf-struct-copier.js';

const ANNOTS = PDFName.of('Annots');

/**
 * The web links on cpb's own pages, made again on the pack pages those pages are drawn onto at
 * their own size (so each rectangle stays where it was): a link annotation with its address and
 * rectangle, nothing else. Links within the paper (to its own headings or notes) point into the
 * paper's own document and are left out; the pack's bookmarks and front sheet lead there.
 * Returns each carried annotation's new ref by its old one, so the structure tree's /Link
 * elements can keep pointing at theirs.
 */
export function carryLinks(from: readonly PDFPage[], onto: readonly PDFPage[], copier: StructCopier): Map<PDFRef, PDFRef> {
  const carried = new Map<PDFRef, PDFRef>();
  from.forEach((page, i) => {
    const target = onto[i]!;
    const annots = page.node.lookupMaybe(ANNOTS, PDFArray);
    for (let a = 0; annots && a < annots.size(); a++) {
      const ref = annots.get(a) as PDFRef;
      const annot = page.node.context.lookupMaybe(ref, PDFDict);
      const uri = webAddress(annot);
      const rect = annot?.lookupMaybe(PDFName.of('Rect'), PDFArray);
      if (!annot || uri === undefined || !rect || rect.size() !== 4) continue;
      const numbers = [0, 1, 2, 3].map((k) => rect.lookupMaybe(k, PDFNumber)?.asNumber() ?? 0);
      const context = target.node.context;
      const link = context.register(
        context.obj({
          Type: 'Annot',
          Subtype: 'Link',
          Rect: numbers,
          Border: [0, 0, 0],
          A: { S: 'URI', URI: PDFString.of(uri) },
          P: target.ref,
        }),
      );
      let list = target.node.lookupMaybe(ANNOTS, PDFArray);
      if (!list) target.node.set(ANNOTS, (list = context.obj([])));
      list.push(link);
      copier.map(ref, link);
      carried.set(ref, link);
    }
  });
  return carried;
}

/** The address of a link annotation that opens a web page or an email, if it is one. */
function webAddress(annot: PDFDict | undefined): string | undefined {
  if (annot?.lookupMaybe(PDFName.of('Subtype'), PDFName)?.decodeText() !== 'Link') return undefined;
  const action = annot.lookupMaybe(PDFName.of('A'), PDFDict);
  if (action?.lookupMaybe(PDFName.of('S'), PDFName)?.decodeText() !== 'URI') return undefined;
  const uri = action.lookupMaybe(PDFName.of('URI'), PDFString, PDFHexString)?.decodeText();
  return uri && /^(https?:|mailto:)/i.test(uri) ? uri : undefined;
}
