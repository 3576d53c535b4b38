import { PDFArray, PDFDict, PDFHexString, PDFName, PDFNumber, PDFRef, PDFStream, PDFString, type PDFContext, type PDFObject } from '../pdf-lib.js';
import type { StructCopier } from './pdf-struct-copier.js';
import {
  A,
  C,
  ID,
  isStructElem,
  K,
  kidsOf,
  MCID,
  OBJ,
  P,
  PARENT_TREE,
  PG,
  pageOf,
  resolveRole,
  S,
  STM,
  TYPE,
} from './pdf-struct-nodes.js';
import { renameClasses } from './pdf-struct-renames.js';
import { binaryToPdfString, bytesToBinary, numberTreeEntries, rewriteHeaders } from './pdf-struct-trees.js';

/**
 * The grafting phases that copy the supplied structure elements: reserving each one's pack ref,
 * opening the /Part they go under, and copying them with their marked content re-pointed at the
 * forms the supplied pages were drawn into.
 */

/** MCIDs index arrays in the parent tree; a larger one is taken for damage, not content. */
const MAX_MCID = 999_999;

/** Where supplied page i went: the pack page it is drawn on and the form XObject holding its content. */
export interface Placement {
  packPage: PDFRef;
  form: PDFRef;
}

export interface ReservedRefs {
  /** The supplied root's element kids. */
  topKids: PDFObject[];
  /** Every supplied element → its ref in the pack. */
  newRefs: Map<PDFDict, PDFRef>;
  /** Every supplied element that was indirect → its ref in the supplied PDF. */
  oldRefs: Map<PDFDict, PDFRef>;
}

/**
 * Every supplied struct element gets its pack ref now, so copies of refs to it (attributes,
 * nested references) land on the grafted element rather than copying it naively.
 */
export function reserveElementRefs(src: PDFContext, srcRoot: PDFDict, dest: PDFContext, copier: StructCopier): ReservedRefs {
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
  return { topKids, newRefs, oldRefs };
}

/** One supplied element waiting to be copied, with where it goes. */
export interface Work {
  dict: PDFDict;
  ref: PDFRef;
  parent: PDFRef;
  /** The supplied page an ancestor names, for content that names none. */
  page: number | undefined;
  role?: string;
}

export interface OpenedPart {
  partRef: PDFRef;
  /** The new /Part element, when one was made (not when the supplied root element became it). */
  part: PDFDict | undefined;
  /** The elements to copy, starting with the Part's kids. */
  queue: Work[];
}

/**
 * The /Part the supplied document goes under, at `containerRef`: its own single Document element
 * renamed (a Document inside a Document is not allowed), or a new Part holding its top elements.
 */
export function openPart(
  src: PDFContext,
  dest: PDFContext,
  reserved: ReservedRefs,
  srcRoles: Map<string, string>,
  containerRef: PDFRef,
): OpenedPart {
  const { topKids, newRefs } = reserved;
  const srcRole = (dict: PDFDict) => resolveRole(dict.lookupMaybe(S, PDFName)?.decodeText() ?? '', srcRoles);
  const only = topKids.length === 1 ? src.lookup(topKids[0]) : undefined;
  if (only instanceof PDFDict && srcRole(only) === 'Document') {
    const partRef = newRefs.get(only)!;
    return { partRef, part: undefined, queue: [{ dict: only, ref: partRef, parent: containerRef, page: undefined, role: 'Part' }] };
  }
  const queue: Work[] = [];
  const partRef = dest.nextRef();
  const part = dest.obj({ Type: 'StructElem', S: 'Part', P: containerRef }) as PDFDict;
  const kids = dest.obj([]) as PDFArray;
  for (const kid of topKids) {
    const dict = src.lookup(kid) as PDFDict;
    const ref = newRefs.get(dict)!;
    kids.push(ref);
    queue.push({ dict, ref, parent: partRef, page: undefined });
  }
  part.set(K, kids);
  dest.assign(partRef, part);
  return { partRef, part, queue };
}

/** What copying the elements needs: both documents, the placements, the refs and the renames planned. */
export interface ElementCopy {
  src: PDFContext;
  dest: PDFContext;
  copier: StructCopier;
  placements: readonly Placement[];
  /** Supplied pages by ref. */
  srcPageIndex: Map<PDFRef, number>;
  /** The supplied parent tree, for content whose element names no page. */
  fallbackPage: (elem: PDFRef | undefined, mcid: number) => number | undefined;
  newRefs: ReadonlyMap<PDFDict, PDFRef>;
  oldRefs: ReadonlyMap<PDFDict, PDFRef>;
  roleRenames: Map<string, string>;
  classRenames: Map<string, string>;
  idRenames: Map<string, string>;
}

export interface CopiedElements {
  /** MCIDs per form and the element each belongs to, page forms first, in page order. */
  formMcids: Map<PDFRef, Map<number, PDFRef>>;
  /** XObjects referenced whole, and their element. */
  objrs: { stream: PDFRef; elem: PDFRef }[];
  /** Marked-content references left out because no page could be found for them. */
  unplaced: number;
  /** Annotation references left out. */
  annotations: number;
}

/** Copies every element reachable from the queue into the pack, each once, breadth first. */
export function copyElements(c: ElementCopy, queue: Work[]): CopiedElements {
  const copied: CopiedElements = { formMcids: new Map(c.placements.map((p) => [p.form, new Map()])), objrs: [], unplaced: 0, annotations: 0 };
  const rewritten = new Set<PDFDict>();
  const built = new Set<PDFDict>();
  for (let next = 0; next < queue.length; next++) {
    const work = queue[next]!;
    if (built.has(work.dict)) continue;
    built.add(work.dict);
    // Content is placed by the nearest /Pg (the MCR's, then the element's); failing that, by the
    // supplied parent tree; failing that, by an ancestor's /Pg.
    const ownPage = pageOf(work.dict.get(PG), c.srcPageIndex);
    const page = ownPage ?? work.page;
    const out = copyEntries(c, work, rewritten);
    out.set(P, work.parent);
    if (page !== undefined) out.set(PG, c.placements[page]!.packPage);
    const kids = copyKids(c, work, ownPage, page, queue, copied);
    if (kids.length === 1) out.set(K, kids[0]!);
    else if (kids.length > 1) out.set(K, c.dest.obj(kids));
    c.dest.assign(work.ref, out);
  }
  return copied;
}

/** The element's own entries, renamed as planned; /P, /Pg and /K are set by the caller. */
function copyEntries(c: ElementCopy, work: Work, rewritten: Set<PDFDict>): PDFDict {
  const { dict } = work;
  const out = PDFDict.withContext(c.dest);
  for (const [key, value] of dict.entries()) {
    if (key === P || key === PG || key === K) continue;
    if (key === S) {
      const s = work.role ?? dict.lookupMaybe(S, PDFName)?.decodeText() ?? 'NonStruct';
      out.set(S, PDFName.of(c.roleRenames.get(s) ?? s));
    } else if (key === ID) {
      const id = dict.lookupMaybe(ID, PDFString, PDFHexString);
      if (id) {
        const old = bytesToBinary(id.asBytes());
        out.set(ID, binaryToPdfString(c.idRenames.get(old) ?? old));
      }
    } else if (key === C) {
      out.set(C, renameClasses(c.dest, c.copier.copy(value), c.classRenames));
    } else if (key === A) {
      const attributes = c.copier.copy(value);
      rewriteHeaders(c.dest, attributes, c.idRenames, rewritten);
      out.set(A, attributes);
    } else {
      out.set(key, c.copier.copy(value));
    }
  }
  if (work.role) out.set(S, PDFName.of(work.role));
  return out;
}

/**
 * The element's kids in the pack: marked content as MCRs naming the pack page and the form, whole
 * XObjects as OBJRs, child elements by their reserved refs (queued to be copied in their turn).
 */
function copyKids(c: ElementCopy, work: Work, ownPage: number | undefined, page: number | undefined, queue: Work[], copied: CopiedElements): PDFObject[] {
  const { src, dest, copier, placements } = c;
  const oldRef = c.oldRefs.get(work.dict);
  const pageOfMcid = (mcid: number) => ownPage ?? c.fallbackPage(oldRef, mcid) ?? work.page;
  const kids: PDFObject[] = [];
  const addMcr = (pageIndex: number | undefined, mcid: number, stm: PDFObject | undefined) => {
    if (pageIndex === undefined || !Number.isInteger(mcid) || mcid < 0 || mcid > MAX_MCID) {
      copied.unplaced++;
      return;
    }
    const placement = placements[pageIndex]!;
    let form = placement.form;
    if (stm instanceof PDFRef) {
      const copiedStm = copier.copyRef(stm);
      if (!(copiedStm instanceof PDFRef)) {
        copied.unplaced++;
        return;
      }
      form = copiedStm;
    }
    let mcids = copied.formMcids.get(form);
    if (!mcids) copied.formMcids.set(form, (mcids = new Map()));
    mcids.set(mcid, work.ref);
    kids.push(dest.obj({ Type: 'MCR', Pg: placement.packPage, Stm: form, MCID: mcid }));
  };
  for (const kid of kidsOf(src, work.dict)) {
    const target = src.lookup(kid);
    if (target instanceof PDFNumber) {
      const mcid = target.asNumber();
      addMcr(pageOfMcid(mcid), mcid, undefined);
    } else if (target instanceof PDFDict) {
      const type = target.lookupMaybe(TYPE, PDFName)?.decodeText();
      if (type === 'MCR' || (!target.has(S) && target.has(MCID))) {
        const mcid = target.lookupMaybe(MCID, PDFNumber)?.asNumber();
        if (mcid === undefined) continue;
        addMcr(pageOf(target.get(PG), c.srcPageIndex) ?? pageOfMcid(mcid), mcid, target.get(STM));
      } else if (type === 'OBJR') {
        // Only whole XObjects are carried; annotations (links, widgets) on the supplied pages are
        // not copied to the pack, so references to them are left out.
        const obj = target.get(OBJ);
        const objrPage = pageOf(target.get(PG), c.srcPageIndex) ?? page;
        if (obj instanceof PDFRef && src.lookup(obj) instanceof PDFStream && objrPage !== undefined) {
          const copiedObj = copier.copyRef(obj);
          if (copiedObj instanceof PDFRef) {
            copied.objrs.push({ stream: copiedObj, elem: work.ref });
            kids.push(dest.obj({ Type: 'OBJR', Pg: placements[objrPage]!.packPage, Obj: copiedObj }));
            continue;
          }
        }
        copied.annotations++;
      } else if (isStructElem(target)) {
        const ref = c.newRefs.get(target);
        if (!ref) continue;
        kids.push(ref);
        queue.push({ dict: target, ref, parent: work.ref, page });
      }
    }
  }
  return kids;
}

/**
 * Finds, from the supplied parent tree, the page on which an element's MCID lies, for elements
 * that name no /Pg. Entry k of the parent tree belongs to the page whose /StructParents is k.
 */
export function mcidPagesFromParentTree(
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
