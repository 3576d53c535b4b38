import { decodePDFRawStream, PDFArray, PDFDict, PDFName, PDFRawStream, type PDFStream, type PDFContext, type PDFObject, type PDFPageLeaf, type PDFRef } from 'pdf-lib';
import { concat, contentStreams } from './pdf-form.js';

/** The resource kinds a content stream names its fonts, images and states by (ISO 32000-1 §7.8.3). */
const RESOURCE_KINDS = ['ExtGState', 'ColorSpace', 'Pattern', 'Shading', 'XObject', 'Font', 'Properties'].map((k) => PDFName.of(k));

/** What the stamps of a page are renamed by when they join its content. */
export const STAMP_PREFIX = 'CpbS';

/** How the content stream that draws a page's stamps begins: an artifact, and a comment that says it is cpb's. */
const STAMP_HEAD = new TextEncoder().encode('q\n/Artifact BMC\n%cpb stamps\n');
const STAMP_TAIL = new TextEncoder().encode('\nEMC\nQ\n');

/** The decoded content of a page's streams, as one. */
export function decodedContent(leaf: PDFPageLeaf, streams = contentStreams(leaf)): Uint8Array {
  const parts: Uint8Array[] = [];
  for (const stream of streams) {
    if (stream instanceof PDFRawStream) parts.push(decodePDFRawStream(stream).decode(), Uint8Array.of(0x0a));
  }
  return concat(parts);
}

/**
 * A page's content and resources as stamps for another page showing the same page: the content
 * wrapped as an artifact (in its own graphics state), every resource it names renamed with
 * STAMP_PREFIX so that it cannot meet the other page's own names, and the renamed resources.
 */
export function stampsOf(leaf: PDFPageLeaf, copy: (object: PDFObject) => PDFObject): { content: Uint8Array; resources: [PDFName, PDFName, PDFObject][] } {
  const resources: [PDFName, PDFName, PDFObject][] = [];
  const names = new Set<string>();
  const own = leaf.Resources();
  for (const kind of RESOURCE_KINDS) {
    const dict = own?.lookupMaybe(kind, PDFDict);
    for (const [name, value] of dict?.entries() ?? []) {
      names.add(name.decodeText());
      resources.push([kind, PDFName.of(`${STAMP_PREFIX}${name.decodeText()}`), copy(value)]);
    }
  }
  const content = concat([STAMP_HEAD, renameNames(decodedContent(leaf), names, STAMP_PREFIX), STAMP_TAIL]);
  return { content, resources };
}

/** Whether a content stream is one stampsOf made (which setContents leaves uncompressed). */
export function isStampStream(stream: PDFStream): boolean {
  if (!(stream instanceof PDFRawStream) || stream.dict.has(PDFName.of('Filter'))) return false;
  const bytes = stream.contents;
  return bytes.length >= STAMP_HEAD.length && STAMP_HEAD.every((b, i) => bytes[i] === b);
}

/**
 * A page's resources with the stamps' added: a copy of each kind's dictionary, so that a
 * dictionary shared with other pages is left as it was. Resources already named with
 * STAMP_PREFIX (the stamps of an earlier use of the page) are left out.
 */
export function withStamps(context: PDFContext, base: PDFDict | undefined, stamps: [PDFName, PDFName, PDFObject][]): PDFDict {
  const out = context.obj({}) as PDFDict;
  for (const [key, value] of base?.entries() ?? []) out.set(key, value);
  for (const kind of RESOURCE_KINDS) {
    const dict = base?.lookupMaybe(kind, PDFDict);
    const added = stamps.filter(([k]) => k === kind);
    if (!dict && added.length === 0) continue;
    const copy = context.obj({}) as PDFDict;
    for (const [name, value] of dict?.entries() ?? []) if (!name.decodeText().startsWith(STAMP_PREFIX)) copy.set(name, value);
    for (const [, name, value] of added) copy.set(name, value);
    out.set(kind, copy);
  }
  return out;
}

/**
 * A page's resources without those of its stamps (named with STAMP_PREFIX), as a new dictionary in
 * the page's own document: what a pack copies when it takes the page without its stamps, so that
 * the stamps' fonts are not copied into the pack for nothing.
 */
export function withoutStamps(context: PDFContext, resources: PDFDict): PDFDict {
  const out = context.obj({}) as PDFDict;
  for (const [key, value] of resources.entries()) {
    const dict = RESOURCE_KINDS.includes(key) ? resources.lookupMaybe(key, PDFDict) : undefined;
    if (!dict) {
      out.set(key, value);
      continue;
    }
    const kept = context.obj({}) as PDFDict;
    for (const [name, entry] of dict.entries()) if (!name.decodeText().startsWith(STAMP_PREFIX)) kept.set(name, entry);
    out.set(key, kept);
  }
  return out;
}

/** Sets a page's content streams: the stamps first (small, and left uncompressed so they are known at a glance), then the rest. */
export function setContents(context: PDFContext, leaf: PDFPageLeaf, stamps: Uint8Array, rest: PDFRef[]): void {
  const stampRef = context.register(context.stream(stamps));
  leaf.set(PDFName.of('Contents'), context.obj([stampRef, ...rest]) as PDFArray);
}

const DELIMITERS = new Set([...'()<>[]{}/%'].map((c) => c.charCodeAt(0)));
const isWhite = (b: number) => b === 0x20 || b === 0x0a || b === 0x0d || b === 0x09 || b === 0x0c || b === 0x00;

/**
 * The content stream with each name in `names` given `prefix`, read token by token so that a
 * string or a comment is never changed. A stream with an inline image (binary data that a
 * tokenizer cannot step over safely) is refused: the stamps of a page never have one.
 */
export function renameNames(content: Uint8Array, names: ReadonlySet<string>, prefix: string): Uint8Array {
  const out: number[] = [];
  const prefixBytes = [...new TextEncoder().encode(prefix)];
  let i = 0;
  const n = content.length;
  while (i < n) {
    const b = content[i]!;
    if (b === 0x25) {
      // % comment, to the end of the line
      while (i < n && content[i] !== 0x0a && content[i] !== 0x0d) out.push(content[i++]!);
    } else if (b === 0x28) {
      // (literal string), balanced, with escapes
      let depth = 0;
      do {
        const c = content[i]!;
        out.push(c);
        if (c === 0x5c && i + 1 < n) out.push(content[++i]!);
        else if (c === 0x28) depth++;
        else if (c === 0x29) depth--;
        i++;
      } while (i < n && depth > 0);
    } else if (b === 0x3c && content[i + 1] !== 0x3c) {
      // <hex string>
      while (i < n && content[i] !== 0x3e) out.push(content[i++]!);
      if (i < n) out.push(content[i++]!);
    } else if (b === 0x2f) {
      let j = i + 1;
      while (j < n && !isWhite(content[j]!) && !DELIMITERS.has(content[j]!)) j++;
      const name = new TextDecoder().decode(content.subarray(i + 1, j));
      out.push(0x2f);
      if (names.has(name)) out.push(...prefixBytes);
      for (let k = i + 1; k < j; k++) out.push(content[k]!);
      i = j;
    } else if (!isWhite(b) && !DELIMITERS.has(b)) {
      let j = i;
      while (j < n && !isWhite(content[j]!) && !DELIMITERS.has(content[j]!)) j++;
      if (j - i === 2 && content[i] === 0x42 && content[i + 1] === 0x49) throw new Error('its stamps hold an inline image');
      for (let k = i; k < j; k++) out.push(content[k]!);
      i = j;
    } else {
      out.push(b);
      i++;
    }
  }
  return Uint8Array.from(out);
}
