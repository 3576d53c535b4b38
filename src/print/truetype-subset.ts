/**
 * The TrueType font programs Chromium embeds are subsets that keep each glyph's id of the whole
 * font: two papers' subsets of one font hold the same bytes for every glyph both use. A pack made
 * of the papers' prints carries one subset per paper; `SubsetUnion` puts the subsets of one font
 * back together as one, so the pack embeds each font once.
 *
 * Only what a PDF reader draws with is kept: the glyphs, their metrics, the hinting and the
 * character map. OpenType layout tables (GDEF, GPOS, GSUB, kern) go, as PDF readers place each
 * glyph where the page says; so do tables kept per glyph count that readers do not need (hdmx,
 * LTSH, DSIG).
 */

/** Tables rebuilt from every subset, or left out. */
const REBUILT = new Set(['glyf', 'loca', 'hmtx', 'hhea', 'maxp', 'head', 'cmap', 'post', 'OS/2']);
const DROPPED = new Set(['GDEF', 'GPOS', 'GSUB', 'kern', 'hdmx', 'LTSH', 'DSIG']);
/** Tables that would need rebuilding per glyph too: a subset holding one is not merged. */
const UNHANDLED = new Set(['vhea', 'vmtx', 'CFF ', 'CFF2', 'gvar', 'fvar', 'COLR', 'CPAL', 'sbix', 'CBDT', 'CBLC', 'EBDT', 'EBLC', 'SVG ']);

/** Thrown when a font program is not a TrueType subset this file can merge. */
export class NotMergeable extends Error {}

/** One subset's glyphs and metrics, read from its font program. */
export interface Subset {
  tables: Map<string, Uint8Array>;
  /** By glyph id: its outline, undefined when it has none (a space, or not in the subset). */
  glyphs: (Uint8Array | undefined)[];
  /** By glyph id: advance width and left side bearing. */
  advance: Uint16Array;
  bearing: Int16Array;
  /** Unicode code point to glyph id, as its character map gives. */
  cmap: Map<number, number>;
  unitsPerEm: number;
}

export function readSubset(program: Uint8Array): Subset {
  const data = new DataView(program.buffer, program.byteOffset, program.byteLength);
  const at = (offset: number, length: number) => {
    if (offset + length > program.byteLength) throw new NotMergeable('a table runs past the end of the font');
    return program.subarray(offset, offset + length);
  };
  if (program.byteLength < 12) throw new NotMergeable('too short for a font');
  const version = data.getUint32(0);
  if (version !== 0x00010000 && version !== 0x74727565) throw new NotMergeable('not a TrueType font');
  const count = data.getUint16(4);
  const tables = new Map<string, Uint8Array>();
  for (let i = 0; i < count; i++) {
    const entry = at(12 + 16 * i, 16);
    const tag = String.fromCharCode(...entry.subarray(0, 4));
    if (UNHANDLED.has(tag)) throw new NotMergeable(`a font with a ${tag.trim()} table`);
    tables.set(tag, at(data.getUint32(12 + 16 * i + 8), data.getUint32(12 + 16 * i + 12)));
  }
  const table = (tag: string, least: number) => {
    const t = tables.get(tag);
    if (!t || t.byteLength < least) throw new NotMergeable(`a font without a whole ${tag} table`);
    return new DataView(t.buffer, t.byteOffset, t.byteLength);
  };
  const head = table('head', 54);
  const maxp = table('maxp', 32);
  const hhea = table('hhea', 36);
  if (maxp.getUint32(0) !== 0x00010000) throw new NotMergeable('a font whose maxp is not of version 1');
  const numGlyphs = maxp.getUint16(4);
  const longLoca = head.getInt16(50) === 1;
  const loca = table('loca', (numGlyphs + 1) * (longLoca ? 4 : 2));
  const glyf = tables.get('glyf');
  if (!glyf) throw new NotMergeable('a font without glyf');
  const glyphs: (Uint8Array | undefined)[] = new Array(numGlyphs);
  const offset = (i: number) => (longLoca ? loca.getUint32(4 * i) : 2 * loca.getUint16(2 * i));
  for (let i = 0; i < numGlyphs; i++) {
    const from = offset(i);
    const to = offset(i + 1);
    if (to < from || to > glyf.byteLength) throw new NotMergeable('a damaged loca table');
    if (to > from) glyphs[i] = glyf.subarray(from, to);
  }
  const metrics = hhea.getUint16(34);
  if (metrics < 1 || metrics > numGlyphs) throw new NotMergeable('a damaged hhea table');
  const hmtx = table('hmtx', 4 * metrics + 2 * (numGlyphs - metrics));
  const advance = new Uint16Array(numGlyphs);
  const bearing = new Int16Array(numGlyphs);
  for (let i = 0; i < numGlyphs; i++) {
    advance[i] = hmtx.getUint16(4 * Math.min(i, metrics - 1));
    bearing[i] = i < metrics ? hmtx.getInt16(4 * i + 2) : hmtx.getInt16(4 * metrics + 2 * (i - metrics));
  }
  table('post', 32);
  const unitsPerEm = head.getUint16(18);
  if (unitsPerEm === 0) throw new NotMergeable('a font of no units per em');
  return { tables, glyphs, advance, bearing, cmap: readCmap(tables.get('cmap')), unitsPerEm };
}

/** The Unicode subtables of a cmap (formats 4 and 12); a font with other kinds is not merged. */
function readCmap(cmap: Uint8Array | undefined): Map<number, number> {
  const map = new Map<number, number>();
  if (!cmap) return map;
  const d = new DataView(cmap.buffer, cmap.byteOffset, cmap.byteLength);
  const check = (end: number) => {
    if (end > cmap.byteLength) throw new NotMergeable('a damaged cmap table');
  };
  check(4);
  const count = d.getUint16(2);
  check(4 + 8 * count);
  for (let i = 0; i < count; i++) {
    const platform = d.getUint16(4 + 8 * i);
    const encoding = d.getUint16(4 + 8 * i + 2);
    const at = d.getUint32(4 + 8 * i + 4);
    const unicode = platform === 0 || (platform === 3 && (encoding === 1 || encoding === 10));
    if (!unicode) throw new NotMergeable(`a character map for platform ${platform}, encoding ${encoding}`);
    check(at + 2);
    const format = d.getUint16(at);
    const add = (code: number, gid: number) => {
      if (gid === 0) return;
      const known = map.get(code);
      if (known !== undefined && known !== gid) throw new NotMergeable('character maps that disagree');
      map.set(code, gid);
    };
    if (format === 4) {
      check(at + 14);
      const segments = d.getUint16(at + 6) / 2;
      const ends = at + 14;
      const starts = ends + 2 * segments + 2;
      const deltas = starts + 2 * segments;
      const offsets = deltas + 2 * segments;
      check(offsets + 2 * segments);
      for (let s = 0; s < segments; s++) {
        const end = d.getUint16(ends + 2 * s);
        const start = d.getUint16(starts + 2 * s);
        const delta = d.getUint16(deltas + 2 * s);
        const rangeOffset = d.getUint16(offsets + 2 * s);
        for (let c = start; c <= end && c !== 0xffff; c++) {
          if (rangeOffset === 0) add(c, (c + delta) & 0xffff);
          else {
            const where = offsets + 2 * s + rangeOffset + 2 * (c - start);
            check(where + 2);
            const gid = d.getUint16(where);
            add(c, gid === 0 ? 0 : (gid + delta) & 0xffff);
          }
        }
      }
    } else if (format === 12) {
      check(at + 16);
      const groups = d.getUint32(at + 12);
      check(at + 16 + 12 * groups);
      for (let g = 0; g < groups; g++) {
        const start = d.getUint32(at + 16 + 12 * g);
        const end = d.getUint32(at + 16 + 12 * g + 4);
        const first = d.getUint32(at + 16 + 12 * g + 8);
        if (end < start || end - start > 0x10ffff) throw new NotMergeable('a damaged cmap table');
        for (let c = start; c <= end; c++) add(c, first + (c - start));
      }
    } else throw new NotMergeable(`a character map of format ${format}`);
  }
  return map;
}

/** Subsets of one font put together; `add` refuses a subset that is not of the same font. */
export class SubsetUnion {
  private readonly parts: Subset[] = [];
  private glyphs: (Uint8Array | undefined)[] = [];
  private advance: number[] = [];
  private bearing: number[] = [];
  /** Glyph ids some subset uses (an outline, or a code its PDF font shows). */
  private readonly used = new Set<number>();
  private readonly cmap = new Map<number, number>();

  /**
   * Adds `subset` if it is of the same font as those before: the same hinting, names and units,
   * the same outline and metrics for every glyph both use, no character mapped to two glyphs.
   * `used` are the glyph ids its PDF font shows (outlines or not: a space has none).
   */
  add(subset: Subset, used: Iterable<number>): boolean {
    const first = this.parts[0];
    if (first && !sameFont(first, subset)) return false;
    const usedHere = new Set(used);
    subset.glyphs.forEach((g, gid) => g && usedHere.add(gid));
    for (const gid of usedHere) {
      if (gid >= subset.glyphs.length) return false;
      if (!this.used.has(gid)) continue;
      const mine = this.glyphs[gid];
      const theirs = subset.glyphs[gid];
      if ((mine === undefined) !== (theirs === undefined) || (mine && theirs && !sameBytes(mine, theirs))) return false;
      if (this.advance[gid] !== subset.advance[gid] || this.bearing[gid] !== subset.bearing[gid]) return false;
    }
    for (const [code, gid] of subset.cmap) {
      const known = this.cmap.get(code);
      if (known !== undefined && known !== gid) return false;
    }
    this.parts.push(subset);
    for (const gid of usedHere) {
      this.used.add(gid);
      this.glyphs[gid] = subset.glyphs[gid];
      this.advance[gid] = subset.advance[gid]!;
      this.bearing[gid] = subset.bearing[gid]!;
    }
    for (const [code, gid] of subset.cmap) this.cmap.set(code, gid);
    return true;
  }

  get size(): number {
    return this.parts.length;
  }

  /** The font program holding every subset's glyphs, each at its id. */
  program(): Uint8Array {
    const first = this.parts[0];
    if (!first) throw new Error('no subsets to merge');
    const numGlyphs = Math.max(...this.parts.map((p) => p.glyphs.length));
    const out = new Map<string, Uint8Array>();
    for (const [tag, bytes] of first.tables) if (!REBUILT.has(tag) && !DROPPED.has(tag)) out.set(tag, bytes);

    const lengths = Array.from({ length: numGlyphs }, (_, i) => this.glyphs[i]?.byteLength ?? 0);
    // Each glyph starts on an even offset, as the long loca allows any but readers expect.
    const glyfSize = lengths.reduce((sum, n) => sum + n + (n & 1), 0);
    const glyf = new Uint8Array(glyfSize);
    const loca = new DataView(new ArrayBuffer(4 * (numGlyphs + 1)));
    let at = 0;
    for (let i = 0; i < numGlyphs; i++) {
      loca.setUint32(4 * i, at);
      const g = this.glyphs[i];
      if (g) glyf.set(g, at);
      at += lengths[i]! + (lengths[i]! & 1);
    }
    loca.setUint32(4 * numGlyphs, at);
    out.set('glyf', glyf);
    out.set('loca', new Uint8Array(loca.buffer));

    const hmtx = new DataView(new ArrayBuffer(4 * numGlyphs));
    for (let i = 0; i < numGlyphs; i++) {
      hmtx.setUint16(4 * i, this.advance[i] ?? 0);
      hmtx.setInt16(4 * i + 2, this.bearing[i] ?? 0);
    }
    out.set('hmtx', new Uint8Array(hmtx.buffer));

    const views = (tag: string) => this.parts.map((p) => view(p.tables.get(tag)!));
    const hhea = copyOf(first.tables.get('hhea')!);
    const hheas = views('hhea');
    hhea.setUint16(10, Math.max(...hheas.map((h) => h.getUint16(10))));
    hhea.setInt16(12, Math.min(...hheas.map((h) => h.getInt16(12))));
    hhea.setInt16(14, Math.min(...hheas.map((h) => h.getInt16(14))));
    hhea.setInt16(16, Math.max(...hheas.map((h) => h.getInt16(16))));
    hhea.setUint16(34, numGlyphs);
    out.set('hhea', bytesOf(hhea));

    const maxp = copyOf(first.tables.get('maxp')!);
    const maxps = views('maxp');
    maxp.setUint16(4, numGlyphs);
    for (let o = 6; o < 32; o += 2) maxp.setUint16(o, Math.max(...maxps.map((m) => m.getUint16(o))));
    out.set('maxp', bytesOf(maxp));

    const head = copyOf(first.tables.get('head')!);
    const heads = views('head');
    head.setUint32(8, 0);
    head.setInt16(36, Math.min(...heads.map((h) => h.getInt16(36))));
    head.setInt16(38, Math.min(...heads.map((h) => h.getInt16(38))));
    head.setInt16(40, Math.max(...heads.map((h) => h.getInt16(40))));
    head.setInt16(42, Math.max(...heads.map((h) => h.getInt16(42))));
    head.setInt16(50, 1);
    out.set('head', bytesOf(head));

    const os2 = first.tables.get('OS/2');
    if (os2 && os2.byteLength >= 68) {
      const table = copyOf(os2);
      const all = this.parts.map((p) => p.tables.get('OS/2')).filter((t): t is Uint8Array => !!t && t.byteLength >= 68).map(view);
      for (let o = 42; o < 58; o += 4) table.setUint32(o, all.reduce((bits, t) => (bits | t.getUint32(o)) >>> 0, 0));
      table.setUint16(64, Math.min(...all.map((t) => t.getUint16(64))));
      table.setUint16(66, Math.max(...all.map((t) => t.getUint16(66))));
      out.set('OS/2', bytesOf(table));
    }

    // Glyph names are not needed to draw: version 3 of post has none.
    const post = copyOf(first.tables.get('post')!.subarray(0, 32));
    post.setUint32(0, 0x00030000);
    out.set('post', bytesOf(post));
    out.set('cmap', writeCmap(this.cmap));
    return writeFont(out);
  }
}

/** Tables that say which font a subset is of, and its units: these must be alike to merge. */
function sameFont(a: Subset, b: Subset): boolean {
  const tags = (s: Subset) => [...s.tables.keys()].filter((t) => !REBUILT.has(t) && !DROPPED.has(t)).sort().join();
  if (tags(a) !== tags(b)) return false;
  for (const [tag, bytes] of a.tables) if (!REBUILT.has(tag) && !DROPPED.has(tag) && !sameBytes(bytes, b.tables.get(tag)!)) return false;
  const ha = view(a.tables.get('head')!);
  const hb = view(b.tables.get('head')!);
  // unitsPerEm, and the ascender, descender and line gap of hhea.
  if (ha.getUint16(18) !== hb.getUint16(18)) return false;
  return sameBytes(a.tables.get('hhea')!.subarray(4, 10), b.tables.get('hhea')!.subarray(4, 10));
}

/** A cmap of format 4 (3,1) for the Basic Multilingual Plane, and of format 12 (3,10) when any code is past it. */
function writeCmap(map: Map<number, number>): Uint8Array {
  const codes = [...map.keys()].sort((x, y) => x - y);
  const bmp = codes.filter((c) => c < 0xffff);
  // Runs of codes whose glyph ids follow on: one segment each (idDelta, no glyph array).
  const segments: { start: number; end: number; delta: number }[] = [];
  for (const c of bmp) {
    const last = segments[segments.length - 1];
    const gid = map.get(c)!;
    if (last && last.end === c - 1 && ((c + last.delta) & 0xffff) === gid) last.end = c;
    else segments.push({ start: c, end: c, delta: (gid - c) & 0xffff });
  }
  segments.push({ start: 0xffff, end: 0xffff, delta: 1 });
  const n = segments.length;
  if (16 + 8 * n > 0xffff) throw new NotMergeable('too many characters for one character map');
  const f4 = new DataView(new ArrayBuffer(16 + 8 * n));
  f4.setUint16(0, 4);
  f4.setUint16(2, 16 + 8 * n);
  f4.setUint16(6, 2 * n);
  const power = 2 ** Math.floor(Math.log2(n));
  f4.setUint16(8, 2 * power);
  f4.setUint16(10, Math.log2(power));
  f4.setUint16(12, 2 * n - 2 * power);
  segments.forEach((s, i) => {
    f4.setUint16(14 + 2 * i, s.end);
    f4.setUint16(16 + 2 * n + 2 * i, s.start);
    f4.setUint16(16 + 4 * n + 2 * i, s.delta);
    f4.setUint16(16 + 6 * n + 2 * i, 0);
  });
  const subtables: { encoding: number; bytes: Uint8Array }[] = [{ encoding: 1, bytes: bytesOf(f4) }];
  if (codes.some((c) => c > 0xffff)) {
    const groups: { start: number; end: number; gid: number }[] = [];
    for (const c of codes) {
      const last = groups[groups.length - 1];
      const gid = map.get(c)!;
      if (last && last.end === c - 1 && last.gid + (c - last.start) === gid) last.end = c;
      else groups.push({ start: c, end: c, gid });
    }
    const f12 = new DataView(new ArrayBuffer(16 + 12 * groups.length));
    f12.setUint16(0, 12);
    f12.setUint32(4, 16 + 12 * groups.length);
    f12.setUint32(12, groups.length);
    groups.forEach((g, i) => {
      f12.setUint32(16 + 12 * i, g.start);
      f12.setUint32(20 + 12 * i, g.end);
      f12.setUint32(24 + 12 * i, g.gid);
    });
    subtables.push({ encoding: 10, bytes: bytesOf(f12) });
  }
  const header = new DataView(new ArrayBuffer(4 + 8 * subtables.length));
  header.setUint16(2, subtables.length);
  let at = header.byteLength;
  subtables.forEach((s, i) => {
    header.setUint16(4 + 8 * i, 3);
    header.setUint16(6 + 8 * i, s.encoding);
    header.setUint32(8 + 8 * i, at);
    at += s.bytes.byteLength;
  });
  return Buffer.concat([bytesOf(header), ...subtables.map((s) => s.bytes)]);
}

/** A font file of `tables`, sorted by tag, each on four bytes, with their checksums and head's adjustment. */
function writeFont(tables: Map<string, Uint8Array>): Uint8Array {
  const tags = [...tables.keys()].sort();
  const n = tags.length;
  const power = 2 ** Math.floor(Math.log2(n));
  let size = 12 + 16 * n;
  for (const tag of tags) size += (tables.get(tag)!.byteLength + 3) & ~3;
  const font = new Uint8Array(size);
  const d = new DataView(font.buffer);
  d.setUint32(0, 0x00010000);
  d.setUint16(4, n);
  d.setUint16(6, 16 * power);
  d.setUint16(8, Math.log2(power));
  d.setUint16(10, 16 * n - 16 * power);
  let at = 12 + 16 * n;
  let headAt = -1;
  tags.forEach((tag, i) => {
    const bytes = tables.get(tag)!;
    for (let k = 0; k < 4; k++) font[12 + 16 * i + k] = tag.charCodeAt(k);
    d.setUint32(12 + 16 * i + 4, checksum(bytes));
    d.setUint32(12 + 16 * i + 8, at);
    d.setUint32(12 + 16 * i + 12, bytes.byteLength);
    font.set(bytes, at);
    if (tag === 'head') headAt = at;
    at += (bytes.byteLength + 3) & ~3;
  });
  if (headAt >= 0) d.setUint32(headAt + 8, (0xb1b0afba - checksum(font)) >>> 0);
  return font;
}

function checksum(bytes: Uint8Array): number {
  let sum = 0;
  const whole = bytes.byteLength & ~3;
  const d = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  for (let i = 0; i < whole; i += 4) sum = (sum + d.getUint32(i)) >>> 0;
  if (whole < bytes.byteLength) {
    let last = 0;
    for (let i = whole; i < whole + 4; i++) last = (last << 8) | (i < bytes.byteLength ? bytes[i]! : 0);
    sum = (sum + (last >>> 0)) >>> 0;
  }
  return sum;
}

function view(bytes: Uint8Array): DataView {
  return new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
}

function copyOf(bytes: Uint8Array): DataView {
  return view(bytes.slice());
}

function bytesOf(d: DataView): Uint8Array {
  return new Uint8Array(d.buffer, d.byteOffset, d.byteLength);
}

function sameBytes(a: Uint8Array, b: Uint8Array): boolean {
  return a.byteLength === b.byteLength && Buffer.compare(a, b) === 0;
}
