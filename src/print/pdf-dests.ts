import { PDFArray, PDFDict, PDFName, PDFRef, PDFString, PDFHexString, type PDFDocument, type PDFObject } from '../pdf-lib.js';

/**
 * The page (1-based) of each named destination. Chromium writes one for every element whose id
 * is the target of a link in the document, which is how the pack finds where each paper starts.
 */
export function namedDestinationPages(doc: PDFDocument): Map<string, number> {
  const pageNumbers = new Map(doc.getPages().map((page, i) => [page.ref.toString(), i + 1]));
  const result = new Map<string, number>();
  const record = (name: string, value: PDFObject | undefined) => {
    const target = destinationArray(doc, value)?.get(0);
    if (target instanceof PDFRef) {
      const page = pageNumbers.get(target.toString());
      if (page !== undefined) result.set(name, page);
    }
  };
  // PDF 1.1 style: a /Dests dictionary in the catalog (what Chromium writes).
  const dests = doc.catalog.lookupMaybe(PDFName.of('Dests'), PDFDict);
  for (const [key, value] of dests?.entries() ?? []) record(key.decodeText(), value);
  // PDF 1.2 style: a name tree under /Names /Dests.
  const tree = doc.catalog.lookupMaybe(PDFName.of('Names'), PDFDict)?.lookupMaybe(PDFName.of('Dests'), PDFDict);
  if (tree) walkNameTree(doc, tree, record);
  return result;
}

function destinationArray(doc: PDFDocument, value: PDFObject | undefined): PDFArray | undefined {
  const resolved = value instanceof PDFRef ? doc.context.lookup(value) : value;
  if (resolved instanceof PDFArray) return resolved;
  if (resolved instanceof PDFDict) return resolved.lookupMaybe(PDFName.of('D'), PDFArray);
  return undefined;
}

function walkNameTree(doc: PDFDocument, node: PDFDict, record: (name: string, value: PDFObject | undefined) => void): void {
  const names = node.lookupMaybe(PDFName.of('Names'), PDFArray);
  for (let i = 0; names && i + 1 < names.size(); i += 2) {
    const key = names.lookup(i);
    if (key instanceof PDFString || key instanceof PDFHexString) record(key.decodeText(), names.get(i + 1));
  }
  const kids = node.lookupMaybe(PDFName.of('Kids'), PDFArray);
  for (let i = 0; kids && i < kids.size(); i++) {
    const kid = kids.lookup(i);
    if (kid instanceof PDFDict) walkNameTree(doc, kid, record);
  }
}
