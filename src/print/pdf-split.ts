import { PDFArray, PDFDict, PDFDocument, PDFHexString, PDFName, PDFNull, PDFNumber, PDFRef, PDFString, type PDFObject } from 'pdf-lib';
import type { Bookmark } from '../model/pack-plan.js';
import { setOutline } from './pdf-outline.js';
import { StructCopier } from './pdf-struct-copier.js';
import { annotRefs, CLASS_MAP, ID_TREE, isStructElem, K, kidsOf, MCID, OBJ, P, PARENT_TREE, PARENT_TREE_NEXT_KEY, PG, ROLE_MAP, STRUCT_PARENT, STRUCT_PARENTS, STRUCT_TREE_ROOT, TYPE } from './pdf-struct-nodes.js';
import { appendToNumberTree, nameTreeEntries, newTree, numberTreeEntries, rewriteNameTree } from './pdf-struct-trees.js';

const DESTS = PDFName.of('Dests');
/** isStructElem, without narrowing what it is asked about. */
const isElement = (object: PDFObject): boolean => isStructElem(object);

/**
 * A run of pages of a tagged print as a tagged document of its own, as if those pages had been
 * printed alone: the pages, the part of the structure tree that marks their content (each element
 * with content on them, and the elements above it), the parent tree keyed afresh, the named
 * destinations on them, and the outline entries that lead to them. A paper is one such run of
 * the print of all of a meeting's papers, each paper starting on a page of its own.
 *
 * `first` and `last` are 0-based page indexes, inclusive. Throws if the print is not tagged.
 */
export async function splitPages(source: PDFDocument, first: number, last: number): Promise<PDFDocument> {
  const sourcePages = source.getPages().slice(first, last + 1);
  if (sourcePages.length === 0 || first < 0) throw new Error(`no pages ${first + 1} to ${last + 1} to split off`);
  const root = source.catalog.lookupMaybe(STRUCT_TREE_ROOT, PDFDict);
  if (!root) throw new Error('the print is not tagged');
  const out = await PDFDocument.create({ updateMetadata: false });
  const copied = await out.copyPages(source, sourcePages.map((_, i) => first + i));
  copied.forEach((page) => out.addPage(page));

  // Refs of the source's pages and links on the run, and what they became.
  const mapped = new Map<PDFRef, PDFRef>();
  const annots: { from: PDFDict; to: PDFDict }[] = [];
  sourcePages.forEach((page, i) => {
    mapped.set(page.ref, copied[i]!.ref);
    const from = annotRefs(source.context, page.node);
    const to = annotRefs(out.context, copied[i]!.node);
    if (from.length !== to.length) throw new Error('the links of a page were not copied one for one');
    from.forEach((ref, j) => {
      mapped.set(ref, to[j]!);
      annots.push({ from: source.context.lookup(ref) as PDFDict, to: out.context.lookup(to[j]!) as PDFDict });
    });
  });

  // The elements that mark content on the run, as the parent tree says, and every one above them.
  const parentTree = new Map(numberTreeEntries(source.context, root.lookupMaybe(PARENT_TREE, PDFDict)));
  const kept = new Set<PDFRef>();
  const keep = (ref: PDFObject | undefined) => {
    for (let at = ref; at instanceof PDFRef && !kept.has(at); ) {
      const elem = source.context.lookup(at);
      if (!isStructElem(elem)) return;
      kept.add(at);
      at = elem.get(P);
    }
  };
  const entryOf = (dict: PDFDict, key: PDFName) => {
    const n = dict.lookupMaybe(key, PDFNumber)?.asNumber();
    return n === undefined ? undefined : parentTree.get(n);
  };
  for (const page of sourcePages) {
    const entry = entryOf(page.node, STRUCT_PARENTS);
    const elems = entry === undefined ? undefined : source.context.lookup(entry);
    if (elems instanceof PDFArray) elems.asArray().forEach(keep);
  }
  for (const { from } of annots) keep(entryOf(from, STRUCT_PARENT));

  // Copies of the kept elements (reserved first, so parents and kids can name each other), under
  // a new root.
  const newRoot = out.context.obj({ Type: 'StructTreeRoot' }) as PDFDict;
  const newRootRef = out.context.register(newRoot);
  for (const ref of kept) mapped.set(ref, out.context.nextRef());
  const onRun = (pg: PDFObject | undefined) => pg instanceof PDFRef && sourcePages.some((p) => p.ref === pg);
  // Everything else an element names (attributes, say) is copied; other pages, elements and
  // links become null.
  const copier = new StructCopier(source.context, out.context);
  for (const [from, to] of mapped) copier.map(from, to);
  const copy = (object: PDFObject): PDFObject => copier.copy(object);
  for (const ref of kept) {
    const elem = source.context.lookup(ref) as PDFDict;
    const pg = elem.get(PG);
    const dict = PDFDict.withContext(out.context);
    for (const [key, value] of elem.entries()) {
      if (key === K || key === PG || key === P) continue;
      dict.set(key, copy(value));
    }
    const parent = elem.get(P);
    dict.set(P, parent instanceof PDFRef && kept.has(parent) ? mapped.get(parent)! : newRootRef);
    if (onRun(pg)) dict.set(PG, mapped.get(pg as PDFRef)!);
    const kids = kidsOf(source.context, elem).flatMap((kid): PDFObject[] => {
      if (kid instanceof PDFNumber) return onRun(pg) ? [kid] : [];
      if (kid instanceof PDFRef && kept.has(kid)) return [mapped.get(kid)!];
      const marked = kid instanceof PDFRef ? source.context.lookup(kid) : kid;
      // (An element's ref not kept: its content is on other pages.)
      if (!(marked instanceof PDFDict) || isElement(marked)) return [];
      const type = marked.lookupMaybe(TYPE, PDFName)?.decodeText();
      const page = marked.get(PG) ?? pg;
      if (type === 'MCR' && onRun(page) && marked.get(MCID) !== undefined && !marked.has(PDFName.of('Stm'))) {
        return [out.context.obj({ Type: 'MCR', Pg: mapped.get(page as PDFRef)!, MCID: marked.get(MCID)! })];
      }
      const annot = marked.get(OBJ);
      if (type === 'OBJR' && annot instanceof PDFRef && mapped.has(annot)) {
        return [out.context.obj({ Type: 'OBJR', Obj: mapped.get(annot)!, ...(onRun(page) ? { Pg: mapped.get(page as PDFRef)! } : {}) })];
      }
      return [];
    });
    if (kids.length) dict.set(K, kids.length === 1 ? kids[0]! : out.context.obj(kids));
    out.context.assign(mapped.get(ref)!, dict);
  }

  // The new tree's root, its parent tree (each page, then each link, keyed from 0), IDs and maps.
  const top = kidsOf(source.context, root).filter((kid): kid is PDFRef => kid instanceof PDFRef && kept.has(kid));
  newRoot.set(K, out.context.obj(top.map((ref) => mapped.get(ref)!)));
  const tree = newTree(out.context, newRoot, PARENT_TREE);
  const entries: [number, PDFObject][] = [];
  let key = 0;
  sourcePages.forEach((page, i) => {
    const entry = entryOf(page.node, STRUCT_PARENTS);
    const elems = entry === undefined ? undefined : source.context.lookup(entry);
    if (!(elems instanceof PDFArray)) {
      copied[i]!.node.delete(STRUCT_PARENTS);
      return;
    }
    const row = elems.asArray().map((e) => (e instanceof PDFRef && kept.has(e) ? mapped.get(e)! : PDFNull));
    copied[i]!.node.set(STRUCT_PARENTS, PDFNumber.of(key));
    entries.push([key++, out.context.register(out.context.obj(row))]);
  });
  for (const { from, to } of annots) {
    const elem = entryOf(from, STRUCT_PARENT);
    if (elem instanceof PDFRef && kept.has(elem)) {
      to.set(STRUCT_PARENT, PDFNumber.of(key));
      entries.push([key++, mapped.get(elem)!]);
    } else to.delete(STRUCT_PARENT);
  }
  appendToNumberTree(out.context, tree, entries);
  newRoot.set(PARENT_TREE_NEXT_KEY, PDFNumber.of(key));
  for (const name of [ROLE_MAP, CLASS_MAP]) {
    const value = root.get(name);
    if (value !== undefined) newRoot.set(name, copy(value));
  }
  const ids = nameTreeEntries(source.context, root.lookupMaybe(ID_TREE, PDFDict)).filter(([, v]) => v instanceof PDFRef && kept.has(v));
  if (ids.length) rewriteNameTree(out.context, newTree(out.context, newRoot, ID_TREE), ids.map(([id, v]) => [id, mapped.get(v as PDFRef)!]));
  out.catalog.set(STRUCT_TREE_ROOT, newRootRef);
  out.catalog.set(PDFName.of('MarkInfo'), out.context.obj({ Marked: true }));

  // Named destinations on the run; the outline's entries that lead to it.
  const dests = source.catalog.lookupMaybe(DESTS, PDFDict);
  if (dests) {
    const onPages = PDFDict.withContext(out.context);
    for (const [name, value] of dests.entries()) {
      const dest = source.context.lookup(value);
      const page = dest instanceof PDFArray ? dest.get(0) : undefined;
      if (dest instanceof PDFArray && onRun(page)) onPages.set(name, copy(dest));
    }
    if (onPages.keys().length) out.catalog.set(DESTS, out.context.register(onPages));
  }
  const pageIndex = new Map(sourcePages.map((p, i) => [p.ref, i + 1]));
  const outline = outlineOf(source, pageIndex);
  if (outline.length) setOutline(out, outline);
  return out;
}

/** The source's outline, kept to the entries whose destination is a page of `pages` (1-based there). */
function outlineOf(source: PDFDocument, pages: Map<PDFRef, number>): Bookmark[] {
  const outlines = source.catalog.lookupMaybe(PDFName.of('Outlines'), PDFDict);
  const walk = (first: PDFObject | undefined, depth: number): Bookmark[] => {
    const items: Bookmark[] = [];
    for (let at = first, n = 0; at instanceof PDFRef && n < 10_000 && depth < 20; n++) {
      const item = source.context.lookup(at);
      if (!(item instanceof PDFDict)) break;
      const children = walk(item.get(PDFName.of('First')), depth + 1);
      const dest = source.context.lookup(item.get(PDFName.of('Dest')));
      const page = dest instanceof PDFArray ? dest.get(0) : undefined;
      const number = page instanceof PDFRef ? pages.get(page) : undefined;
      const title = source.context.lookup(item.get(PDFName.of('Title')));
      const text = title instanceof PDFString || title instanceof PDFHexString ? title.decodeText() : '';
      if (number !== undefined) items.push({ title: text, page: number, ...(children.length ? { children } : {}) });
      else items.push(...children);
      at = item.get(PDFName.of('Next'));
    }
    return items;
  };
  return outlines ? walk(outlines.get(PDFName.of('First')), 0) : [];
}
