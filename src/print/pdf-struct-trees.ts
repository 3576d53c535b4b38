import { PDFArray, PDFDict, PDFHexString, PDFName, PDFNumber, PDFRef, PDFString, type PDFContext, type PDFObject } from '../pdf-lib.js';

/**
 * Reading and extending the two tree kinds a structure tree uses (ISO 32000-1 §7.9.6, §7.9.7):
 * number trees (/ParentTree) and name trees (/IDTree). Both may be written as one node with
 * /Nums or /Names, or as /Kids with /Limits; readers here accept either.
 */

const NUMS = PDFName.of('Nums');
const NAMES = PDFName.of('Names');
const KIDS = PDFName.of('Kids');
const LIMITS = PDFName.of('Limits');

/** Every [key, value] of a number tree, in key order as written. Values are as stored (often refs). */
export function numberTreeEntries(context: PDFContext, root: PDFDict | undefined): [number, PDFObject][] {
  const entries: [number, PDFObject][] = [];
  walkTree(context, root, NUMS, (key, value) => {
    if (key instanceof PDFNumber) entries.push([key.asNumber(), value]);
  });
  return entries;
}

/** Every [key, value] of a name tree; the key is the string's bytes as a binary (latin1) JS string. */
export function nameTreeEntries(context: PDFContext, root: PDFDict | undefined): [string, PDFObject][] {
  const entries: [string, PDFObject][] = [];
  walkTree(context, root, NAMES, (key, value) => {
    if (key instanceof PDFString || key instanceof PDFHexString) entries.push([bytesToBinary(key.asBytes()), value]);
  });
  return entries;
}

function walkTree(
  context: PDFContext,
  root: PDFDict | undefined,
  leafKey: PDFName,
  visit: (key: PDFObject, value: PDFObject) => void,
): void {
  const seen = new Set<PDFDict>();
  const walk = (node: PDFDict | undefined): void => {
    if (!node || seen.has(node)) return;
    seen.add(node);
    const pairs = node.lookupMaybe(leafKey, PDFArray);
    if (pairs) {
      for (let i = 0; i + 1 < pairs.size(); i += 2) visit(context.lookup(pairs.get(i)) ?? pairs.get(i), pairs.get(i + 1));
    }
    const kids = node.lookupMaybe(KIDS, PDFArray);
    if (kids) {
      for (let i = 0; i < kids.size(); i++) walk(context.lookupMaybe(kids.get(i), PDFDict));
    }
  };
  walk(root);
}

/**
 * Adds entries to a number tree. Every new key must be greater than every key already in it (as
 * parent-tree keys from /ParentTreeNextKey are), so order is kept by appending: to the root's
 * /Nums, or, when the root has /Kids, as a new last leaf carrying its /Limits.
 */
export function appendToNumberTree(context: PDFContext, root: PDFDict, entries: readonly [number, PDFObject][]): void {
  if (entries.length === 0) return;
  const kids = root.lookupMaybe(KIDS, PDFArray);
  if (kids && kids.size() > 0 && !root.has(NUMS)) {
    const leaf = context.obj({}) as PDFDict;
    leaf.set(LIMITS, context.obj([entries[0]![0], entries[entries.length - 1]![0]]) as PDFArray);
    leaf.set(NUMS, numsArray(context, entries));
    kids.push(context.register(leaf));
    return;
  }
  let nums = root.lookupMaybe(NUMS, PDFArray);
  if (!nums) {
    nums = context.obj([]) as PDFArray;
    root.set(NUMS, nums);
  }
  for (const [key, value] of entries) {
    nums.push(PDFNumber.of(key));
    nums.push(value);
  }
}

function numsArray(context: PDFContext, entries: readonly [number, PDFObject][]): PDFArray {
  const nums = context.obj([]) as PDFArray;
  for (const [key, value] of entries) {
    nums.push(PDFNumber.of(key));
    nums.push(value);
  }
  return nums;
}

/**
 * Rewrites a name tree as one root node holding every entry in /Names, sorted by the keys' bytes
 * as the format requires. Intermediate nodes that were indirect objects are removed from the
 * context (nothing else refers to them), so the old tree is not written out as dead objects.
 */
export function rewriteNameTree(context: PDFContext, root: PDFDict, entries: readonly [string, PDFObject][]): void {
  const seen = new Set<PDFDict>([root]);
  const drop = (node: PDFDict): void => {
    const kids = node.lookupMaybe(KIDS, PDFArray);
    if (!kids) return;
    for (let i = 0; i < kids.size(); i++) {
      const ref = kids.get(i);
      const kid = context.lookupMaybe(ref, PDFDict);
      if (!kid || seen.has(kid)) continue;
      seen.add(kid);
      drop(kid);
      if (ref instanceof PDFRef) context.delete(ref);
    }
  };
  drop(root);
  root.delete(KIDS);
  root.delete(LIMITS);
  const sorted = [...entries].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  const names = context.obj([]) as PDFArray;
  for (const [key, value] of sorted) {
    names.push(binaryToPdfString(key));
    names.push(value);
  }
  root.set(NAMES, names);
}

/** A PDF string's bytes as a JS string with one char per byte, so it can be compared and keyed. */
export function bytesToBinary(bytes: Uint8Array): string {
  let out = '';
  for (const byte of bytes) out += String.fromCharCode(byte);
  return out;
}

/** The PDF string holding these bytes: a literal for printable ASCII, else hex. */
export function binaryToPdfString(binary: string): PDFString | PDFHexString {
  if (/^[\x20-\x7e]*$/.test(binary) && !/[()\\]/.test(binary)) return PDFString.of(binary);
  let hex = '';
  for (let i = 0; i < binary.length; i++) hex += binary.charCodeAt(i).toString(16).padStart(2, '0');
  return PDFHexString.of(hex);
}

const HEADERS = PDFName.of('Headers');

/** Table cells name their header cells by ID (/A << /O /Table /Headers [...] >>); follow renamed IDs. */
export function rewriteHeaders(context: PDFContext, value: PDFObject, renames: Map<string, string>, done: Set<PDFDict>): void {
  if (renames.size === 0) return;
  const resolved = context.lookup(value);
  const dicts = resolved instanceof PDFArray ? resolved.asArray().map((item) => context.lookup(item)) : [resolved];
  for (const dict of dicts) {
    if (!(dict instanceof PDFDict) || done.has(dict)) continue;
    done.add(dict);
    const headers = dict.lookupMaybe(HEADERS, PDFArray);
    if (!headers) continue;
    for (let i = 0; i < headers.size(); i++) {
      const id = context.lookup(headers.get(i));
      if (id instanceof PDFString || id instanceof PDFHexString) {
        const renamed = renames.get(bytesToBinary(id.asBytes()));
        if (renamed !== undefined) headers.set(i, binaryToPdfString(renamed));
      }
    }
  }
}

/** An empty name or number tree, registered and set on `root` under `key`. */
export function newTree(context: PDFContext, root: PDFDict, key: PDFName): PDFDict {
  const tree = context.obj({}) as PDFDict;
  root.set(key, context.register(tree));
  return tree;
}
