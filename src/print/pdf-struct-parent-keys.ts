import { PDFArray, PDFDict, PDFName, PDFNull, PDFNumber, type PDFContext, type PDFObject, type PDFRef } from '../pdf-lib.js';
import type { CopiedElements } from './pdf-struct-elements.js';
import { PARENT_TREE, PARENT_TREE_NEXT_KEY, STRUCT_PARENT, STRUCT_PARENTS } from './pdf-struct-nodes.js';
import { numberTreeEntries } from './pdf-struct-trees.js';

/**
 * The grafting phase that keys the copied content into the pack's parent tree (§14.7.4.4): for
 * each form, an array from MCID to element; for each XObject referenced whole, the element. Keys
 * continue after the pack's own. Nothing of the pack changes here: the entries are set on commit.
 */
export interface ParentKeys {
  /** The pack's parent tree, if it has one. */
  packParentTree: PDFDict | undefined;
  entries: [number, PDFObject][];
  /** The /StructParents or /StructParent each stream gets. */
  keyed: [PDFRef, PDFName, number][];
  /** The pack's /ParentTreeNextKey after the graft. */
  nextKey: number;
}

export function parentTreeKeys(dest: PDFContext, packRoot: PDFDict, copied: Pick<CopiedElements, 'formMcids' | 'objrs'>): ParentKeys {
  const packParentTree = packRoot.lookupMaybe(PARENT_TREE, PDFDict);
  let key = Math.max(
    numberTreeEntries(dest, packParentTree).reduce((max, [k]) => Math.max(max, k + 1), 0),
    packRoot.lookupMaybe(PARENT_TREE_NEXT_KEY, PDFNumber)?.asNumber() ?? 0,
  );
  const entries: [number, PDFObject][] = [];
  const keyed: [PDFRef, PDFName, number][] = [];
  for (const [form, mcids] of copied.formMcids) {
    if (mcids.size === 0) continue;
    const size = [...mcids.keys()].reduce((max, mcid) => Math.max(max, mcid + 1), 0);
    const array = dest.obj([]) as PDFArray;
    for (let mcid = 0; mcid < size; mcid++) array.push(mcids.get(mcid) ?? PDFNull);
    keyed.push([form, STRUCT_PARENTS, key]);
    entries.push([key++, dest.register(array)]);
  }
  for (const { stream, elem } of copied.objrs) {
    keyed.push([stream, STRUCT_PARENT, key]);
    entries.push([key++, elem]);
  }
  return { packParentTree, entries, keyed, nextKey: key };
}
