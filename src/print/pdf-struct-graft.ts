import {
  PDFArray,
  PDFDict,
  PDFHexString,
  PDFName,
  PDFNull,
  PDFNumber,
  PDFRef,
  PDFStream,
  PDFString,
  type PDFContext,
  type PDFDocument,
  type PDFObject,
} from 'pdf-lib';
import type { StructCopier } from './pdf-struct-copier.js';
import {
  appendToNumberTree,
  binaryToPdfString,
  bytesToBinary,
  nameTreeEntries,
  numberTreeEntries,
  rewriteHeaders,
  rewriteNameTree,
} from './pdf-struct-trees.js';

/**
 * Grafting a supplied PDF's structure tree into the pack's (ISO 32000-1 §14.7). The supplied pages
 * have been drawn onto pack pages as form XObjects, so every piece of marked content the supplied
 * tree points at now lives in a form: each reference to it becomes an MCR naming the pack page
 * (/Pg) and the form (/Stm), and each form gets its own /StructParents key with a parent-tree
 * entry mapping its MCIDs back to the grafted elements (§14.7.4.4).
 */

const name = (n: string) => PDFName.of(n);
const K = name('K');
const P = name('P');
const PG = name('Pg');
const S = name('S');
const TYPE = name('Type');
const MCID = name('MCID');
const STM = name('Stm');
const OBJ = name('Obj');
const ID = name('ID');
const A = name('A');
const C = name('C');
const LANG = name('Lang');
const T = name('T');
const ROLE_MAP = name('RoleMap');
const CLASS_MAP = name('ClassMap');
const PARENT_TREE = name('ParentTree');
const PARENT_TREE_NEXT_KEY = name('ParentTreeNextKey');
const ID_TREE = name('IDTree');
const STRUCT_TREE_ROOT = name('StructTreeRoot');
const STRUCT_PARENTS = name('StructParents');
const STRUCT_PARENT = name('StructParent');
/** MCIDs index arrays in the parent tree; a larger one is taken for damage, not content. */
const MAX_MCID = 999_999;

/** Where supplied page i went: the pack page it is drawn on and the form XObject holding its content. */
export interface Placement {
  packPage: PDFRef;
  form: PDFRef;
}

export interface GraftInput {
  pack: PDFDocument;
  supplied: PDFDocument;
  /** Indexed by supplied page. */
  placements: readonly Placement[];
  /** The copier that copied the pages' resources, so refs shared with the tree map to the same copies. */
  copier: StructCopier;
  /** 0-based pack page where the supplied pages start. */
  firstPageIndex: number;
  /** Title for the grafted /Part, e.g. the supplied document's title. */
  title?: string | undefined;
}

export interface GraftResult {
  /** Marked-content references left out because no page could be found for them. */
  unplaced: number;
  /** Annotation references (links, form fields) left out; the annotations themselves are not copied. */
  annotations: number;
}

interface Range {
  min: number;
  max: number;
}

interface Work {
  dict: PDFDict;
  ref: PDFRef;
  parent: PDFRef;
  page: number | undefined;
  role?: string;
}

/**
 * Copies the supplied structure tree into the pack's, as one /Part placed where the supplied pages
 * stand in reading order. Everything is built first; the pack's tree is changed only at the end,
 * so a tree this cannot read leaves the pack's own tree as it was (the caller reports it).
 */
export function graftStructTree(input: GraftInput): GraftResult {
  const { pack, supplied, placements, copier } = input;
  const dest = pack.context;
  const src = supplied.context;
  const result: GraftResult = { unplaced: 0, annotations: 0 };

  const packRootRef = pack.catalog.get(STRUCT_TREE_ROOT);
  const packRoot = dest.lookupMaybe(packRootRef, PDFDict);
  if (!(packRootRef instanceof PDFRef) || !packRoot) throw new Error('the pack has no structure tree to graft into');
  const srcRoot = supplied.catalog.lookupMaybe(STRUCT_TREE_ROOT, PDFDict);
  if (!srcRoot) throw new Error('the supplied PDF has no structure tree');

  const srcRoles = readNameMap(src, srcRoot.lookupMaybe(ROLE_MAP, PDFDict));
  const packRoles = readNameMap(dest, packRoot.lookupMaybe(ROLE_MAP, PDFDict));
  const roleRenames = planRenames(srcRoles, packRoles, (a, b) => a === b);
  // Classes are attribute sets; one the pack already defines is renamed rather than compared.
  const srcClasses = rawEntries(srcRoot.lookupMaybe(CLASS_MAP, PDFDict));
  const classRenames = planRenames(
    new Map(srcClasses.map(([k]) => [k, k])),
    new Map(rawEntries(packRoot.lookupMaybe(CLASS_MAP, PDFDict)).map(([k]) => [k, k])),
    () => false,
  );

  // Supplied pages by ref, and the supplied parent tree as a fallback for content whose element names no page.
  const srcPages = supplied.getPages();
  const srcPageIndex = new Map<PDFRef, number>(srcPages.map((page, i) => [page.ref, i]));
  const fallbackPage = mcidPagesFromParentTree(src, srcRoot, srcPages.map((p) => p.node.get(STRUCT_PARENTS)));

  // Every supplied struct element gets its pack ref now, so copies of refs to it (attributes,
  // nested references) land on the grafted element rather than copying it naively.
  const topKids = kidsOf(src, srcRoot).filter((kid) => isStructElem(src.lookup(kid)));
  const newRefs = new Map<PDFDict, PDFRef>();
  const oldRefs = new Map<PDFDict, PDFRef>();
  const collect = (kid: PDFObject): void => {
    const dict = src.lookup(kid);
    if (!(dict instanceof PDFDict) || !isStructElem(dict) || newRefs.has(dict)) return;
    const ref = dest.nextRef();
    newRefs.set(dict, ref);
    if (kid instanceof PDFRef) {
      copier.map(kid, ref);
      oldRefs.set(dict, kid);
    }
    for (const grandKid of kidsOf(src, dict)) collect(grandKid);
  };
  topKids.forEach(collect);

  // IDs must stay unique in the pack's /IDTree (Chromium numbers them after DOM nodes, so two
  // printed documents reuse the same ones); clashing ones get a suffix and /Headers follow.
  const idTree = packRoot.lookupMaybe(ID_TREE, PDFDict);
  const idEntries = nameTreeEntries(dest, idTree);
  const usedIds = new Set(idEntries.map(([key]) => key));
  const idRenames = new Map<string, string>();
  const newIds: [string, PDFObject][] = [];
  for (const [dict, ref] of newRefs) {
    const id = dict.lookupMaybe(ID, PDFString, PDFHexString);
    if (!id) continue;
    const old = bytesToBinary(id.asBytes());
    let fresh = old;
    for (let n = 2; usedIds.has(fresh); n++) fresh = `${old}-${n}`;
    usedIds.add(fresh);
    if (fresh !== old) idRenames.set(old, fresh);
    newIds.push([fresh, ref]);
  }

  // Where the supplied document goes in the pack's reading order.
  const packPageIndex = new Map<PDFRef, number>(pack.getPages().map((page, i) => [page.ref, i]));
  const at = findInsertion(dest, packRoot, packRootRef, packPageIndex, input.firstPageIndex, (s) => resolveRole(s, packRoles));

  // MCIDs per form (page forms first, in page order, so keys are assigned in reading order).
  const formMcids = new Map<PDFRef, Map<number, PDFRef>>(placements.map((p) => [p.form, new Map()]));
  const objrs: { stream: PDFRef; elem: PDFRef }[] = [];
  const rewritten = new Set<PDFDict>();

  const srcRole = (dict: PDFDict) => resolveRole(dict.lookupMaybe(S, PDFName)?.decodeText() ?? '', srcRoles);
  const queue: Work[] = [];
  let partRef: PDFRef;
  let part: PDFDict | undefined;
  const only = topKids.length === 1 ? src.lookup(topKids[0]) : undefined;
  if (only instanceof PDFDict && srcRole(only) === 'Document') {
    // The supplied document's own root element becomes the Part (a Document inside a Document is not allowed).
    partRef = newRefs.get(only)!;
    queue.push({ dict: only, ref: partRef, parent: at.containerRef, page: undefined, role: 'Part' });
  } else {
    partRef = dest.nextRef();
    part = dest.obj({ Type: 'StructElem', S: 'Part', P: at.containerRef }) as PDFDict;
    const kids = dest.obj([]) as PDFArray;
    for (const kid of topKids) {
      const dict = src.lookup(kid) as PDFDict;
      const ref = newRefs.get(dict)!;
      kids.push(ref);
      queue.push({ dict, ref, parent: partRef, page: undefined });
    }
    part.set(K, kids);
    dest.assign(partRef, part);
  }

  const built = new Set<PDFDict>();
  for (let next = 0; next < queue.length; next++) {
    const work = queue[next]!;
    if (built.has(work.dict)) continue;
    built.add(work.dict);
    const { dict } = work;
    const out = PDFDict.withContext(dest);
    // Content is placed by the nearest /Pg (the MCR's, then the element's); failing that, by the
    // supplied parent tree; failing that, by an ancestor's /Pg.
    const ownPage = pageOf(dict.get(PG), srcPageIndex);
    const page = ownPage ?? work.page;
    const oldRef = oldRefs.get(dict);
    const pageOfMcid = (mcid: number) => ownPage ?? fallbackPage(oldRef, mcid) ?? work.page;
    for (const [key, value] of dict.entries()) {
      if (key === P || key === PG || key === K) continue;
      if (key === S) {
        const s = work.role ?? dict.lookupMaybe(S, PDFName)?.decodeText() ?? 'NonStruct';
        out.set(S, PDFName.of(roleRenames.get(s) ?? s));
      } else if (key === ID) {
        const id = dict.lookupMaybe(ID, PDFString, PDFHexString);
        if (id) {
          const old = bytesToBinary(id.asBytes());
          out.set(ID, binaryToPdfString(idRenames.get(old) ?? old));
        }
      } else if (key === C) {
        out.set(C, renameClasses(dest, copier.copy(value), classRenames));
      } else if (key === A) {
        const copied = copier.copy(value);
        rewriteHeaders(dest, copied, idRenames, rewritten);
        out.set(A, copied);
      } else {
        out.set(key, copier.copy(value));
      }
    }
    if (work.role) out.set(S, PDFName.of(work.role));
    out.set(P, work.parent);
    if (page !== undefined) out.set(PG, placements[page]!.packPage);

    const kids: PDFObject[] = [];
    const addMcr = (pageIndex: number | undefined, mcid: number, stm: PDFObject | undefined) => {
      if (pageIndex === undefined || !Number.isInteger(mcid) || mcid < 0 || mcid > MAX_MCID) {
        result.unplaced++;
        return;
      }
      const placement = placements[pageIndex]!;
      let form = placement.form;
      if (stm instanceof PDFRef) {
        const copied = copier.copyRef(stm);
        if (!(copied instanceof PDFRef)) {
          result.unplaced++;
          return;
        }
        form = copied;
      }
      let mcids = formMcids.get(form);
      if (!mcids) formMcids.set(form, (mcids = new Map()));
      mcids.set(mcid, work.ref);
      kids.push(dest.obj({ Type: 'MCR', Pg: placement.packPage, Stm: form, MCID: mcid }));
    };
    for (const kid of kidsOf(src, dict)) {
      const target = src.lookup(kid);
      if (target instanceof PDFNumber) {
        const mcid = target.asNumber();
        addMcr(pageOfMcid(mcid), mcid, undefined);
      } else if (target instanceof PDFDict) {
        const type = target.lookupMaybe(TYPE, PDFName)?.decodeText();
        if (type === 'MCR' || (!target.has(S) && target.has(MCID))) {
          const mcid = target.lookupMaybe(MCID, PDFNumber)?.asNumber();
          if (mcid === undefined) continue;
          addMcr(pageOf(target.get(PG), srcPageIndex) ?? pageOfMcid(mcid), mcid, target.get(STM));
        } else if (type === 'OBJR') {
          // Only whole XObjects are carried; annotations (links, widgets) on the supplied pages are
          // not copied to the pack, so references to them are left out.
          const obj = target.get(OBJ);
          const objrPage = pageOf(target.get(PG), srcPageIndex) ?? page;
          if (obj instanceof PDFRef && src.lookup(obj) instanceof PDFStream && objrPage !== undefined) {
            const copied = copier.copyRef(obj);
            if (copied instanceof PDFRef) {
              objrs.push({ stream: copied, elem: work.ref });
              kids.push(dest.obj({ Type: 'OBJR', Pg: placements[objrPage]!.packPage, Obj: copied }));
              continue;
            }
          }
          result.annotations++;
        } else if (isStructElem(target)) {
          const ref = newRefs.get(target);
          if (!ref) continue;
          kids.push(ref);
          queue.push({ dict: target, ref, parent: work.ref, page });
        }
      }
    }
    if (kids.length === 1) out.set(K, kids[0]!);
    else if (kids.length > 1) out.set(K, dest.obj(kids));
    dest.assign(work.ref, out);
  }

  const partDict = part ?? dest.lookup(partRef, PDFDict);
  const lang = supplied.catalog.lookupMaybe(LANG, PDFString, PDFHexString);
  if (lang && !partDict.has(LANG)) partDict.set(LANG, lang.clone());
  if (input.title && !partDict.has(T)) partDict.set(T, textString(input.title));

  // Parent-tree entries: for each form, an array from MCID to element (§14.7.4.4); for each
  // XObject referenced whole, the element. Keys continue after the pack's own.
  const packParentTree = packRoot.lookupMaybe(PARENT_TREE, PDFDict);
  let key = Math.max(
    numberTreeEntries(dest, packParentTree).reduce((max, [k]) => Math.max(max, k + 1), 0),
    packRoot.lookupMaybe(PARENT_TREE_NEXT_KEY, PDFNumber)?.asNumber() ?? 0,
  );
  const entries: [number, PDFObject][] = [];
  const keyed: [PDFRef, PDFName, number][] = [];
  for (const [form, mcids] of formMcids) {
    if (mcids.size === 0) continue;
    const size = [...mcids.keys()].reduce((max, mcid) => Math.max(max, mcid + 1), 0);
    const array = dest.obj([]) as PDFArray;
    for (let mcid = 0; mcid < size; mcid++) array.push(mcids.get(mcid) ?? PDFNull);
    keyed.push([form, STRUCT_PARENTS, key]);
    entries.push([key++, dest.register(array)]);
  }
  for (const { stream, elem } of objrs) {
    keyed.push([stream, STRUCT_PARENT, key]);
    entries.push([key++, elem]);
  }

  // Commit: from here on the pack's own tree changes.
  for (const [stream, keyName, k] of keyed) dest.lookup(stream, PDFStream).dict.set(keyName, PDFNumber.of(k));
  let parentTree = packParentTree;
  if (!parentTree) {
    parentTree = dest.obj({}) as PDFDict;
    packRoot.set(PARENT_TREE, dest.register(parentTree));
  }
  let kids = dest.lookupMaybe(at.container.get(K), PDFArray);
  if (!kids) {
    const current = at.container.get(K);
    kids = dest.obj(current ? [current] : []) as PDFArray;
    at.container.set(K, kids);
  }
  kids.insert(at.index, partRef);
  appendToNumberTree(dest, parentTree, entries);
  packRoot.set(PARENT_TREE_NEXT_KEY, PDFNumber.of(key));
  if (newIds.length > 0) {
    let tree = idTree;
    if (!tree) {
      tree = dest.obj({}) as PDFDict;
      packRoot.set(ID_TREE, dest.register(tree));
    }
    rewriteNameTree(dest, tree, [...idEntries, ...newIds]);
  }
  mergeInto(dest, packRoot, ROLE_MAP, [...srcRoles].map(([role, target]) => [
    roleRenames.get(role) ?? role,
    PDFName.of(roleRenames.get(target) ?? target),
  ]));
  mergeInto(dest, packRoot, CLASS_MAP, srcClasses.map(([cls, value]) => [classRenames.get(cls) ?? cls, copier.copy(value)]));
  return result;
}

/**
 * Finds, from the supplied parent tree, the page on which an element's MCID lies, for elements
 * that name no /Pg. Entry k of the parent tree belongs to the page whose /StructParents is k.
 */
function mcidPagesFromParentTree(
  src: PDFContext,
  srcRoot: PDFDict,
  pageKeys: (PDFObject | undefined)[],
): (elem: PDFRef | undefined, mcid: number) => number | undefined {
  let table: Map<string, number> | undefined;
  return (elem, mcid) => {
    if (!elem) return undefined;
    if (!table) {
      table = new Map();
      const tree = new Map(numberTreeEntries(src, srcRoot.lookupMaybe(PARENT_TREE, PDFDict)));
      pageKeys.forEach((keyObj, page) => {
        const key = src.lookupMaybe(keyObj, PDFNumber)?.asNumber();
        const array = key === undefined ? undefined : src.lookupMaybe(tree.get(key), PDFArray);
        if (!array) return;
        for (let i = 0; i < array.size(); i++) {
          const ref = array.get(i);
          if (ref instanceof PDFRef) table!.set(`${ref.tag}#${i}`, page);
        }
      });
    }
    return table.get(`${elem.tag}#${mcid}`);
  };
}

/** A text string: a literal for printable ASCII (which every reader shows as is), else UTF-16. */
function textString(text: string): PDFString | PDFHexString {
  return /^[\x20-\x7e]*$/.test(text) ? PDFString.of(text.replace(/[\\()]/g, '\\$&')) : PDFHexString.fromText(text);
}

/** The kids of a structure node (/K may be one kid, an array, or a ref to an array). */
function kidsOf(context: PDFContext, node: PDFDict): PDFObject[] {
  const k = node.get(K);
  if (k === undefined) return [];
  const resolved = context.lookup(k);
  if (resolved instanceof PDFArray) return resolved.asArray();
  return [k];
}

function isStructElem(object: PDFObject | undefined): object is PDFDict {
  if (!(object instanceof PDFDict)) return false;
  const type = object.lookupMaybe(TYPE, PDFName)?.decodeText();
  return type !== 'MCR' && type !== 'OBJR' && object.lookupMaybe(S, PDFName) !== undefined;
}

function pageOf(pg: PDFObject | undefined, pages: Map<PDFRef, number>): number | undefined {
  return pg instanceof PDFRef ? pages.get(pg) : undefined;
}

function readNameMap(context: PDFContext, dict: PDFDict | undefined): Map<string, string> {
  const map = new Map<string, string>();
  for (const [key, value] of rawEntries(dict)) {
    const target = context.lookup(value);
    if (target instanceof PDFName) map.set(key, target.decodeText());
  }
  return map;
}

function rawEntries(dict: PDFDict | undefined): [string, PDFObject][] {
  return dict ? dict.entries().map(([key, value]) => [key.decodeText(), value]) : [];
}

function resolveRole(role: string, roles: Map<string, string>): string {
  let current = role;
  for (let i = 0; i < 10; i++) {
    const next = roles.get(current);
    if (next === undefined || next === current) break;
    current = next;
  }
  return current;
}

/**
 * Names of the supplied map that the pack already uses for something else get a fresh name
 * (`Name_2`); `same` says whether the two mean the same so no rename is needed.
 */
function planRenames(
  srcMap: Map<string, string>,
  packMap: Map<string, string>,
  same: (srcValue: string, packValue: string) => boolean,
): Map<string, string> {
  const renames = new Map<string, string>();
  for (const [key, value] of srcMap) {
    const packValue = packMap.get(key);
    if (packValue === undefined || same(value, packValue)) continue;
    let fresh = key;
    for (let n = 2; packMap.has(fresh) || srcMap.has(fresh) || [...renames.values()].includes(fresh); n++) fresh = `${key}_${n}`;
    renames.set(key, fresh);
  }
  return renames;
}

function mergeInto(context: PDFContext, root: PDFDict, key: PDFName, entries: [string, PDFObject][]): void {
  if (entries.length === 0) return;
  let dict = root.lookupMaybe(key, PDFDict);
  if (!dict) {
    dict = context.obj({}) as PDFDict;
    root.set(key, dict);
  }
  for (const [k, value] of entries) if (!dict.has(PDFName.of(k))) dict.set(PDFName.of(k), value);
}

/** /C is a class name or an array of names (with revision numbers). */
function renameClasses(context: PDFContext, value: PDFObject, renames: Map<string, string>): PDFObject {
  const rename = (item: PDFObject): PDFObject =>
    item instanceof PDFName ? PDFName.of(renames.get(item.decodeText()) ?? item.decodeText()) : item;
  const resolved = context.lookup(value);
  if (resolved instanceof PDFArray) return context.obj(resolved.asArray().map(rename));
  return rename(resolved ?? value);
}


interface Insertion {
  container: PDFDict;
  containerRef: PDFRef;
  index: number;
}

/**
 * The place in the pack's tree for content on pack pages from `first` on: after the last kid whose
 * content starts on an earlier page. Starting from the root (or its single Document element), it
 * descends into that kid when the kid's content also reaches `first` or later pages (a wrapper such
 * as <main> or one section per item), so the supplied document lands between the right siblings.
 */
function findInsertion(
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
