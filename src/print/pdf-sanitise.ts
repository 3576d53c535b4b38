import { PDFArray, PDFDict, PDFDocument, PDFHexString, PDFName, PDFRef, PDFStream, PDFString, type PDFContext, type PDFObject } from '../pdf-lib.js';
import { loadPdf } from '../load/pdf-parse.js';
import { savePdfBytes } from './pdf-writer.js';
import { SourceError } from '../errors.js';
import { listWords } from '../domain/words.js';

/**
 * Takes out of a supplied PDF everything that could run, open or carry something when a reader
 * opens the copy cpb publishes: JavaScript (document-level, OpenAction, link, bookmark and form
 * field actions), every page, annotation and document additional action (/AA), Launch, ImportData,
 * SubmitForm, ResetForm, GoToR, GoToE and multimedia actions, XFA forms, and embedded files
 * (the /EmbeddedFiles name tree, file attachment annotations, associated files, portfolios).
 *
 * Kept: internal links and bookmarks (GoTo, Named such as "next page") and web and mail links
 * (URI actions with http, https or mailto). Those are how a reader moves through a paper and to
 * the documents it cites; a reader asks before it opens a web address, and nothing runs. URI
 * actions with any other scheme (javascript:, file:, data:) are removed.
 */

const SAFE_ACTIONS = new Set(['GoTo', 'Named']);
const SAFE_URI = /^(https?:|mailto:)/i;
/** Annotations that exist to carry a file or play media; removed from the pages. */
const CARRIER_ANNOTS = new Set(['FileAttachment', 'RichMedia', 'Screen', 'Movie', 'Sound']);

const n = (name: string) => PDFName.of(name);

export interface Removed {
  /** Phrase → how many, e.g. "OpenAction JavaScript" → 1. */
  counts: Map<string, number>;
}

/** "an OpenAction JavaScript and 2 embedded files"; empty if nothing was removed. */
export function describeRemoved(removed: Removed): string {
  const parts = [...removed.counts].map(([what, count]) => (count === 1 ? `${/^([aeioAEIO]|X|unknown)/.test(what) ? 'an' : 'a'} ${what}` : `${count} ${what}s`));
  return listWords(parts);
}

export interface SanitisedPdf {
  /** The cleaned PDF; the very same bytes when nothing had to be removed. */
  bytes: Uint8Array;
  removed: Removed;
  /** The document as read and cleaned: what `bytes` hold. */
  doc: PDFDocument;
}

/**
 * Sanitises PDF bytes, or `parsed`, the document parsed from them already (which it changes). Throws an Error (the caller names the file) if the PDF cannot be read, or
 * is encrypted and holds something that would have to be removed (cpb cannot rewrite an
 * encrypted file).
 */
export async function sanitisePdf(bytes: Uint8Array, parsed?: PDFDocument): Promise<SanitisedPdf> {
  // A document checkPdf parsed from these bytes is the one this parse would give: it parsed with
  // every object valid, so being lenient here would change nothing.
  const doc = parsed ?? (await loadPdf(bytes, { updateMetadata: false, ignoreEncryption: true }));
  const removed = sanitiseDocument(doc);
  if (removed.counts.size === 0) return { bytes, removed, doc };
  if (doc.isEncrypted) {
    throw new Error(
      `it is encrypted and holds ${describeRemoved(removed)}, which cpb must take out but cannot in an encrypted file; ` +
        'save an unprotected copy (for example: qpdf --decrypt in.pdf out.pdf) and use that',
    );
  }
  return { bytes: await savePdfBytes(doc), removed, doc };
}

/** Contexts of encrypted documents being sanitised (their strings cannot be read). */
const encrypted = new WeakSet<PDFContext>();

/** Sanitises a loaded document in place and says what was removed. */
export function sanitiseDocument(doc: PDFDocument): Removed {
  const context = doc.context;
  if (doc.isEncrypted) encrypted.add(context);
  const counts = new Map<string, number>();
  const count = (what: string, by = 1) => counts.set(what, (counts.get(what) ?? 0) + by);
  const catalog = doc.catalog;

  // Document level: scripts run on open, the XFA form (it can hold scripts), portfolios.
  const open = catalog.lookup(n('OpenAction'));
  if (open instanceof PDFDict && !isSafeAction(context, open)) {
    catalog.delete(n('OpenAction'));
    count(`OpenAction ${actionType(open)}`);
  }
  const names = catalog.lookupMaybe(n('Names'), PDFDict);
  if (names?.has(n('JavaScript'))) {
    count('document-level script', Math.max(1, nameTreeSize(context, names.lookupMaybe(n('JavaScript'), PDFDict))));
    names.delete(n('JavaScript'));
  }
  // The files themselves are counted where their file specifications lose their /EF, below.
  names?.delete(n('EmbeddedFiles'));
  names?.delete(n('AlternatePresentations'));
  catalog.delete(n('Collection'));
  const acroForm = catalog.lookupMaybe(n('AcroForm'), PDFDict);
  if (acroForm?.has(n('XFA'))) {
    acroForm.delete(n('XFA'));
    count('XFA form');
  }

  // Annotations that carry files or media come off the pages.
  for (const page of doc.getPages()) {
    const annots = page.node.lookupMaybe(n('Annots'), PDFArray);
    if (!annots) continue;
    for (let i = annots.size() - 1; i >= 0; i--) {
      const annot = context.lookupMaybe(annots.get(i), PDFDict);
      const subtype = annot?.lookupMaybe(n('Subtype'), PDFName)?.decodeText();
      if (annot && subtype && CARRIER_ANNOTS.has(subtype)) {
        annots.remove(i);
        if (subtype !== 'FileAttachment') count(`${subtype} annotation`);
        stripEmbeddedFiles(context, annot, count);
        for (const key of ['A', 'AA', 'RichMediaContent', 'Sound', 'Movie']) annot.delete(n(key));
      }
    }
  }

  // Everywhere else reachable: additional actions, unsafe actions, embedded files.
  walk(context, catalog, (dict, owner) => {
    if (dict.has(n('AA'))) {
      dict.delete(n('AA'));
      count(owner === 'page' ? 'page action' : owner === 'catalog' ? 'document action' : 'annotation or form field action');
    }
    for (const key of ['A', 'Next']) {
      const value = dict.lookup(n(key));
      const actions = value instanceof PDFArray ? value.asArray().map((v) => context.lookup(v)) : [value];
      if (!actions.some((a) => a instanceof PDFDict && isAction(a))) continue;
      const unsafe = actions.filter((a): a is PDFDict => a instanceof PDFDict && isAction(a) && !isSafeAction(context, a, false));
      if (unsafe.length === 0) continue;
      dict.delete(n(key));
      const on = { link: ' link action', annot: ' form field action', outline: ' bookmark action', page: ' page action', catalog: ' action', other: ' action' }[owner];
      for (const action of unsafe) count(`${actionType(action)}${on}`);
    }
    if (dict.has(n('EF'))) {
      dict.delete(n('EF'));
      count('embedded file');
    }
  });

  if (counts.size > 0) removeUnreachable(doc);
  return { counts };
}

function isAction(dict: PDFDict): boolean {
  const type = dict.lookupMaybe(n('Type'), PDFName)?.decodeText();
  return dict.lookupMaybe(n('S'), PDFName) !== undefined && (type === undefined || type === 'Action') && !dict.has(n('O'));
}

function actionType(action: PDFDict): string {
  return action.lookupMaybe(n('S'), PDFName)?.decodeText() ?? 'unknown';
}

/** GoTo, Named and web or mail URIs are safe, if everything they chain to with /Next is too. */
function isSafeAction(context: PDFContext, action: PDFDict, followNext = true): boolean {
  const type = actionType(action);
  let safe = SAFE_ACTIONS.has(type);
  if (type === 'URI') {
    // In an encrypted file the address cannot be read, so a link is kept as a link.
    const uri = action.lookupMaybe(n('URI'), PDFString, PDFHexString);
    safe = uri !== undefined && (encrypted.has(context) || SAFE_URI.test(uri.decodeText().trim()));
  }
  if (!safe || !followNext) return safe;
  const next = action.lookup(n('Next'));
  const chained = next instanceof PDFArray ? next.asArray().map((v) => context.lookup(v)) : next ? [next] : [];
  return chained.every((a) => !(a instanceof PDFDict) || isSafeAction(context, a));
}

type Owner = 'catalog' | 'page' | 'link' | 'annot' | 'outline' | 'other';

/** Visits every dictionary reachable from `root` once (streams' dictionaries too). */
function walk(context: PDFContext, root: PDFDict, visit: (dict: PDFDict, owner: Owner) => void): void {
  const seen = new Set<PDFObject>();
  const stack: PDFObject[] = [root];
  while (stack.length) {
    const object = stack.pop()!;
    const resolved = object instanceof PDFRef ? context.lookup(object) : object;
    if (!resolved || seen.has(resolved)) continue;
    seen.add(resolved);
    const dict = resolved instanceof PDFStream ? resolved.dict : resolved instanceof PDFDict ? resolved : undefined;
    if (dict) {
      visit(dict, ownerOf(dict, root));
      // Pushed last first, so they are visited in the order they are written.
      stack.push(...dict.values().reverse());
    } else if (resolved instanceof PDFArray) {
      stack.push(...resolved.asArray().reverse());
    }
  }
}

function ownerOf(dict: PDFDict, root: PDFDict): Owner {
  if (dict === root) return 'catalog';
  const type = dict.lookupMaybe(n('Type'), PDFName)?.decodeText();
  if (type === 'Page') return 'page';
  if (type === 'Annot' || (dict.has(n('Subtype')) && dict.has(n('Rect')))) {
    return dict.lookupMaybe(n('Subtype'), PDFName)?.decodeText() === 'Link' ? 'link' : 'annot';
  }
  if (dict.has(n('Title')) && (dict.has(n('Parent')) || dict.has(n('First')))) return 'outline';
  return 'other';
}

function stripEmbeddedFiles(context: PDFContext, annot: PDFDict, count: (what: string) => void): void {
  const fs = context.lookup(annot.get(n('FS')));
  if (fs instanceof PDFDict && fs.has(n('EF'))) {
    fs.delete(n('EF'));
    count('embedded file');
  }
  annot.delete(n('FS'));
}

function nameTreeSize(context: PDFContext, node: PDFDict | undefined, seen = new Set<PDFDict>()): number {
  if (!node || seen.has(node)) return 0;
  seen.add(node);
  let size = Math.floor((node.lookupMaybe(n('Names'), PDFArray)?.size() ?? 0) / 2);
  const kids = node.lookupMaybe(n('Kids'), PDFArray);
  for (let i = 0; i < (kids?.size() ?? 0); i++) size += nameTreeSize(context, context.lookupMaybe(kids!.get(i), PDFDict), seen);
  return size;
}

/**
 * pdf-lib writes every object it holds, referenced or not, so what was cut loose above (a script
 * stream, an embedded file's bytes) would still be in the file: drop what the document no longer
 * reaches from its catalog and information dictionary.
 */
function removeUnreachable(doc: PDFDocument): void {
  const context = doc.context;
  const reached = new Set<string>();
  const stack: PDFObject[] = [context.trailerInfo.Root, context.trailerInfo.Info].filter((o): o is PDFObject => o !== undefined);
  while (stack.length) {
    const object = stack.pop()!;
    let resolved: PDFObject | undefined = object;
    if (object instanceof PDFRef) {
      if (reached.has(object.tag)) continue;
      reached.add(object.tag);
      resolved = context.lookup(object);
    }
    if (resolved instanceof PDFStream) stack.push(...resolved.dict.values());
    else if (resolved instanceof PDFDict) stack.push(...resolved.values());
    else if (resolved instanceof PDFArray) stack.push(...resolved.asArray());
  }
  for (const [ref] of context.enumerateIndirectObjects()) if (!reached.has(ref.tag)) context.delete(ref);
}

/**
 * A supplied PDF as cpb publishes it (on the website, in the packs): sanitised, with the warning
 * that names the file and what was taken out, if anything was.
 */
export async function publishablePdf(bytes: Uint8Array, displayPath: string, parsed?: PDFDocument): Promise<{ bytes: Uint8Array; doc: PDFDocument; warning?: string }> {
  let result: SanitisedPdf;
  try {
    result = await sanitisePdf(bytes, parsed);
  } catch (error) {
    throw new SourceError(`Cannot publish ${displayPath}: ${(error as Error).message}`, {
      file: displayPath,
      rule: 'pdf/sanitise',
      hint: 'Export the PDF again from the application that made it, or print it to a new PDF.',
    });
  }
  if (result.removed.counts.size === 0) return { bytes: result.bytes, doc: result.doc };
  return {
    bytes: result.bytes,
    doc: result.doc,
    warning: `${displayPath}: removed ${describeRemoved(result.removed)} from the copies cpb publishes (scripts, actions and attached files are never published)`,
  };
}
