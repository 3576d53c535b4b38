import { decodePDFRawStream, PDFArray, PDFDict, PDFName, PDFRawStream, PDFRef, type PDFContext, type PDFDocument, type PDFObject, type PDFPage } from '../pdf-lib.js';

/**
 * Lays pages of `stamps` (a print of stamps alone, see stampsHtml) over pages of `doc`, each
 * marked as an artifact: page furniture that screen readers skip and that takes no part in the
 * structure tree. `pairs` gives, for each page of `doc` (0-based) to stamp, the page of `stamps`
 * that holds its stamps; a page named twice gets both. Both documents have the same page size,
 * so each stamp lands where the browser would have printed it.
 *
 * A stamp's content goes into the page's own, ahead of it, as the browser draws a page's margin
 * boxes before its content: text comes out of the page in the same order, a line apart (a form
 * XObject would run the stamp into the page's first words), and the stamp, balanced in q … Q,
 * leaves the page's content the state it expects. Its resources join the page's under names of
 * their own (CpbStampN_…). A stamp used on several pages is one stream they share.
 */
export async function overlayStamps(doc: PDFDocument, stamps: PDFDocument, pairs: readonly { page: number; stamp: number }[]): Promise<void> {
  const pages = doc.getPages();
  for (const { page, stamp } of pairs) {
    if (!pages[page] || stamp < 0 || stamp >= stamps.getPageCount()) throw new Error(`no page ${page + 1} to stamp, or no stamp ${stamp + 1}`);
  }
  const wanted = [...new Set(pairs.map((p) => p.stamp))];
  // One copy for all: the stamps' fonts are copied once.
  const copied = await doc.copyPages(stamps, wanted);
  const prefix = `${PREFIX}${1 + Math.max(0, ...pairs.map(({ page }) => stampLayersOf(pages[page]!)))}_`;
  const inlined = new Map(wanted.map((stamp, i) => [stamp, inline(doc, copied[i]!, prefix)]));
  const drawn = new Map<number, PDFRef[]>();
  const shared = sharedResources(pages);
  for (const { page, stamp } of pairs) {
    const { stream, resources } = inlined.get(stamp)!;
    const own = ownResources(doc, pages[page]!, shared);
    for (const [category, name, value] of resources) {
      let dict = own.lookupMaybe(category, PDFDict);
      if (!dict) own.set(category, (dict = doc.context.obj({}) as PDFDict));
      dict.set(name, value);
    }
    drawn.set(page, [...(drawn.get(page) ?? []), stream]);
  }
  for (const [page, streams] of drawn) {
    const node = pages[page]!.node;
    const contents = node.get(CONTENTS);
    node.set(CONTENTS, doc.context.obj([...streams, ...(contents instanceof PDFArray ? contents.asArray() : contents ? [contents] : [])]));
  }
}

/**
 * Takes the stamps overlayStamps laid over every page of `doc` off again: the page's own
 * content and resources are left as the browser printed them, so a paper cpb wrote can go into
 * a pack under the pack's stamps. Throws if a page holds no stamps as cpb lays them (the caller
 * then prints anew).
 */
export function stripStamps(doc: PDFDocument): void {
  const context = doc.context;
  for (const [index, page] of doc.getPages().entries()) {
    const contents = page.node.get(CONTENTS);
    const streams = contents instanceof PDFArray ? contents.asArray() : [];
    let layers = 0;
    while (layers < streams.length - 1 && isStamp(streamText(context, streams[layers]))) layers++;
    if (layers === 0) throw new Error(`page ${index + 1} does not hold stamps as cpb lays them`);
    const own = streams.slice(layers);
    page.node.set(CONTENTS, own.length === 1 ? own[0]! : context.obj(own));
    for (const [, dict] of resourceDicts(page)) {
      for (const name of dict.keys()) if (name.decodeText().startsWith(PREFIX)) dict.delete(name);
    }
  }
}

/** The page's resources as a dictionary of its own (not one inherited from the page tree, which other pages share). */
function ownResources(doc: PDFDocument, page: PDFPage, shared: ReadonlySet<PDFRef>): PDFDict {
  const name = PDFName.of('Resources');
  const direct = page.node.get(name);
  const own = direct instanceof PDFDict ? direct : direct instanceof PDFRef ? doc.context.lookupMaybe(direct, PDFDict) : undefined;
  if (own && !(direct instanceof PDFRef && shared.has(direct))) return own;
  const copy = (own ?? page.node.Resources())?.clone(doc.context) ?? (doc.context.obj({}) as PDFDict);
  page.node.set(name, copy);
  return copy;
}

/** Resources that more than one page names. */
function sharedResources(pages: readonly PDFPage[]): Set<PDFRef> {
  const seen = new Set<PDFRef>();
  const shared = new Set<PDFRef>();
  for (const page of pages) {
    const ref = page.node.get(PDFName.of('Resources'));
    if (ref instanceof PDFRef) (seen.has(ref) ? shared : seen).add(ref);
  }
  return shared;
}

/** The page's resources by kind (Font, ExtGState…), those that are dictionaries of names (not /ProcSet). */
function resourceDicts(page: PDFPage): [PDFName, PDFDict][] {
  const resources = page.node.Resources();
  return (resources?.keys() ?? []).flatMap((category) => {
    const dict = resources!.lookup(category);
    return dict instanceof PDFDict ? [[category, dict] as [PDFName, PDFDict]] : [];
  });
}

/** What resource names of stamps start with, followed by the layer's number. */
const PREFIX = 'CpbStamp';
const CONTENTS = PDFName.of('Contents');

function isStamp(text: string): boolean {
  return /^\/Artifact BMC\nq\n/.test(text) && text.includes(`/${PREFIX}`) && /\nQ\nEMC\n$/.test(text);
}

/** How many layers of stamps a page has had laid over it (by the names of their resources). */
function stampLayersOf(page: PDFPage): number {
  let layers = 0;
  for (const [, dict] of resourceDicts(page)) {
    for (const name of dict.keys()) {
      const layer = new RegExp(`^${PREFIX}(\\d+)_`).exec(name.decodeText());
      if (layer) layers = Math.max(layers, Number(layer[1]));
    }
  }
  return layers;
}

function streamText(context: PDFContext, ref: PDFObject | undefined): string {
  const stream = ref && context.lookup(ref);
  return stream instanceof PDFRawStream ? Buffer.from(decodePDFRawStream(stream).decode()).toString('latin1') : '';
}

/**
 * A copied stamp page (not in the page tree) as content to put in a page's own: one stream
 * whose resource names carry `prefix`, and those resources. The page itself is dropped.
 */
function inline(doc: PDFDocument, page: PDFPage, prefix: string): { stream: PDFRef; resources: [PDFName, PDFName, PDFObject][] } {
  const context = doc.context;
  const contents = page.node.get(CONTENTS);
  const refs = contents instanceof PDFRef ? [contents] : contents instanceof PDFArray ? contents.asArray().filter((r): r is PDFRef => r instanceof PDFRef) : [];
  const text = refs.map((ref) => streamText(context, ref)).join('\n');
  const resources: [PDFName, PDFName, PDFObject][] = [];
  const renamed = new Map<string, string>();
  for (const [category, dict] of resourceDicts(page)) {
    for (const [name, value] of dict.entries()) {
      const to = `${prefix}${name.decodeText()}`;
      renamed.set(name.decodeText(), to);
      resources.push([category, PDFName.of(to), value]);
    }
  }
  // Names in the stamp's content that are its resources' (a stamp's text is hex glyph codes, so no name is inside a string).
  const body = text.replace(/\/([^\s/[\]<>(){}%]+)/g, (all, name: string) => (renamed.has(name) ? `/${renamed.get(name)}` : all));
  refs.forEach((ref) => context.delete(ref));
  context.delete(page.ref);
  // Left uncompressed: a few hundred bytes each, and compressing hundreds of them one by one in
  // JavaScript cost a third of a second for a 300-page meeting.
  const stream = PDFRawStream.of(context.obj({}), new Uint8Array(Buffer.from(`/Artifact BMC\nq\n${body}\nQ\nEMC\n`, 'latin1')));
  return { stream: context.register(stream), resources };
}
