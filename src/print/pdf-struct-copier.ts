import { PDFArray, PDFDict, PDFName, PDFNull, PDFPageLeaf, PDFRawStream, PDFRef, PDFStream, type PDFContext, type PDFObject } from '../pdf-lib.js';
import { STRUCT_PARENT, STRUCT_PARENTS, TYPE } from './pdf-struct-nodes.js';

/** Objects that belong to the supplied document as a whole, never to one page's content or one element. */
const DOCUMENT_LEVEL_TYPES = new Set(['Catalog', 'Pages', 'Page', 'StructTreeRoot', 'StructElem', 'MCR', 'OBJR', 'Annot', 'Outlines']);

const LENGTH = PDFName.of('Length');

/**
 * Copies objects from the supplied PDF's context into the pack's, like pdf-lib's PDFObjectCopier,
 * with three differences that matter when carrying a structure tree across:
 *
 * - Refs can be mapped in advance (`map`): the supplied pages to the pack pages they are drawn on,
 *   the supplied struct elements to the refs their grafted copies will get. A copy that meets one
 *   of those refs uses the mapped ref instead of copying the object behind it.
 * - Any other ref to a document-level object (catalog, page tree, page, structure tree root, struct
 *   element, annotation, outline) becomes null instead of being copied, so nothing drags the supplied
 *   document's pages, root or whole structure tree into the pack as dead weight.
 * - A copied stream loses /StructParents and /StructParent: those keys index the supplied PDF's
 *   parent tree and would point at the wrong entries in the pack's. The grafting gives a new key to
 *   every XObject the grafted tree still refers to (through an MCR's /Stm or an OBJR's /Obj).
 */
export class StructCopier {
  private readonly refs = new Map<PDFRef, PDFRef | typeof PDFNull>();

  constructor(
    private readonly src: PDFContext,
    private readonly dest: PDFContext,
  ) {}

  /** Makes every later copy of `from` use `to`. */
  map(from: PDFRef, to: PDFRef | typeof PDFNull): void {
    this.refs.set(from, to);
  }

  copy(object: PDFObject): PDFObject {
    if (object instanceof PDFRef) return this.copyRef(object);
    return this.copyDirect(object);
  }

  /** The pack's ref for a supplied ref, copying the object behind it on first use; null if it may not be copied. */
  copyRef(ref: PDFRef): PDFRef | typeof PDFNull {
    const known = this.refs.get(ref);
    if (known) return known;
    const target = this.src.lookup(ref);
    if (target === undefined || isDocumentLevel(target)) {
      this.refs.set(ref, PDFNull);
      return PDFNull;
    }
    const copied = this.dest.nextRef();
    this.refs.set(ref, copied);
    this.dest.assign(copied, this.copyDirect(target));
    return copied;
  }

  private copyDirect(object: PDFObject): PDFObject {
    if (object instanceof PDFDict) {
      const out = PDFDict.withContext(this.dest);
      for (const [key, value] of object.entries()) out.set(key, this.copy(value));
      return out;
    }
    if (object instanceof PDFArray) {
      const out = PDFArray.withContext(this.dest);
      for (let i = 0; i < object.size(); i++) out.push(this.copy(object.get(i)));
      return out;
    }
    if (object instanceof PDFStream) {
      const dict = PDFDict.withContext(this.dest);
      for (const [key, value] of object.dict.entries()) {
        // /Length is written from the contents on save; copying an indirect one would leave a dead object.
        if (key === LENGTH || key === STRUCT_PARENTS || key === STRUCT_PARENT) continue;
        dict.set(key, this.copy(value));
      }
      if (object instanceof PDFRawStream) return PDFRawStream.of(dict, object.contents);
      // Streams pdf-lib builds itself (content or flate streams) do not occur in a parsed file.
      throw new Error(`Cannot copy a stream of kind ${object.constructor.name}`);
    }
    return object.clone();
  }
}

function isDocumentLevel(object: PDFObject): boolean {
  if (object instanceof PDFPageLeaf) return true;
  if (!(object instanceof PDFDict)) return false;
  const type = object.get(TYPE);
  return type instanceof PDFName && DOCUMENT_LEVEL_TYPES.has(type.decodeText());
}
