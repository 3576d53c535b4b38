import { PDFArray, PDFDict, PDFHexString, PDFName, PDFString, type PDFContext, type PDFObject, type PDFRef } from '../pdf-lib.js';
import { CLASS_MAP, ID, ID_TREE, rawEntries, readNameMap, ROLE_MAP } from './pdf-struct-nodes.js';
import { bytesToBinary, nameTreeEntries } from './pdf-struct-trees.js';

/**
 * The grafting phase that keeps names apart: a role, class or element ID of the supplied tree that
 * the pack already uses for something else gets a fresh name, decided before anything is copied.
 */

export interface NameRenames {
  srcRoles: Map<string, string>;
  packRoles: Map<string, string>;
  roleRenames: Map<string, string>;
  /** The supplied /ClassMap as it is: class → attributes. */
  srcClasses: [string, PDFObject][];
  classRenames: Map<string, string>;
}

/** Roles mapped alike in both trees keep their name; classes (attribute sets) the pack defines are renamed. */
export function planNameRenames(src: PDFContext, srcRoot: PDFDict, dest: PDFContext, packRoot: PDFDict): NameRenames {
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
  return { srcRoles, packRoles, roleRenames, srcClasses, classRenames };
}

export interface IdRenames {
  /** The pack's /IDTree, if it has one. */
  idTree: PDFDict | undefined;
  idEntries: [string, PDFObject][];
  idRenames: Map<string, string>;
  /** The grafted elements' IDs, as they will stand in the pack's /IDTree. */
  newIds: [string, PDFObject][];
}

/**
 * IDs must stay unique in the pack's /IDTree (Chromium numbers them after DOM nodes, so two
 * printed documents reuse the same ones); clashing ones get a suffix and /Headers follow.
 */
export function planIdRenames(dest: PDFContext, packRoot: PDFDict, newRefs: ReadonlyMap<PDFDict, PDFRef>): IdRenames {
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
  return { idTree, idEntries, idRenames, newIds };
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

/** /C is a class name or an array of names (with revision numbers). */
export function renameClasses(context: PDFContext, value: PDFObject, renames: Map<string, string>): PDFObject {
  const rename = (item: PDFObject): PDFObject =>
    item instanceof PDFName ? PDFName.of(renames.get(item.decodeText()) ?? item.decodeText()) : item;
  const resolved = context.lookup(value);
  if (resolved instanceof PDFArray) return context.obj(resolved.asArray().map(rename));
  return rename(resolved ?? value);
}
