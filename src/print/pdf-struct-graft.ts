import { PDFArray, PDFDict, PDFHexString, PDFName, PDFNumber, PDFRef, PDFStream, PDFString, type PDFContext, type PDFDocument, type PDFObject } from '../pdf-lib.js';
import type { StructCopier } from './pdf-struct-copier.js';
import { copyElements, mcidPagesFromParentTree, openPart, reserveElementRefs, type Placement } from './pdf-struct-elements.js';
import { findInsertion, type Insertion } from './pdf-struct-insertion.js';
import {
  CLASS_MAP,
  ID_TREE,
  K,
  LANG,
  PARENT_TREE,
  PARENT_TREE_NEXT_KEY,
  resolveRole,
  ROLE_MAP,
  STRUCT_PARENTS,
  STRUCT_TREE_ROOT,
  T,
  textString,
} from './pdf-struct-nodes.js';
import { parentTreeKeys, type ParentKeys } from './pdf-struct-parent-keys.js';
import { planIdRenames, planNameRenames, type IdRenames, type NameRenames } from './pdf-struct-renames.js';
import { appendToNumberTree, newTree, rewriteNameTree } from './pdf-struct-trees.js';

/**
 * Grafting a supplied PDF's structure tree into the pack's (ISO 32000-1 §14.7). The supplied pages
 * have been drawn onto pack pages as form XObjects, so every piece of marked content the supplied
 * tree points at now lives in a form: each reference to it becomes an MCR naming the pack page
 * (/Pg) and the form (/Stm), and each form gets its own /StructParents key with a parent-tree
 * entry mapping its MCIDs back to the grafted elements (§14.7.4.4).
 *
 * The phases, each in its own function: find both trees; plan the renames of roles and classes;
 * find where supplied content lies; reserve the grafted elements' refs; plan the renames of IDs;
 * find where the document goes in the pack's reading order; open its /Part; copy the elements;
 * key the content into the parent tree; and commit.
 */

export type { Placement } from './pdf-struct-elements.js';

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

/**
 * Copies the supplied structure tree into the pack's, as one /Part placed where the supplied pages
 * stand in reading order. Everything is built first; the pack's tree is changed only at the end,
 * so a tree this cannot read leaves the pack's own tree as it was (the caller reports it).
 */
export function graftStructTree(input: GraftInput): GraftResult {
  const { pack, supplied, placements, copier } = input;
  const dest = pack.context;
  const src = supplied.context;
  const { packRoot, packRootRef, srcRoot } = bothTrees(pack, supplied);
  const names = planNameRenames(src, srcRoot, dest, packRoot);

  const srcPages = supplied.getPages();
  const srcPageIndex = new Map<PDFRef, number>(srcPages.map((page, i) => [page.ref, i]));
  const fallbackPage = mcidPagesFromParentTree(src, srcRoot, srcPages.map((p) => p.node.get(STRUCT_PARENTS)));

  const reserved = reserveElementRefs(src, srcRoot, dest, copier);
  const ids = planIdRenames(dest, packRoot, reserved.newRefs);

  const packPageIndex = new Map<PDFRef, number>(pack.getPages().map((page, i) => [page.ref, i]));
  const at = findInsertion(dest, packRoot, packRootRef, packPageIndex, input.firstPageIndex, (s) => resolveRole(s, names.packRoles));

  const { partRef, part, queue } = openPart(src, dest, reserved, names.srcRoles, at.containerRef);
  const copied = copyElements(
    {
      src,
      dest,
      copier,
      placements,
      srcPageIndex,
      fallbackPage,
      newRefs: reserved.newRefs,
      oldRefs: reserved.oldRefs,
      roleRenames: names.roleRenames,
      classRenames: names.classRenames,
      idRenames: ids.idRenames,
    },
    queue,
  );
  labelPart(part ?? dest.lookup(partRef, PDFDict), supplied, input.title);

  const keys = parentTreeKeys(dest, packRoot, copied);
  commitGraft(dest, packRoot, { at, partRef, keys, ids, names, copier });
  return { unplaced: copied.unplaced, annotations: copied.annotations };
}

/** The pack's structure tree and the supplied one; without both there is nothing to graft. */
function bothTrees(pack: PDFDocument, supplied: PDFDocument): { packRoot: PDFDict; packRootRef: PDFRef; srcRoot: PDFDict } {
  const packRootRef = pack.catalog.get(STRUCT_TREE_ROOT);
  const packRoot = pack.context.lookupMaybe(packRootRef, PDFDict);
  if (!(packRootRef instanceof PDFRef) || !packRoot) throw new Error('the pack has no structure tree to graft into');
  const srcRoot = supplied.catalog.lookupMaybe(STRUCT_TREE_ROOT, PDFDict);
  if (!srcRoot) throw new Error('the supplied PDF has no structure tree');
  return { packRoot, packRootRef, srcRoot };
}

/** The Part carries the supplied document's language and a title, unless it has its own. */
function labelPart(partDict: PDFDict, supplied: PDFDocument, title: string | undefined): void {
  const lang = supplied.catalog.lookupMaybe(LANG, PDFString, PDFHexString);
  if (lang && !partDict.has(LANG)) partDict.set(LANG, lang.clone());
  if (title && !partDict.has(T)) partDict.set(T, textString(title));
}

interface Commit {
  at: Insertion;
  partRef: PDFRef;
  keys: ParentKeys;
  ids: IdRenames;
  names: NameRenames;
  copier: StructCopier;
}

/** From here on the pack's own tree changes: the Part, the parent tree, the IDs, the role and class maps. */
function commitGraft(dest: PDFContext, packRoot: PDFDict, { at, partRef, keys, ids, names, copier }: Commit): void {
  for (const [stream, keyName, k] of keys.keyed) dest.lookup(stream, PDFStream).dict.set(keyName, PDFNumber.of(k));
  const parentTree = keys.packParentTree ?? newTree(dest, packRoot, PARENT_TREE);
  // /K may be one kid rather than an array of them (Chromium writes a lone kid so).
  const current = at.container.get(K);
  const resolved = current === undefined ? undefined : dest.lookup(current);
  let kids = resolved instanceof PDFArray ? resolved : undefined;
  if (!kids) {
    kids = dest.obj(current ? [current] : []) as PDFArray;
    at.container.set(K, kids);
  }
  kids.insert(at.index, partRef);
  appendToNumberTree(dest, parentTree, keys.entries);
  packRoot.set(PARENT_TREE_NEXT_KEY, PDFNumber.of(keys.nextKey));
  if (ids.newIds.length > 0) rewriteNameTree(dest, ids.idTree ?? newTree(dest, packRoot, ID_TREE), [...ids.idEntries, ...ids.newIds]);
  const { srcRoles, roleRenames, srcClasses, classRenames } = names;
  mergeInto(dest, packRoot, ROLE_MAP, [...srcRoles].map(([role, target]) => [
    roleRenames.get(role) ?? role,
    PDFName.of(roleRenames.get(target) ?? target),
  ]));
  mergeInto(dest, packRoot, CLASS_MAP, srcClasses.map(([cls, value]) => [classRenames.get(cls) ?? cls, copier.copy(value)]));
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
