import { PDFArray, PDFDict, PDFName, PDFNumber, PDFRawStream, type PDFDocument } from '../../pdf-lib.js';
import { multiply, type Matrix } from '../pdf/pdf-matrix.js';
import { Glyph, NotReadable, textFont, type TextFont } from '../pdf/pdf-fonts.js';
import { streamBytes } from '../pdf/pdf-stream-bytes.js';
import { opCode, Tok, Tokens } from '../pdf/pdf-tokens.js';

/**
 * The words of a PDF for the site's search, read from its pages' content streams: what text each
 * glyph stands for (its font's ToUnicode map) and where it is drawn, a space put between glyphs
 * where pdf.js would put one (a gap of more than about a tenth of the font size, a space glyph
 * between them, or a new line). It gives the same text as reading the PDF with pdf.js
 * (pdf-text.ts, which this stands in front of; checked on Chromium's and LibreOffice's PDFs and on
 * pages of every text operator) in about a twentieth of the time: pdf.js interprets every
 * operator of a page, and a report printed by Chromium places each glyph with operators of its own.
 *
 * Throws NotReadable for anything it does not handle (fonts without a ToUnicode map, Type 3
 * fonts, rotated or vertical text, right-to-left scripts, encryption); the caller then asks pdf.js.
 */
export function pdfWords(doc: PDFDocument): { text: string; pages: number } {
  // pdf-lib leaves an encrypted document's streams as they are; pdf.js decrypts them.
  if (doc.isEncrypted) throw new NotReadable('an encrypted PDF');
  const pages = doc.getPages();
  const fonts = new Map<PDFDict, TextFont>();
  const texts = pages.map((page) => {
    const node = page.node;
    const contents = node.Contents();
    const streams = contents instanceof PDFArray ? contents.asArray().map((ref) => node.context.lookup(ref)) : [contents];
    const parts: Uint8Array[] = [];
    for (const s of streams) {
      if (s instanceof PDFRawStream) parts.push(streamBytes(s), Uint8Array.of(10));
      else if (s !== undefined) throw new NotReadable('a page whose content is not a stream');
    }
    const { x, y, width, height } = page.getCropBox();
    const reader = new PageReader([Math.min(x, x + width), Math.min(y, y + height), Math.max(x, x + width), Math.max(y, y + height)], fonts);
    reader.run(Buffer.concat(parts), node.Resources(), { ctm: [1, 0, 0, 1, 0, 0], font: undefined, fontSize: 0, charSpacing: 0, wordSpacing: 0, hScale: 1, leading: 0, rise: 0 }, 0);
    return reader.text();
  });
  const text = texts.join(' ');
  if (RIGHT_TO_LEFT.test(text)) throw new NotReadable('right-to-left text');
  return { text: normalised(text), pages: pages.length };
}


interface GraphicsState {
  ctm: Matrix;
  font: TextFont | undefined;
  fontSize: number;
  charSpacing: number;
  wordSpacing: number;
  hScale: number;
  leading: number;
  rise: number;
}

/** Forms within forms deeper than this are taken as a loop. */
const MAX_DEPTH = 12;

const OP = {
  q: opCode('q'),
  Q: opCode('Q'),
  cm: opCode('cm'),
  BT: opCode('BT'),
  Tf: opCode('Tf'),
  Tc: opCode('Tc'),
  Tw: opCode('Tw'),
  Tz: opCode('Tz'),
  TL: opCode('TL'),
  Ts: opCode('Ts'),
  Td: opCode('Td'),
  TD: opCode('TD'),
  Tm: opCode('Tm'),
  TStar: opCode('T*'),
  Tj: opCode('Tj'),
  TJ: opCode('TJ'),
  quote: opCode("'"),
  doubleQuote: opCode('"'),
  Do: opCode('Do'),
  BI: opCode('BI'),
  ID: opCode('ID'),
  gs: opCode('gs'),
  d0: opCode('d0'),
  d1: opCode('d1'),
};

class PageReader {
  /**
   * The page's text as UTF-16LE bytes: a string built a glyph at a time made a million strings
   * for the garbage collector.
   */
  private bytes: Uint8Array = Buffer.allocUnsafe(16384);
  private length = 0;
  /** Where the last glyph ended, and the measures pdf.js would judge the next glyph's gap by. */
  private hasLast = false;
  private lastX = 0;
  private lastY = 0;
  private lastHeight = 0;
  private lastScale = 1;
  private lastFontSize = 0;
  /** The last two characters seen, spaces included (pdf.js puts a space where a space glyph stood). */
  private older = ' ';
  private recent = ' ';
  constructor(
    private readonly viewBox: [number, number, number, number],
    /** The document's fonts as read so far: pages share them. */
    private readonly fonts: Map<PDFDict, TextFont>,
  ) {}

  /** Reads a content stream; a form's starts from the graphics state (text state too) where it is drawn. */
  run(content: Uint8Array, resources: PDFDict | undefined, start: GraphicsState, depth: number): void {
    if (depth > MAX_DEPTH) throw new NotReadable('forms nested too deep');
    const t = new Tokens(content);
    const stack: GraphicsState[] = [];
    let gs: GraphicsState = { ...start };
    // The text matrix (a b c d e f) and the text line matrix, as numbers: each glyph moves the first.
    let a = 1, b = 0, c = 0, d = 1, e = 0, f = 0;
    let la = 1, lb = 0, lc = 0, ld = 1, le = 0, lf = 0;
    // The operands of the operator to come: numbers, the last string, the last name, an array.
    const nums = new Float64Array(16);
    let count = 0;
    let strStart = -1;
    let strLength = 0;
    let name = '';
    let array: number[] | undefined;
    let dictDepth = 0;
    const fontResources = resources?.lookup(PDFName.of('Font'));
    const xobjects = resources?.lookup(PDFName.of('XObject'));
    const vb = this.viewBox;

    const moveLine = (tx: number, ty: number) => {
      le = la * tx + lc * ty + le;
      lf = lb * tx + ld * ty + lf;
      a = la; b = lb; c = lc; d = ld; e = le; f = lf;
    };

    const show = (bytes: Uint8Array, from: number, to: number, extra: number) => {
      const font = gs.font;
      if (!font) return;
      const step = font.codeBytes;
      const m = gs.ctm;
      const size = gs.fontSize;
      const h = gs.hScale;
      for (let i = from; i + step <= to; i += step) {
        const code = step === 1 ? bytes[i]! : (bytes[i]! << 8) | bytes[i + 1]!;
        const kind = font.kind[code]!;
        if (kind === Glyph.None) throw new NotReadable('a glyph its font gives no text for');
        if (kind === Glyph.Invisible) continue;
        let spacing = gs.charSpacing + (i + step * 2 > to ? extra : 0);
        const advance = (font.width[code]! / 1000) * size;
        if (code === 0x20) spacing += gs.wordSpacing;
        if (kind === Glyph.Space) {
          const tx = (spacing + advance) * h;
          e += a * tx;
          f += b * tx;
          this.saw(' ');
          continue;
        }
        // Where the glyph is drawn: the text matrix, with the rise, in the page's space.
        const ta = m[0] * a + m[2] * b;
        const tb = m[1] * a + m[3] * b;
        const tc = m[0] * c + m[2] * d;
        const td = m[1] * c + m[3] * d;
        if (tb !== 0 || tc !== 0 || ta <= 0) throw new NotReadable('text that is not upright');
        const re = c * gs.rise + e;
        const rf = d * gs.rise + f;
        const x = m[0] * re + m[2] * rf + m[4];
        const y = m[1] * re + m[3] * rf + m[5];
        const diacritic = kind === Glyph.Diacritic;
        if (!diacritic) {
          // Off the page, as pdf.js judges it (by the glyph's width in text space), it is not read.
          if (x + advance < vb[0] || x > vb[2] || y < vb[1] || y > vb[3]) {
            e += a * advance * h;
            f += b * advance * h;
            continue;
          }
          this.compare(x, y);
          const drawn = advance * h;
          e += a * drawn;
          f += b * drawn;
          if (drawn) {
            this.hasLast = true;
            this.lastX = x + ta * drawn;
            this.lastY = y + tb * drawn;
            this.lastHeight = Math.sqrt(tc * tc + td * td) * size;
            this.lastScale = Math.sqrt(la * la + lb * lb) * Math.sqrt(m[0] * m[0] + m[1] * m[1]);
            this.lastFontSize = size;
          }
        }
        const text = font.text[code]!;
        if (this.saw(text)) this.space();
        this.write(text);
        if (spacing) {
          e += a * spacing * h;
          f += b * spacing * h;
        }
      }
    };

    const showSpaced = (items: number[]) => {
      // As pdf.js does: the strings between two numbers shown as one, the number's shift after
      // its last glyph. Strings are given as -(start + 1), length; numbers as themselves, after a 0.
      let runFrom = -1;
      let runTo = -1;
      const strings = t.strings;
      for (let k = 0; k < items.length; k += 2) {
        if (items[k] === 0) {
          const shift = items[k + 1]!;
          if (shift === 0) continue;
          const extra = (-shift * gs.fontSize) / 1000;
          if (runFrom >= 0) {
            show(strings, runFrom, runTo, extra);
            runFrom = -1;
          } else {
            const tx = (gs.charSpacing + extra) * gs.hScale;
            e += a * tx;
            f += b * tx;
          }
        } else {
          const start = -items[k]! - 1;
          // Strings of one array lie one after another in the token reader's buffer.
          if (runFrom < 0) runFrom = start;
          runTo = start + items[k + 1]!;
        }
      }
      if (runFrom >= 0) show(strings, runFrom, runTo, 0);
    };

    while (t.next()) {
      switch (t.kind) {
        case Tok.Number:
          if (array) array.push(0, t.num);
          else if (!dictDepth) {
            // Only an operator's last operands count: an overlong run keeps the last sixteen.
            if (count === 16) nums.copyWithin(0, 1), count--;
            nums[count++] = t.num;
          }
          continue;
        case Tok.String:
          if (array) array.push(-t.start - 1, t.length);
          else if (!dictDepth) {
            strStart = t.start;
            strLength = t.length;
          }
          continue;
        case Tok.Name:
          if (!dictDepth && !array) name = t.text;
          continue;
        case Tok.ArrayOpen:
          if (!dictDepth) array = [];
          continue;
        case Tok.ArrayClose:
          continue;
        case Tok.DictOpen:
          dictDepth++;
          continue;
        case Tok.DictClose:
          if (dictDepth) dictDepth--;
          continue;
        case Tok.Word:
          break;
        default:
          continue;
      }
      const op = t.op;
      if (op === OP.Td || op === OP.TD) {
        if (count >= 2) {
          if (op === OP.TD) gs.leading = -nums[count - 1]!;
          moveLine(nums[count - 2]!, nums[count - 1]!);
        }
      } else if (op === OP.Tj) {
        if (strStart >= 0) show(t.strings, strStart, strStart + strLength, 0);
      } else if (op === OP.TJ) {
        if (array) showSpaced(array);
      } else if (op === OP.Tm) {
        if (count >= 6) {
          a = la = nums[count - 6]!;
          b = lb = nums[count - 5]!;
          c = lc = nums[count - 4]!;
          d = ld = nums[count - 3]!;
          e = le = nums[count - 2]!;
          f = lf = nums[count - 1]!;
        }
      } else if (op === OP.BT) {
        a = la = 1; b = lb = 0; c = lc = 0; d = ld = 1; e = le = 0; f = lf = 0;
      } else if (op === OP.Tf) {
        if (count >= 1) {
          gs.fontSize = nums[count - 1]!;
          gs.font = this.font(fontResources, name);
        }
      } else if (op === OP.q) stack.push({ ...gs });
      else if (op === OP.Q) gs = stack.pop() ?? gs;
      else if (op === OP.cm) {
        if (count >= 6) gs.ctm = multiply(Array.from(nums.subarray(count - 6, count)) as Matrix, gs.ctm);
      } else if (op === OP.Tc) {
        if (count) gs.charSpacing = nums[count - 1]!;
      } else if (op === OP.Tw) {
        if (count) gs.wordSpacing = nums[count - 1]!;
      } else if (op === OP.Tz) {
        if (count) gs.hScale = nums[count - 1]! / 100;
      } else if (op === OP.TL) {
        if (count) gs.leading = nums[count - 1]!;
      } else if (op === OP.Ts) {
        if (count) gs.rise = nums[count - 1]!;
      } else if (op === OP.TStar) moveLine(0, -gs.leading);
      else if (op === OP.quote || op === OP.doubleQuote) {
        if (op === OP.doubleQuote && count >= 2) {
          gs.wordSpacing = nums[count - 2]!;
          gs.charSpacing = nums[count - 1]!;
        }
        moveLine(0, -gs.leading);
        if (strStart >= 0) show(t.strings, strStart, strStart + strLength, 0);
      } else if (op === OP.Do) this.form(xobjects, name, resources, gs, depth);
      else if (op === OP.BI) {
        // Past the inline image's dictionary and data.
        while (t.next() && !(t.kind === Tok.Word && t.op === OP.ID));
        t.skipInlineImage();
      } else if (op === OP.gs) {
        if (extGStateFont(resources, name)) throw new NotReadable('a font set by a graphics state');
      } else if (op === OP.d0 || op === OP.d1) throw new NotReadable('a Type 3 glyph');
      count = 0;
      strStart = -1;
      array = undefined;
      dictDepth = 0;
      t.clearStrings();
    }
  }

  /** Whether the glyph at (x, y) starts a new word or line, by its distance from the last glyph. */
  private compare(x: number, y: number): void {
    if (!this.hasLast || (this.lastX === x && this.lastY === y)) return;
    const size = this.lastFontSize;
    const advanceX = (x - this.lastX) / this.lastScale;
    const advanceY = y - this.lastY;
    if (advanceX < -0.2 * size) {
      if (Math.abs(advanceY) > 0.5 * this.lastHeight) this.space();
      this.reset();
      return;
    }
    if (Math.abs(advanceY) > this.lastHeight) {
      this.space();
      this.reset();
      return;
    }
    if (advanceX <= 0.03 * size) this.reset();
    if (advanceX <= 0.102 * size) {
      if (this.recent === ' ' && this.older !== ' ') {
        this.reset();
        this.space();
      }
      return;
    }
    this.reset();
    this.space();
  }

  /** The page's text. */
  text(): string {
    return Buffer.from(this.bytes.buffer, this.bytes.byteOffset, this.length).toString('utf16le');
  }

  private space(): void {
    this.write(' ');
  }

  private write(text: string): void {
    if (this.length + 2 * text.length > this.bytes.length) {
      const grown = Buffer.allocUnsafe(Math.max(this.bytes.length * 2, this.length + 2 * text.length));
      grown.set(this.bytes.subarray(0, this.length));
      this.bytes = grown;
    }
    for (let i = 0; i < text.length; i++) {
      const unit = text.charCodeAt(i);
      this.bytes[this.length++] = unit & 255;
      this.bytes[this.length++] = unit >> 8;
    }
  }

  /** Notes a character seen; true when it follows a space that followed something else. */
  private saw(char: string): boolean {
    const after = this.older !== ' ' && this.recent === ' ';
    this.older = this.recent;
    this.recent = char;
    return after;
  }

  private reset(): void {
    this.older = this.recent = ' ';
  }

  private font(fonts: unknown, name: string): TextFont | undefined {
    const dict = fonts instanceof PDFDict ? fonts.lookup(PDFName.of(name)) : undefined;
    if (!(dict instanceof PDFDict)) return undefined;
    let font = this.fonts.get(dict);
    if (!font) this.fonts.set(dict, (font = textFont(dict)));
    return font;
  }

  /** A form's text, read in its own space: as pdf.js does, no space is put either side of it. */
  private form(xobjects: unknown, name: string, resources: PDFDict | undefined, gs: GraphicsState, depth: number): void {
    const form = xobjects instanceof PDFDict ? xobjects.lookup(PDFName.of(name)) : undefined;
    if (!(form instanceof PDFRawStream) || form.dict.lookup(PDFName.of('Subtype')) !== PDFName.of('Form')) return;
    const m = form.dict.lookup(PDFName.of('Matrix'));
    const matrix = m instanceof PDFArray && m.size() === 6 ? (m.asArray().map((_, i) => (m.lookup(i) as PDFNumber).asNumber()) as Matrix) : undefined;
    const own = form.dict.lookup(PDFName.of('Resources'));
    const saved = { hasLast: this.hasLast, x: this.lastX, y: this.lastY, height: this.lastHeight, scale: this.lastScale, size: this.lastFontSize, older: this.older, recent: this.recent };
    this.hasLast = false;
    this.reset();
    this.run(streamBytes(form), own instanceof PDFDict ? own : resources, { ...gs, ctm: matrix ? multiply(matrix, gs.ctm) : gs.ctm }, depth + 1);
    ({ hasLast: this.hasLast, x: this.lastX, y: this.lastY, height: this.lastHeight, scale: this.lastScale, size: this.lastFontSize, older: this.older, recent: this.recent } = saved);
  }
}

function extGStateFont(resources: PDFDict | undefined, name: string): boolean {
  const states = resources?.lookup(PDFName.of('ExtGState'));
  const state = states instanceof PDFDict ? states.lookup(PDFName.of(name)) : undefined;
  return state instanceof PDFDict && state.has(PDFName.of('Font'));
}

const RIGHT_TO_LEFT = /[\u0590-\u08ff\ufb1d-\ufdff\ufe70-\ufeff]/;
/** Characters whose compatibility form is what a reader searches for (ligatures, micro, ohm). */
const COMPATIBILITY = /[\u00b5\u2126\ufb00-\ufb04\ufb06]+/g;

function normalised(text: string): string {
  return text.replace(COMPATIBILITY, (s) => s.normalize('NFKC'));
}

export { NotReadable };

