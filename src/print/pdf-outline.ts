import { PDFArray, PDFDict, PDFHexString, PDFName, PDFNull, PDFNumber, type PDFDocument, type PDFRef } from '../pdf-lib.js';

import type { Bookmark } from '../model/pack-plan.js';

/** Replaces the document's outline with these bookmarks; top-level entries are shown open. */
export function setOutline(doc: PDFDocument, bookmarks: readonly Bookmark[]): void {
  const context = doc.context;
  const pages = doc.getPages();
  const rootRef = context.nextRef();

  const build = (items: readonly Bookmark[], parentRef: PDFRef): { first?: PDFRef; last?: PDFRef; count: number } => {
    const refs = items.map(() => context.nextRef());
    let count = 0;
    items.forEach((item, i) => {
      const page = pages[Math.min(Math.max(item.page, 1), pages.length) - 1]!;
      const dict = context.obj({}) as PDFDict;
      dict.set(PDFName.of('Title'), PDFHexString.fromText(item.title));
      dict.set(PDFName.of('Parent'), parentRef);
      dict.set(PDFName.of('Dest'), context.obj([page.ref, PDFName.of('XYZ'), PDFNull, PDFNull, PDFNull]) as PDFArray);
      if (i > 0) dict.set(PDFName.of('Prev'), refs[i - 1]!);
      if (i < items.length - 1) dict.set(PDFName.of('Next'), refs[i + 1]!);
      const children = build(item.children ?? [], refs[i]!);
      if (children.first && children.last) {
        dict.set(PDFName.of('First'), children.first);
        dict.set(PDFName.of('Last'), children.last);
        // Negative: nested entries start closed, so the reader sees one line per item.
        dict.set(PDFName.of('Count'), PDFNumber.of(-children.count));
      }
      context.assign(refs[i]!, dict);
      count += 1;
    });
    return { ...(refs[0] ? { first: refs[0] } : {}), ...(refs.at(-1) ? { last: refs.at(-1)! } : {}), count };
  };

  const top = build(bookmarks, rootRef);
  const root = context.obj({ Type: 'Outlines' }) as PDFDict;
  if (top.first && top.last) {
    root.set(PDFName.of('First'), top.first);
    root.set(PDFName.of('Last'), top.last);
    root.set(PDFName.of('Count'), PDFNumber.of(top.count));
  }
  context.assign(rootRef, root);
  doc.catalog.set(PDFName.of('Outlines'), rootRef);
  doc.catalog.set(PDFName.of('PageMode'), PDFName.of('UseOutlines'));
}
