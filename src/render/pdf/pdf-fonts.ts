import { PDFArray, PDFDict, PDFName, PDFNumber, PDFRawStream } from '../../pdf-lib.js';
import { streamBytes } from './pdf-stream-bytes.js';
import { Tok, Tokens } from './pdf-tokens.js';

/**
 * What the words reader needs of a font: how many bytes make a character code, what Unicode text
 * each code stands for, and how far each advances (thousandths of the font size). Only fonts whose
 * text is fully given by a ToUnicode map are taken: anything else (a Type 3 font, vertical
 * writing, a font that leaves its text to its encoding or its program) makes the reader give the
 * PDF to pdf.js, which knows them all.
 */
export interface TextFont {
  codeBytes: 1 | 2;
  /** By code: the text it stands for. */
  text: (string | undefined)[];
  /** By code: what kind of character it is (Glyph), Glyph.None where the font gives no text. */
  kind: Uint8Array;
  /** By code: how far it advances, in thousandths of the font size. */
  width: Float64Array;
}

/** What pdf.js makes of a character: spaces only move on, format marks are dropped, marks take no room. */
export const enum Glyph {
  None,
  Letter,
  Space,
  Invisible,
  Diacritic,
}

const SPACE = /^\s/u;
const INVISIBLE = /\p{Cf}$/u;
const DIACRITIC = /\p{Mn}/u;

function made(codeBytes: 1 | 2, unicode: Map<number, string>, widths: Map<number, number>, defaultWidth: number): TextFont {
  const size = codeBytes === 1 ? 256 : 65536;
  const font: TextFont = { codeBytes, text: new Array<string | undefined>(size), kind: new Uint8Array(size), width: new Float64Array(size).fill(defaultWidth) };
  for (const [code, w] of widths) if (code >= 0 && code < size) font.width[code] = w;
  for (const [code, text] of unicode) {
    if (code < 0 || code >= size) continue;
    font.text[code] = text;
    font.kind[code] = SPACE.test(text) ? Glyph.Space : INVISIBLE.test(text) ? Glyph.Invisible : DIACRITIC.test(text) ? Glyph.Diacritic : Glyph.Letter;
  }
  return font;
}

/** Thrown where a PDF uses what the words reader does not handle. */
export class NotReadable extends Error {}

export function textFont(font: PDFDict): TextFont {
  const subtype = font.lookup(PDFName.of('Subtype'));
  const toUnicode = font.lookup(PDFName.of('ToUnicode'));
  if (!(toUnicode instanceof PDFRawStream)) throw new NotReadable('a font without a ToUnicode map');
  if (subtype === PDFName.of('Type0')) {
    if (font.lookup(PDFName.of('Encoding')) !== PDFName.of('Identity-H')) throw new NotReadable('a composite font not encoded Identity-H');
    const descendants = font.lookup(PDFName.of('DescendantFonts'));
    const cid = descendants instanceof PDFArray ? descendants.lookup(0) : undefined;
    if (!(cid instanceof PDFDict)) throw new NotReadable('a composite font without its descendant');
    const dw = cid.lookup(PDFName.of('DW'));
    return made(2, unicodeMap(toUnicode, 2), cidWidths(cid.lookup(PDFName.of('W'))), dw instanceof PDFNumber ? dw.asNumber() : 1000);
  }
  if (subtype !== PDFName.of('TrueType') && subtype !== PDFName.of('Type1') && subtype !== PDFName.of('MMType1')) throw new NotReadable('a font of another kind');
  const first = font.lookup(PDFName.of('FirstChar'));
  const list = font.lookup(PDFName.of('Widths'));
  if (!(first instanceof PDFNumber) || !(list instanceof PDFArray)) throw new NotReadable('a simple font without its widths');
  const widths = new Map<number, number>();
  for (let i = 0; i < list.size(); i++) {
    const w = list.lookup(i);
    if (w instanceof PDFNumber) widths.set(first.asNumber() + i, w.asNumber());
  }
  const descriptor = font.lookup(PDFName.of('FontDescriptor'));
  const missing = descriptor instanceof PDFDict ? descriptor.lookup(PDFName.of('MissingWidth')) : undefined;
  return made(1, unicodeMap(toUnicode, 1), widths, missing instanceof PDFNumber ? missing.asNumber() : 0);
}

/** A descendant font's /W array: `c [w1 w2 …]` and `cFirst cLast w` entries. */
export function cidWidths(w: unknown): Map<number, number> {
  const widths = new Map<number, number>();
  if (!(w instanceof PDFArray)) return widths;
  const items = w.asArray().map((_, i) => w.lookup(i));
  for (let i = 0; i < items.length; ) {
    const start = items[i];
    const next = items[i + 1];
    if (!(start instanceof PDFNumber)) throw new NotReadable('a damaged widths array');
    if (next instanceof PDFArray) {
      for (let k = 0; k < next.size(); k++) {
        const v = next.lookup(k);
        if (v instanceof PDFNumber) widths.set(start.asNumber() + k, v.asNumber());
      }
      i += 2;
    } else {
      const last = next;
      const v = items[i + 2];
      if (!(last instanceof PDFNumber) || !(v instanceof PDFNumber)) throw new NotReadable('a damaged widths array');
      if (last.asNumber() - start.asNumber() > 0xffff) throw new NotReadable('a widths range too long');
      for (let c = start.asNumber(); c <= last.asNumber(); c++) widths.set(c, v.asNumber());
      i += 3;
    }
  }
  return widths;
}

/** The codes of a ToUnicode CMap (bfchar and bfrange), each code `codeBytes` long. */
export function unicodeMap(stream: PDFRawStream, codeBytes: 1 | 2): Map<number, string> {
  const map = new Map<number, string>();
  const t = new Tokens(streamBytes(stream));
  const code = (bytes: Uint8Array) => {
    if (bytes.length !== codeBytes) throw new NotReadable('a ToUnicode map with codes of another length');
    return codeBytes === 1 ? bytes[0]! : (bytes[0]! << 8) | bytes[1]!;
  };
  const operands: (Uint8Array | Uint8Array[])[] = [];
  let inArray: Uint8Array[] | undefined;
  let section = '';
  while (t.next()) {
    if (t.kind === Tok.String) {
      if (inArray) inArray.push(t.bytes);
      else operands.push(t.bytes);
    } else if (t.kind === Tok.ArrayOpen) inArray = [];
    else if (t.kind === Tok.ArrayClose) {
      if (inArray) operands.push(inArray);
      inArray = undefined;
    } else if (t.kind === Tok.Word) {
      const word = t.word();
      if (word === 'usecmap') throw new NotReadable('a ToUnicode map built on another');
      if (word === 'beginbfchar' || word === 'beginbfrange' || word === 'begincodespacerange') section = word;
      else if (word === 'endbfchar') {
        for (let i = 0; i + 1 < operands.length; i += 2) map.set(code(operands[i] as Uint8Array), utf16(operands[i + 1] as Uint8Array));
        section = '';
      } else if (word === 'endbfrange') {
        for (let i = 0; i + 2 < operands.length; i += 3) {
          const lo = code(operands[i] as Uint8Array);
          const hi = code(operands[i + 1] as Uint8Array);
          const to = operands[i + 2]!;
          if (hi - lo > 0xffff) throw new NotReadable('a ToUnicode range too long');
          if (Array.isArray(to)) to.forEach((dst, k) => lo + k <= hi && map.set(lo + k, utf16(dst)));
          else for (let c = lo; c <= hi; c++) map.set(c, utf16(bumped(to, c - lo)));
        }
        section = '';
      } else if (word === 'endcodespacerange') {
        for (const range of operands) if (!(range instanceof Uint8Array) || range.length !== codeBytes) throw new NotReadable('a ToUnicode map with codes of another length');
        section = '';
      }
      if (!section || section === word) {
        operands.length = 0;
        t.clearStrings();
      }
    } else if (!section) operands.length = 0;
  }
  return map;
}

/** A bfrange's destination for the code `by` past its first: its last byte counted on. */
function bumped(dst: Uint8Array, by: number): Uint8Array {
  if (by === 0) return dst;
  const out = dst.slice();
  let carry = by;
  for (let i = out.length - 1; i >= 0 && carry; i--) {
    const v = out[i]! + carry;
    out[i] = v & 255;
    carry = v >> 8;
  }
  return out;
}

function utf16(bytes: Uint8Array): string {
  let s = '';
  for (let i = 0; i + 1 < bytes.length; i += 2) s += String.fromCharCode((bytes[i]! << 8) | bytes[i + 1]!);
  if (bytes.length === 1) s = String.fromCharCode(bytes[0]!);
  return s;
}
