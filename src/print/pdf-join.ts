import { PDFArray, PDFDict, PDFHexString, PDFName, PDFNull, PDFNumber, PDFRef, PDFStream, PDFString, type PDFDocument, type PDFObject } from '../pdf-lib.js';
import { annotRefs, ID, ID_TREE, isStructElem, K, kidsOf, PARENT_TREE, PARENT_TREE_NEXT_KEY, STRUCT_PARENT, STRUCT_PARENTS, STRUCT_TREE_ROOT } from './pdf-struct-nodes.js';
import { appendToNumberTree, nameTreeEntries, newTree, numberTreeEntries, rewriteNameTree } from './pdf-struct-trees.js';

const DESTS = PDFName.of('Dests');

/**
 * Puts the pages of a pack's front sheet, printed on its own, before the pages of the rest of the
 * pack (printed on its own too, its page numbers following on), as if the two had been one print.
 * The front sheet's named destinations join the pack's, but for those of the entries
 * (`entryIds`): the front sheet's links name them ("Report 1" leads to #item2-paper1), and the
 * pack's say where they are. See joinTagged.
 */
export async function prependFrontSheet(pack: PDFDocument, front: PDFDocument, entryIds: ReadonlySet<string>): Promise<void> {
  await joinTagged(pack, front, { before: true, skipDests: entryIds });
}

/**
 * Puts the pages of `part` before (or after) the pages of `pack`, as if the two had been one
 * print. Both are Chromium's tagged prints: the part's structure goes first (or last) under the
 * pack's top element, its pages and links get keys of the pack's parent tree after the pack's
 * own, and its named destinations join the pack's (but for `skipDests`).
 *
 * Throws (and leaves `pack` unusable) if either document is not shaped as Chromium prints them:
 * the caller then prints the pack in one piece.
 */
export async function joinTagged(pack: PDFDocument, part: PDFDocument, options: { before: boolean; skipDests?: ReadonlySet<string> }): Promise<void> {
  const skipDests = options.skipDests ?? new Set<string>();
  const packRoot = structRoot(pack, 'the pack');
  // Only after the pack: a front sheet always has content, and so a structure tree.
  if (!options.before && !part.catalog.has(STRUCT_TREE_ROOT)) return joinUntagged(pack, part, options, skipDests);
  const partRoot = structRoot(part, 'the part');
  const packDocument = documentElement(pack, packRoot, 'the pack');
  const packTop = documentElement(pack, packDocument, 'the pack');
  const partDocument = documentElement(part, partRoot, 'the part');

  const partPages = part.getPages();
  const copied = await pack.copyPages(part, partPages.map((_, i) => i));
  copied.forEach((page, i) => (options.before ? pack.insertPage(i, page) : pack.addPage(page)));

  // The part's refs the copies must name instead: its pages and their links.
  const mapped = new Map<PDFRef, PDFRef>();
  partPages.forEach((page, i) => {
    mapped.set(page.ref, copied[i]!.ref);
    const from = annotRefs(part.context, page.node);
    const to = annotRefs(pack.context, copied[i]!.node);
    if (from.length !== to.length) throw new Error('the part\'s links were not copied one for one');
    from.forEach((ref, j) => mapped.set(ref, to[j]!));
  });

  // The part's document element stands for the pack's top one: the elements under it come
  // under the pack's, and each copied element's /P follows from that.
  const partDocumentRef = soleKid(part, partRoot);
  const packTopRef = soleKid(pack, packDocument);
  if (!partDocumentRef || !packTopRef) throw new Error('a top element is not an indirect object');
  mapped.set(partDocumentRef, packTopRef);
  const copy = (object: PDFObject): PDFObject => {
    if (object instanceof PDFRef) {
      const known = mapped.get(object);
      if (known) return known;
      const target = part.context.lookup(object);
      if (target === undefined) return PDFNull;
      const ref = pack.context.nextRef();
      mapped.set(object, ref);
      pack.context.assign(ref, copy(target));
      return ref;
    }
    if (object instanceof PDFDict) {
      const out = PDFDict.withContext(pack.context);
      for (const [key, value] of object.entries()) out.set(key, copy(value));
      return out;
    }
    if (object instanceof PDFArray) {
      const out = PDFArray.withContext(pack.context);
      for (let i = 0; i < object.size(); i++) out.push(copy(object.get(i)));
      return out;
    }
    if (object instanceof PDFStream) throw new Error('the part\'s structure holds a stream');
    return object.clone(pack.context);
  };
  const added = kidsOf(part.context, partDocument).map((kid) => {
    if (!(kid instanceof PDFRef) || !isStructElem(part.context.lookup(kid))) throw new Error('the part\'s document element holds content directly');
    return copy(kid);
  });
  const own = kidsOf(pack.context, packTop);
  packTop.set(K, pack.context.obj(options.before ? [...added, ...own] : [...own, ...added]) as PDFArray);

  // Parent-tree keys for the copied pages and links, after the pack's own.
  const packTree = packRoot.lookupMaybe(PARENT_TREE, PDFDict);
  if (!packTree) throw new Error('the pack has no parent tree');
  const partEntries = new Map(numberTreeEntries(part.context, partRoot.lookupMaybe(PARENT_TREE, PDFDict)));
  let key = Math.max(
    numberTreeEntries(pack.context, packTree).reduce((max, [k]) => Math.max(max, k + 1), 0),
    packRoot.lookupMaybe(PARENT_TREE_NEXT_KEY, PDFNumber)?.asNumber() ?? 0,
  );
  const entries: [number, PDFObject][] = [];
  const rekey = (from: PDFDict, to: PDFDict, name: PDFName) => {
    const old = from.lookupMaybe(name, PDFNumber)?.asNumber();
    if (old === undefined) return;
    const value = partEntries.get(old);
    if (value === undefined) {
      to.delete(name);
      return;
    }
    to.set(name, PDFNumber.of(key));
    entries.push([key++, remapEntry(value)]);
  };
  const remapEntry = (value: PDFObject): PDFObject => {
    const resolved = value instanceof PDFRef && !isStructElem(part.context.lookup(value)) ? part.context.lookup(value)! : value;
    if (resolved instanceof PDFArray) {
      const out = PDFArray.withContext(pack.context);
      for (let i = 0; i < resolved.size(); i++) out.push(remapElement(resolved.get(i)));
      return pack.context.register(out);
    }
    return remapElement(resolved);
  };
  const remapElement = (value: PDFObject): PDFObject => (value instanceof PDFRef ? mapped.get(value) ?? PDFNull : PDFNull);
  partPages.forEach((page, i) => {
    rekey(page.node, copied[i]!.node, STRUCT_PARENTS);
    const from = annotRefs(part.context, page.node);
    const to = annotRefs(pack.context, copied[i]!.node);
    from.forEach((ref, j) => rekey(part.context.lookup(ref) as PDFDict, pack.context.lookup(to[j]!) as PDFDict, STRUCT_PARENT));
  });
  appendToNumberTree(pack.context, packTree, entries);
  packRoot.set(PARENT_TREE_NEXT_KEY, PDFNumber.of(key));

  // The part's element IDs join the pack's, each kept unless the pack has it already.
  const partIds = nameTreeEntries(part.context, partRoot.lookupMaybe(ID_TREE, PDFDict));
  if (partIds.length) {
    const packIds = packRoot.lookupMaybe(ID_TREE, PDFDict) ?? newTree(pack.context, packRoot, ID_TREE);
    const ids = new Map(nameTreeEntries(pack.context, packIds));
    for (const [id, value] of partIds) {
      const copiedElem = value instanceof PDFRef ? mapped.get(value) : undefined;
      if (!copiedElem) continue;
      let unique = id;
      for (let n = 2; ids.has(unique); n++) unique = `${id}-${n}`;
      if (unique !== id) (pack.context.lookup(copiedElem) as PDFDict).set(ID, PDFHexString.fromText(unique));
      ids.set(unique, copiedElem);
    }
    rewriteNameTree(pack.context, packIds, [...ids].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)));
  }

  joinDests(pack, part, mapped, copy, options.before, skipDests);
}

/**
 * A print with no structure tree (pages with nothing on them, kept for a supplied PDF): its pages
 * and their destinations, where the pack's tree has nothing of them either.
 */
async function joinUntagged(pack: PDFDocument, part: PDFDocument, options: { before: boolean }, skipDests: ReadonlySet<string>): Promise<void> {
  const partPages = part.getPages();
  if (partPages.some((page) => annotRefs(part.context, page.node).length > 0)) throw new Error('the part is not tagged, and has links');
  const copied = await pack.copyPages(part, partPages.map((_, i) => i));
  copied.forEach((page, i) => (options.before ? pack.insertPage(i, page) : pack.addPage(page)));
  const mapped = new Map<PDFRef, PDFRef>(partPages.map((page, i) => [page.ref, copied[i]!.ref]));
  joinDests(pack, part, mapped, (object) => copyDirect(pack, object, mapped), options.before, skipDests);
}

/** A destination array copied into the pack, its page refs mapped. */
function copyDirect(pack: PDFDocument, object: PDFObject, mapped: ReadonlyMap<PDFRef, PDFRef>): PDFObject {
  if (object instanceof PDFRef) return mapped.get(object) ?? PDFNull;
  if (object instanceof PDFArray) {
    const out = PDFArray.withContext(pack.context);
    for (let i = 0; i < object.size(); i++) out.push(copyDirect(pack, object.get(i), mapped));
    return out;
  }
  return object.clone(pack.context);
}

function joinDests(pack: PDFDocument, part: PDFDocument, mapped: ReadonlyMap<PDFRef, PDFRef>, copy: (object: PDFObject) => PDFObject, before: boolean, skipDests: ReadonlySet<string>): void {
  // The part's destinations on its own pages (a front sheet's: its items, the start of the
  // pack's content); not `skipDests` (a front sheet holds the entries' only so that its links to
  // them are kept; the pack's say where they are).
  const partDests = part.catalog.lookupMaybe(DESTS, PDFDict);
  if (partDests) {
    let packDests = pack.catalog.lookupMaybe(DESTS, PDFDict);
    if (!packDests) pack.catalog.set(DESTS, pack.context.register((packDests = PDFDict.withContext(pack.context))));
    for (const [name, value] of partDests.entries()) {
      if (skipDests.has(name.decodeText())) continue;
      const dest = part.context.lookup(value);
      const page = dest instanceof PDFArray ? dest.get(0) : undefined;
      if (!(dest instanceof PDFArray) || !(page instanceof PDFRef) || !mapped.has(page)) continue;
      // Two of one name: before the pack, the part's wins (a front sheet's skip link's target is
      // the start of the pack). After it, the pack's stays, unless one of the part's links leads to it.
      if (packDests.has(name) && !before) {
        if (linkedNames(part).has(name.decodeText())) throw new Error(`both documents have a destination named ${name.decodeText()}`);
        continue;
      }
      packDests.set(name, copy(dest));
    }
  }
}

function structRoot(doc: PDFDocument, what: string): PDFDict {
  const root = doc.catalog.lookupMaybe(STRUCT_TREE_ROOT, PDFDict);
  if (!root) throw new Error(`${what} is not tagged`);
  return root;
}

/** The one element under `node` (Chromium's /Document under the root, and one element under that). */
function documentElement(doc: PDFDocument, node: PDFDict, what: string): PDFDict {
  const kids = kidsOf(doc.context, node);
  const only = kids.length === 1 ? doc.context.lookup(kids[0]!) : undefined;
  if (!isStructElem(only)) throw new Error(`${what}'s structure has no one element where Chromium puts one`);
  return only;
}

function soleKid(doc: PDFDocument, node: PDFDict): PDFRef | undefined {
  const kids = kidsOf(doc.context, node);
  return kids.length === 1 && kids[0] instanceof PDFRef ? kids[0] : undefined;
}

/** The named destinations the document's links lead to. */
function linkedNames(doc: PDFDocument): Set<string> {
  const names = new Set<string>();
  const add = (value: PDFObject | undefined) => {
    const resolved = value instanceof PDFRef ? doc.context.lookup(value) : value;
    if (resolved instanceof PDFString || resolved instanceof PDFHexString || resolved instanceof PDFName) names.add(resolved.decodeText());
  };
  for (const page of doc.getPages()) {
    for (const ref of annotRefs(doc.context, page.node)) {
      const annot = doc.context.lookup(ref);
      if (!(annot instanceof PDFDict)) continue;
      add(annot.get(PDFName.of('Dest')));
      const action = annot.lookupMaybe(PDFName.of('A'), PDFDict);
      if (action) add(action.get(PDFName.of('D')));
    }
  }
  return names;
}
