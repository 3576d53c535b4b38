/**
 * A reader of the tokens of a PDF content stream or CMap, for the words of supplied PDFs
 * (pdf-words.ts). It makes one token at a time into its own fields rather than an object per
 * token: a page printed by Chromium places every glyph with an operator of its own, so a 150-page
 * report is a million tokens.
 */

export const enum Tok {
  End,
  Number,
  /** A literal or hexadecimal string: its bytes are `strings[start, start + length)`. */
  String,
  Name,
  /** An operator or other bare word (true, null, BI…): its first three bytes in `op`, the whole in `word()`. */
  Word,
  ArrayOpen,
  ArrayClose,
  DictOpen,
  DictClose,
}

const WHITE = new Uint8Array(256);
for (const c of [0, 9, 10, 12, 13, 32]) WHITE[c] = 1;
const DELIM = new Uint8Array(256);
for (const c of '()<>[]{}/%') DELIM[c.charCodeAt(0)] = 1;

const HEX = new Uint8Array(256).fill(255);
for (let c = 0; c < 256; c++) if (hexValue(c) >= 0) HEX[c] = hexValue(c);

function hexValue(c: number): number {
  if (c >= 48 && c <= 57) return c - 48;
  if (c >= 65 && c <= 70) return c - 55;
  if (c >= 97 && c <= 102) return c - 87;
  return -1;
}

/** A word's first three bytes as one number, to compare operators without making strings. */
export function opCode(word: string): number {
  let code = 0;
  for (let i = Math.min(3, word.length) - 1; i >= 0; i--) code = code * 256 + word.charCodeAt(i);
  return code + word.length * 2 ** 24;
}

export class Tokens {
  pos = 0;
  kind: Tok = Tok.End;
  num = 0;
  /** A name's text. */
  text = '';
  op = 0;
  start = 0;
  length = 0;
  /**
   * The strings read since the last `clearStrings()`, one after another, so that those of one
   * operator (a TJ array's) can be kept without a buffer each.
   */
  strings = new Uint8Array(4096);
  private stringsEnd = 0;
  private wordFrom = 0;
  private wordTo = 0;

  constructor(readonly data: Uint8Array) {}

  clearStrings(): void {
    this.stringsEnd = 0;
  }

  /** The bytes of the last string read. */
  get bytes(): Uint8Array {
    return this.strings.subarray(this.start, this.start + this.length);
  }

  /** The last word read, as text. */
  word(): string {
    return latin1(this.data, this.wordFrom, this.wordTo);
  }

  private room(more: number): void {
    if (this.stringsEnd + more <= this.strings.length) return;
    const grown = new Uint8Array(Math.max(this.strings.length * 2, this.stringsEnd + more));
    grown.set(this.strings.subarray(0, this.stringsEnd));
    this.strings = grown;
  }

  /** Reads the next token; false at the end of the data. */
  next(): boolean {
    const d = this.data;
    const n = d.length;
    let p = this.pos;
    for (;;) {
      while (p < n && WHITE[d[p]!]) p++;
      if (p < n && d[p] === 37 /* % */) {
        while (p < n && d[p] !== 10 && d[p] !== 13) p++;
        continue;
      }
      break;
    }
    if (p >= n) {
      this.pos = p;
      this.kind = Tok.End;
      return false;
    }
    const c = d[p]!;
    if ((c >= 48 && c <= 57) || c === 45 || c === 43 || c === 46) {
      this.pos = this.number(p);
      return true;
    }
    switch (c) {
      case 40 /* ( */:
        this.pos = this.literal(p + 1);
        this.kind = Tok.String;
        return true;
      case 60 /* < */:
        if (d[p + 1] === 60) {
          this.pos = p + 2;
          this.kind = Tok.DictOpen;
          return true;
        }
        this.pos = this.hex(p + 1);
        this.kind = Tok.String;
        return true;
      case 62 /* > */:
        this.pos = d[p + 1] === 62 ? p + 2 : p + 1;
        this.kind = Tok.DictClose;
        return true;
      case 91 /* [ */:
        this.pos = p + 1;
        this.kind = Tok.ArrayOpen;
        return true;
      case 93 /* ] */:
        this.pos = p + 1;
        this.kind = Tok.ArrayClose;
        return true;
      case 47 /* / */: {
        let q = p + 1;
        while (q < n && !WHITE[d[q]!] && !DELIM[d[q]!]) q++;
        this.text = nameText(d, p + 1, q);
        this.kind = Tok.Name;
        this.pos = q;
        return true;
      }
      default: {
        let q = p + 1;
        // A stray delimiter (a brace) is a word of its own, so the reader always moves on.
        if (!DELIM[c]) while (q < n && !WHITE[d[q]!] && !DELIM[d[q]!]) q++;
        const len = q - p;
        this.op = (len > 2 ? d[p + 2]! * 65536 : 0) + (len > 1 ? d[p + 1]! * 256 : 0) + c + len * 2 ** 24;
        this.wordFrom = p;
        this.wordTo = q;
        this.kind = Tok.Word;
        this.pos = q;
        return true;
      }
    }
  }

  private number(p: number): number {
    const d = this.data;
    const n = d.length;
    let sign = 1;
    if (d[p] === 45) {
      sign = -1;
      p++;
    } else if (d[p] === 43) p++;
    let value = 0;
    while (p < n && d[p]! >= 48 && d[p]! <= 57) value = value * 10 + (d[p++]! - 48);
    if (p < n && d[p] === 46) {
      p++;
      let scale = 0.1;
      while (p < n && d[p]! >= 48 && d[p]! <= 57) {
        value += (d[p++]! - 48) * scale;
        scale /= 10;
      }
    }
    // Anything run on to the number ("5-3" in a damaged stream) is skipped with it.
    while (p < n && !WHITE[d[p]!] && !DELIM[d[p]!]) p++;
    this.num = sign * value;
    this.kind = Tok.Number;
    return p;
  }

  private literal(p: number): number {
    const d = this.data;
    const n = d.length;
    // A literal string is never longer than its source.
    this.room(n - p);
    const out = this.strings;
    const from = this.stringsEnd;
    let o = from;
    let depth = 1;
    while (p < n) {
      const c = d[p++]!;
      if (c === 92 /* \ */) {
        if (p >= n) break;
        const e = d[p++]!;
        if (e === 110) out[o++] = 10;
        else if (e === 114) out[o++] = 13;
        else if (e === 116) out[o++] = 9;
        else if (e === 98) out[o++] = 8;
        else if (e === 102) out[o++] = 12;
        else if (e === 13) {
          if (d[p] === 10) p++;
        } else if (e === 10) {
          // A line continued.
        } else if (e >= 48 && e <= 55) {
          let v = e - 48;
          for (let k = 0; k < 2 && p < n && d[p]! >= 48 && d[p]! <= 55; k++) v = v * 8 + (d[p++]! - 48);
          out[o++] = v & 255;
        } else out[o++] = e;
        continue;
      }
      if (c === 40) depth++;
      else if (c === 41 && --depth === 0) break;
      out[o++] = c;
    }
    this.start = from;
    this.length = o - from;
    this.stringsEnd = o;
    return p;
  }

  private hex(p: number): number {
    const d = this.data;
    const n = d.length;
    let end = p;
    while (end < n && d[end] !== 62) end++;
    this.room(((end - p) >> 1) + 1);
    const out = this.strings;
    const from = this.stringsEnd;
    let o = from;
    let high = -1;
    for (; p < end; p++) {
      const v = HEX[d[p]!]!;
      if (v === 255) continue;
      if (high < 0) high = v;
      else {
        out[o++] = high * 16 + v;
        high = -1;
      }
    }
    if (high >= 0) out[o++] = high * 16;
    this.start = from;
    this.length = o - from;
    this.stringsEnd = o;
    return end + 1;
  }

  /**
   * Moves past an inline image's data, from just after its ID operator to just after EI: the data
   * is binary, and EI is only taken as the end where whitespace stands either side of it.
   */
  skipInlineImage(): void {
    const d = this.data;
    const n = d.length;
    let p = this.pos + 1;
    while (p + 1 < n) {
      if (d[p] === 69 && d[p + 1] === 73 && WHITE[d[p - 1]!] && (p + 2 >= n || WHITE[d[p + 2]!])) {
        this.pos = p + 2;
        return;
      }
      p++;
    }
    this.pos = n;
  }
}

function latin1(d: Uint8Array, from: number, to: number): string {
  let s = '';
  for (let i = from; i < to; i++) s += String.fromCharCode(d[i]!);
  return s;
}

function nameText(d: Uint8Array, from: number, to: number): string {
  let s = '';
  for (let i = from; i < to; i++) {
    const c = d[i]!;
    if (c === 35 /* # */ && i + 2 < to) {
      const high = hexValue(d[i + 1]!);
      const low = hexValue(d[i + 2]!);
      if (high >= 0 && low >= 0) {
        s += String.fromCharCode(high * 16 + low);
        i += 2;
        continue;
      }
    }
    s += String.fromCharCode(c);
  }
  return s;
}
