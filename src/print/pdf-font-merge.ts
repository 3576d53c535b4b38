import { createHash } from 'node:crypto';
import { deflateSync } from 'node:zlib';
import { PDFArray, PDFDict, PDFName, PDFNumber, PDFRawStream, PDFRef, PDFStream, type PDFContext, type PDFDocument, type PDFObject } from '../pdf-lib.js';
import { cidWidths, unicodeMap } from '../render/pdf/pdf-fonts.js';
import { streamBytes } from '../render/pdf/pdf-stream-bytes.js';
import { readSubset, SubsetUnion } from './truetype-subset.js';

const N = (name: string) => PDFName.of(name);
const TYPE0_KEYS = new Set(['Type', 'Subtype', 'BaseFont', 'Encoding', 'DescendantFonts', 'ToUnicode']);
const CID_KEYS = new Set(['Type', 'Subtype', 'BaseFont', 'FontDescriptor', 'CIDToGIDMap', 'CIDSystemInfo', 'W', 'DW']);
const DESCRIPTOR_KEYS = new Set(['Type', 'FontName', 'Flags', 'Ascent', 'Descent', 'StemV', 'StemH', 'CapHeight', 'XHeight', 'ItalicAngle', 'FontBBox', 'FontFile2', 'Leading', 'AvgWidth', 'MaxWidth', 'MissingWidth', 'FontFamily', 'FontStretch', 'FontWeight']);
const SUBSET_TAG = /^[A-Z]{6}\+/;
const TYPE = N('Type');
const FONT = N('Font');
const DESCRIPTOR = N('FontDescriptor');
const RESOURCES = N('Resources');
const DR = N('DR');
/** The entries by which a font names its parts. */
const PART_KEYS = ['DescendantFonts', 'ToUnicode', 'FontDescriptor', 'FontFile', 'FontFile2', 'FontFile3'].map(N);

/** One composite TrueType font of the document, as Chromium embeds them. */
interface Candidate {
  ref: PDFRef;
  /** Its objects: the font, its descendant, descriptor, font program and ToUnicode map. */
  parts: PDFRef[];
  name: string;
  descriptor: PDFDict;
  cid: PDFDict;
  /** By code shown: its width. */
  widths: Map<number, number>;
  unicode: Map<number, string>;
  /** The codes (glyph ids) it shows: in its ToUnicode map, or with an outline and its true width. */
  used: Set<number>;
  program: ReturnType<typeof readSubset>;
}

/** Subsets of one font merged so far, with what the PDF says of their glyphs. */
interface Merged {
  fonts: Candidate[];
  glyphs: SubsetUnion;
  widths: Map<number, number>;
  unicode: Map<number, string>;
}

/**
 * Embeds each font once in a document made of several prints. Each paper's print brings its own
 * subset of every font it uses (a pack of 33 papers: 70 subsets of two fonts, more than half the
 * pack's bytes); the subsets of one font are merged into one (`SubsetUnion`) and every resource
 * dictionary (of a page, form, pattern, Type 3 font or form field) that named one of them names
 * the merged font.
 *
 * Only composite fonts of the kind Chromium writes are merged (TrueType, Identity-H, glyph ids
 * as CIDs): any other font, a font whose parts cannot be read, or subsets that do not agree on a
 * glyph, its width or its text are left as they are. What a page shows and the text it gives are
 * the same before and after.
 */
export function mergeFonts(doc: PDFDocument): void {
  const context = doc.context;
  const groups = new Map<string, Merged[]>();
  /** How many fonts and descriptors name each object: a part named by another font stays. */
  const named = new Map<PDFRef, number>();
  /** The Font entries of every resource dictionary: fonts are named from these alone. */
  const fontLists: PDFDict[] = [];
  for (const [ref, object] of context.enumerateIndirectObjects()) {
    const dict = object instanceof PDFDict ? object : object instanceof PDFStream ? object.dict : undefined;
    if (!dict) continue;
    for (const key of [RESOURCES, DR]) {
      const resources = dict.lookup(key);
      const fonts = resources instanceof PDFDict ? resources.lookup(FONT) : undefined;
      if (fonts instanceof PDFDict) fontLists.push(fonts);
    }
    const type = dict.get(TYPE);
    if (type !== FONT && type !== DESCRIPTOR) continue;
    for (const key of PART_KEYS) countParts(dict.get(key), named, context);
    const font = type === FONT && object instanceof PDFDict ? candidate(context, ref, object) : undefined;
    if (!font) continue;
    const key = groupKey(font);
    const merges = groups.get(key) ?? [];
    groups.set(key, merges);
    if (merges.some((m) => join(m, font))) continue;
    const fresh: Merged = { fonts: [], glyphs: new SubsetUnion(), widths: new Map(), unicode: new Map() };
    if (join(fresh, font)) merges.push(fresh);
  }
  const replaced = new Map<PDFRef, PDFRef>();
  for (const merges of groups.values()) {
    for (const merged of merges) {
      if (merged.fonts.length < 2) continue;
      let program: Uint8Array;
      try {
        program = merged.glyphs.program();
      } catch {
        continue;
      }
      const ref = writeMerged(context, merged, program);
      for (const font of merged.fonts) replaced.set(font.ref, ref);
    }
  }
  if (replaced.size === 0) return;
  for (const fonts of fontLists) {
    for (const [name, value] of fonts.entries()) {
      const to = value instanceof PDFRef ? replaced.get(value) : undefined;
      if (to) fonts.set(name, to);
    }
  }
  // The merged fonts' old objects, each named by its own font alone.
  for (const merges of groups.values()) {
    for (const merged of merges) {
      if (!replaced.has(merged.fonts[0]!.ref)) continue;
      for (const font of merged.fonts) {
        context.delete(font.ref);
        for (const part of font.parts) if (named.get(part) === 1) context.delete(part);
      }
    }
  }
}

/** Counts the refs in a font's or descriptor's entry (DescendantFonts is an array of them). */
function countParts(value: PDFObject | undefined, named: Map<PDFRef, number>, context: PDFContext): void {
  const list = value instanceof PDFArray ? value : value instanceof PDFRef && context.lookup(value) instanceof PDFArray ? (context.lookup(value) as PDFArray) : undefined;
  if (list) {
    for (let i = 0; i < list.size(); i++) countParts(list.get(i), named, context);
    return;
  }
  if (value instanceof PDFRef) named.set(value, (named.get(value) ?? 0) + 1);
}

/** A Type 0 font of the kind merged, read; undefined for any other object or font. */
function candidate(context: PDFContext, ref: PDFRef, font: PDFDict): Candidate | undefined {
  if (font.get(N('Type')) !== N('Font') || font.get(N('Subtype')) !== N('Type0') || font.get(N('Encoding')) !== N('Identity-H')) return undefined;
  if (!onlyKeys(font, TYPE0_KEYS)) return undefined;
  const descendants = font.get(N('DescendantFonts'));
  const list = descendants instanceof PDFRef ? context.lookup(descendants) : descendants;
  const cidRef = list instanceof PDFArray && list.size() === 1 ? list.get(0) : undefined;
  const toUnicodeRef = font.get(N('ToUnicode'));
  if (!(cidRef instanceof PDFRef) || !(toUnicodeRef instanceof PDFRef) || descendants instanceof PDFRef) return undefined;
  const cid = context.lookup(cidRef);
  const toUnicode = context.lookup(toUnicodeRef);
  if (!(cid instanceof PDFDict) || !(toUnicode instanceof PDFRawStream) || !onlyKeys(cid, CID_KEYS)) return undefined;
  if (cid.get(N('Subtype')) !== N('CIDFontType2') || cid.get(N('CIDToGIDMap')) !== N('Identity')) return undefined;
  const descriptorRef = cid.get(N('FontDescriptor'));
  const descriptor = descriptorRef instanceof PDFRef ? context.lookup(descriptorRef) : undefined;
  if (!(descriptorRef instanceof PDFRef) || !(descriptor instanceof PDFDict) || !onlyKeys(descriptor, DESCRIPTOR_KEYS)) return undefined;
  const programRef = descriptor.get(N('FontFile2'));
  const programStream = programRef instanceof PDFRef ? context.lookup(programRef) : undefined;
  const fontName = descriptor.get(N('FontName'));
  if (!(programRef instanceof PDFRef) || !(programStream instanceof PDFRawStream) || !(fontName instanceof PDFName)) return undefined;
  // Each part belongs to this font alone, as Chromium writes them.
  const parts = [ref, cidRef, toUnicodeRef, descriptorRef, programRef];
  try {
    const program = readSubset(streamBytes(programStream));
    const written = cidWidths(cid.lookup(N('W')));
    const unicode = unicodeMap(toUnicode, 2);
    const dw = cid.lookup(N('DW'));
    const defaultWidth = dw instanceof PDFNumber ? dw.asNumber() : 1000;
    // Chromium's /W gives glyphs it does not show (parts of others: the u of û) whatever width
    // makes its runs shorter, so a width alone does not say a glyph is shown: its text does, or
    // an outline with its true width.
    const used = new Set<number>(unicode.keys());
    const scale = 1000 / program.unitsPerEm;
    program.glyphs.forEach((g, gid) => g && Math.abs((written.get(gid) ?? NaN) - program.advance[gid]! * scale) < 0.01 && used.add(gid));
    // Every code shown has its width written out once merged: the default may differ between
    // subsets. Codes none shows (the zeros between others in /W) are left out.
    const widths = new Map<number, number>();
    for (const code of used) widths.set(code, written.get(code) ?? defaultWidth);
    return { ref, parts, name: fontName.decodeText().replace(SUBSET_TAG, ''), descriptor, cid, widths, unicode, used, program };
  } catch {
    return undefined;
  }
}

function onlyKeys(dict: PDFDict, allowed: ReadonlySet<string>): boolean {
  return dict.keys().every((k) => allowed.has(k.decodeText()));
}

/** Fonts that may be merged: one name (without the subset's tag), one descriptor, one character collection. */
function groupKey(font: Candidate): string {
  const described = font.descriptor
    .entries()
    .filter(([k]) => k !== N('FontName') && k !== N('FontFile2'))
    .map(([k, v]) => `${k.toString()} ${v.toString()}`)
    .sort();
  return [font.name, font.cid.lookup(N('CIDSystemInfo'))?.toString() ?? '', ...described].join('\n');
}

/** Adds `font` to `merged` when they agree on every code both show; false (nothing changed) otherwise. */
function join(merged: Merged, font: Candidate): boolean {
  for (const code of font.used) {
    const w = merged.widths.get(code);
    if (w !== undefined && w !== font.widths.get(code)) return false;
    const text = merged.unicode.get(code);
    const theirs = font.unicode.get(code);
    if (text !== undefined && theirs !== undefined && text !== theirs) return false;
  }
  if (!merged.glyphs.add(font.program, font.used)) return false;
  merged.fonts.push(font);
  for (const code of font.used) merged.widths.set(code, font.widths.get(code)!);
  for (const [code, text] of font.unicode) merged.unicode.set(code, text);
  return true;
}

/** The merged font's objects, modelled on the first subset's; returns the font's ref. */
function writeMerged(context: PDFContext, merged: Merged, program: Uint8Array): PDFRef {
  const first = merged.fonts[0]!;
  // A subset's tag: six capitals, here from the program's bytes, so the same fonts give the same name.
  const digest = createHash('sha256').update(program).digest();
  const tag = Array.from(digest.subarray(0, 6), (b) => String.fromCharCode(65 + (b % 26))).join('');
  const name = N(`${tag}+${first.name}`);
  const programRef = context.register(context.stream(deflateSync(program), { Filter: 'FlateDecode', Length1: program.byteLength }));
  const descriptor = first.descriptor.clone(context);
  descriptor.set(N('FontName'), name);
  descriptor.set(N('FontFile2'), programRef);
  const descriptorRef = context.register(descriptor);
  const cid = first.cid.clone(context);
  cid.set(N('BaseFont'), name);
  cid.set(N('FontDescriptor'), descriptorRef);
  cid.set(N('W'), widthsArray(context, merged.widths));
  const cidRef = context.register(cid);
  const toUnicodeRef = context.register(context.stream(deflateSync(toUnicodeCMap(merged.unicode)), { Filter: 'FlateDecode' }));
  return context.register(
    context.obj({ Type: 'Font', Subtype: 'Type0', BaseFont: name, Encoding: 'Identity-H', DescendantFonts: [cidRef], ToUnicode: toUnicodeRef }),
  );
}

/** /W as runs of codes that follow on: `first [w1 w2 …]`. */
function widthsArray(context: PDFContext, widths: Map<number, number>): PDFArray {
  const out = PDFArray.withContext(context);
  let run: PDFArray | undefined;
  let next = -1;
  for (const code of [...widths.keys()].sort((a, b) => a - b)) {
    if (!run || code !== next) {
      run = PDFArray.withContext(context);
      out.push(PDFNumber.of(code));
      out.push(run);
    }
    run.push(PDFNumber.of(widths.get(code)!));
    next = code + 1;
  }
  return out;
}

/** A ToUnicode CMap of two-byte codes, one bfchar entry per code, a hundred to a block. */
function toUnicodeCMap(unicode: Map<number, string>): Uint8Array {
  const hex = (n: number) => n.toString(16).toUpperCase().padStart(4, '0');
  const text = (s: string) => Array.from({ length: s.length }, (_, i) => hex(s.charCodeAt(i))).join('');
  const codes = [...unicode.keys()].sort((a, b) => a - b);
  const blocks: string[] = [];
  for (let i = 0; i < codes.length; i += 100) {
    const block = codes.slice(i, i + 100);
    blocks.push(`${block.length} beginbfchar\n${block.map((c) => `<${hex(c)}> <${text(unicode.get(c)!)}>`).join('\n')}\nendbfchar`);
  }
  const cmap = [
    '/CIDInit /ProcSet findresource begin',
    '12 dict begin',
    'begincmap',
    '/CIDSystemInfo << /Registry (Adobe) /Ordering (UCS) /Supplement 0 >> def',
    '/CMapName /Adobe-Identity-UCS def',
    '/CMapType 2 def',
    '1 begincodespacerange',
    '<0000> <FFFF>',
    'endcodespacerange',
    ...blocks,
    'endcmap',
    'CMapName currentdict /CMap defineresource pop',
    'end',
    'end',
  ].join('\n');
  return new Uint8Array(Buffer.from(cmap, 'latin1'));
}
