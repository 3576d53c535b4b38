import { PDFArray, PDFDict, PDFHexString, PDFName, PDFRef, PDFString, type PDFContext, type PDFObject } from '../pdf-lib.js';

/** The names of a structure tree's parts (ISO 32000-1 §14.7), and how to read its nodes. */

const name = (n: string) => PDFName.of(n);
export const K = name('K');
export const P = name('P');
export const PG = name('Pg');
export const S = name('S');
export const TYPE = name('Type');
export const MCID = name('MCID');
export const STM = name('Stm');
export const OBJ = name('Obj');
export const ID = name('ID');
export const A = name('A');
export const C = name('C');
export const LANG = name('Lang');
export const T = name('T');
export const ROLE_MAP = name('RoleMap');
export const CLASS_MAP = name('ClassMap');
export const PARENT_TREE = name('ParentTree');
export const PARENT_TREE_NEXT_KEY = name('ParentTreeNextKey');
export const ID_TREE = name('IDTree');
export const STRUCT_TREE_ROOT = name('StructTreeRoot');
export const STRUCT_PARENTS = name('StructParents');
export const STRUCT_PARENT = name('StructParent');

/** The kids of a structure node (/K may be one kid, an array, or a ref to an array). */
export function kidsOf(context: PDFContext, node: PDFDict): PDFObject[] {
  const k = node.get(K);
  if (k === undefined) return [];
  const resolved = context.lookup(k);
  if (resolved instanceof PDFArray) return resolved.asArray();
  return [k];
}

export function isStructElem(object: PDFObject | undefined): object is PDFDict {
  if (!(object instanceof PDFDict)) return false;
  const type = object.lookupMaybe(TYPE, PDFName)?.decodeText();
  return type !== 'MCR' && type !== 'OBJR' && object.lookupMaybe(S, PDFName) !== undefined;
}

/** The index of the page a /Pg names, among `pages`. */
export function pageOf(pg: PDFObject | undefined, pages: Map<PDFRef, number>): number | undefined {
  return pg instanceof PDFRef ? pages.get(pg) : undefined;
}

export function rawEntries(dict: PDFDict | undefined): [string, PDFObject][] {
  return dict ? dict.entries().map(([key, value]) => [key.decodeText(), value]) : [];
}

/** A /RoleMap as names: role → the role it stands for. */
export function readNameMap(context: PDFContext, dict: PDFDict | undefined): Map<string, string> {
  const map = new Map<string, string>();
  for (const [key, value] of rawEntries(dict)) {
    const target = context.lookup(value);
    if (target instanceof PDFName) map.set(key, target.decodeText());
  }
  return map;
}

/** Follows the role map to a standard role (at most ten steps, so a loop in the map ends). */
export function resolveRole(role: string, roles: Map<string, string>): string {
  let current = role;
  for (let i = 0; i < 10; i++) {
    const next = roles.get(current);
    if (next === undefined || next === current) break;
    current = next;
  }
  return current;
}

/** A text string: a literal for printable ASCII (which every reader shows as is), else UTF-16. */
export function textString(text: string): PDFString | PDFHexString {
  return /^[\x20-\x7e]*$/.test(text) ? PDFString.of(text.replace(/[\\()]/g, '\\$&')) : PDFHexString.fromText(text);
}

/** The refs of a page's annotations (its links, among others). */
export function annotRefs(context: PDFContext, page: PDFDict): PDFRef[] {
  const annots = context.lookup(page.get(PDFName.of('Annots')));
  if (!(annots instanceof PDFArray)) return [];
  return annots.asArray().filter((a): a is PDFRef => a instanceof PDFRef);
}
