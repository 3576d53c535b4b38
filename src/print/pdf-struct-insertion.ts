import { PDFDict, PDFName, PDFNumber, PDFRef, type PDFContext, type PDFObject } from '../pdf-lib.js';
import { isStructElem, kidsOf, PG, pageOf, S } from './pdf-struct-nodes.js';

/** Where the grafted document goes in the pack's reading order: a container and an index among its kids. */
export interface Insertion {
  container: PDFDict;
  containerRef: PDFRef;
  index: number;
}

interface Range {
  min: number;
  max: number;
}

/**
 * The place in the pack's tree for content on pack pages from `first` on: after the last kid whose
 * content starts on an earlier page. Starting from the root (or its single Document element), it
 * descends into that kid when the kid's content also reaches `first` or later pages (a wrapper such
 * as <main> or one section per item), so the supplied document lands between the right siblings.
 */
export function findInsertion(
  context: PDFContext,
  root: PDFDict,
  rootRef: PDFRef,
  pages: Map<PDFRef, number>,
  first: number,
  role: (s: string) => string,
): Insertion {
  let container = root;
  let containerRef = rootRef;
  let inherited: number | undefined;
  const rootKids = kidsOf(context, root);
  const only = rootKids.length === 1 ? rootKids[0] : undefined;
  const onlyDict = only === undefined ? undefined : context.lookup(only);
  if (only instanceof PDFRef && isStructElem(onlyDict) && role(onlyDict.lookup(S, PDFName).decodeText()) === 'Document') {
    container = onlyDict;
    containerRef = only;
    inherited = pageOf(onlyDict.get(PG), pages);
  }
  for (let depth = 0; depth < 100; depth++) {
    const kids = kidsOf(context, container);
    let last = -1;
    let lastRange: Range | undefined;
    kids.forEach((kid, i) => {
      const range = contentRange(context, kid, inherited, pages, new Set());
      if (range && range.min < first) {
        last = i;
        lastRange = range;
      }
    });
    const kid = last >= 0 ? kids[last] : undefined;
    const kidDict = kid === undefined ? undefined : context.lookup(kid);
    if (
      kid instanceof PDFRef &&
      lastRange &&
      lastRange.max >= first &&
      isStructElem(kidDict) &&
      kidsOf(context, kidDict).some((k) => isStructElem(context.lookup(k)))
    ) {
      container = kidDict;
      containerRef = kid;
      inherited = pageOf(kidDict.get(PG), pages) ?? inherited;
      continue;
    }
    return { container, containerRef, index: last + 1 };
  }
  return { container, containerRef, index: kidsOf(context, container).length };
}

/** The first and last pack page holding content of a structure node, if any. */
function contentRange(
  context: PDFContext,
  node: PDFObject,
  inherited: number | undefined,
  pages: Map<PDFRef, number>,
  seen: Set<PDFDict>,
): Range | undefined {
  const target = context.lookup(node);
  if (target instanceof PDFNumber) return inherited === undefined ? undefined : { min: inherited, max: inherited };
  if (!(target instanceof PDFDict) || seen.has(target)) return undefined;
  seen.add(target);
  const page = pageOf(target.get(PG), pages) ?? inherited;
  if (!isStructElem(target)) return page === undefined ? undefined : { min: page, max: page };
  let range: Range | undefined;
  for (const kid of kidsOf(context, target)) {
    const r = contentRange(context, kid, page, pages, seen);
    if (r) range = range ? { min: Math.min(range.min, r.min), max: Math.max(range.max, r.max) } : r;
  }
  return range;
}
