import { PDFDict, PDFHexString, PDFRef, PDFString, type PDFDocument, type PDFObject } from '../pdf-lib.js';
import { A, ID, ID_TREE, isStructElem, kidsOf, STRUCT_TREE_ROOT } from './pdf-struct-nodes.js';
import { bytesToBinary, newTree, rewriteHeaders, rewriteNameTree } from './pdf-struct-trees.js';

/**
 * Renumbers the structure elements' /ID in tree order ("id000001", "id000002", ...) and rewrites
 * the /IDTree and the table cells' /Headers to match.
 *
 * Chromium names elements after its DOM node ids, which depend on what else the browser process
 * did before (another page printing beside it), so the same document printed twice carried
 * different ids and different bytes. After this, the ids depend only on the tree.
 */
export function normaliseStructIds(doc: PDFDocument): void {
  const context = doc.context;
  const root = doc.catalog.lookupMaybe(STRUCT_TREE_ROOT, PDFDict);
  if (!root) return;

  const elements: { dict: PDFDict; ref: PDFObject }[] = [];
  const seen = new Set<PDFDict>();
  const walk = (node: PDFObject): void => {
    const dict = context.lookup(node);
    if (!isStructElem(dict) || seen.has(dict)) return;
    seen.add(dict);
    elements.push({ dict, ref: node });
    for (const kid of kidsOf(context, dict)) walk(kid);
  };
  for (const kid of kidsOf(context, root)) walk(kid);

  const renames = new Map<string, string>();
  const entries: [string, PDFObject][] = [];
  let n = 0;
  for (const { dict, ref } of elements) {
    const id = dict.lookupMaybe(ID, PDFString, PDFHexString);
    if (!id) continue;
    const fresh = `id${String(++n).padStart(6, '0')}`;
    const old = bytesToBinary(id.asBytes());
    if (!renames.has(old)) renames.set(old, fresh);
    dict.set(ID, PDFString.of(fresh));
    // The tree keeps indirect elements by reference; a direct one (rare) cannot be named in it.
    if (ref instanceof PDFRef) entries.push([fresh, ref]);
  }
  if (n === 0) return;

  const done = new Set<PDFDict>();
  for (const { dict } of elements) {
    const attributes = dict.get(A);
    if (attributes) rewriteHeaders(context, attributes, renames, done);
  }

  rewriteNameTree(context, root.lookupMaybe(ID_TREE, PDFDict) ?? newTree(context, root, ID_TREE), entries);
}
