import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PDFDict, PDFDocument, PDFName, PDFRef, StandardFonts } from '../../src/pdf-lib.js';
import { describe, expect, it } from 'vitest';
import { loadPdf } from '../../src/load/pdf-parse.js';
import { ReadSupplied } from '../../src/print/pdf-insert.js';
import { Glyph, textFont } from '../../src/render/pdf/pdf-fonts.js';
import { pdfText, suppliedWords } from '../../src/render/site/pdf-text.js';
import { NotReadable, pdfWords } from '../../src/render/site/pdf-words.js';
import { fold } from '../../src/render/site/search-text.js';
import { FIXTURES, ROOT } from '../helpers/cli.js';

// pdfWords reads a supplied PDF's words for the site's search without pdf.js, and must give
// exactly the text pdf.js gives (the search index is the same either way); what it cannot read,
// it must say so of, so that pdf.js reads it.
const LIBREOFFICE = ['libreoffice-tagged-plan.pdf', 'libreoffice-tagged-long.pdf'].map((f) => join(FIXTURES, f));
const CHROMIUM = join(ROOT, 'examples/lancashire/meetings/2019-11-26/papers/violence-reduction-unit.pdf');

const words = async (bytes: Uint8Array) => fold(pdfWords(await loadPdf(bytes)).text);
/** What a build reads of a supplied PDF: pdfWords, or pdf.js where pdfWords cannot. */
const wordsNow = (doc: PDFDocument, bytes: Uint8Array) => {
  const read = suppliedWords(doc, bytes);
  read.now();
  return read.words;
};

describe('pdfWords', () => {
  it('reads the same text as pdf.js from LibreOffice PDFs and a Chromium one', async () => {
    for (const file of [...LIBREOFFICE, CHROMIUM]) {
      const bytes = readFileSync(file);
      const theirs = await pdfText(bytes);
      expect((await words(bytes)).length).toBeGreaterThan(500);
      expect(await words(bytes), file).toBe(theirs.text);
      expect(pdfWords(await loadPdf(bytes)).pages).toBe(theirs.pages);
    }
  });

  // Pages written here with each font kind the fixtures use (LibreOffice's one-byte TrueType
  // fonts, Chromium's two-byte composite ones), their glyphs placed every way a producer might:
  // gaps either side of pdf.js's thresholds, kerning, character, word and horizontal spacing,
  // new lines, text in forms, scaled spaces, an inline image whose data holds "EI".
  for (const [kind, file] of [
    ['one-byte TrueType fonts (LibreOffice)', LIBREOFFICE[0]!],
    ['two-byte composite fonts (Chromium)', CHROMIUM],
  ] as const) {
    it(`puts spaces where pdf.js does, on pages of ${kind}`, async () => {
      const bytes = await synthetic(readFileSync(file), 7);
      const theirs = (await pdfText(bytes)).text;
      expect(theirs.length).toBeGreaterThan(2000);
      expect(await words(bytes)).toBe(theirs);
    });
  }

  it('says what it cannot read, and pdf.js reads it instead', async () => {
    // A font without a ToUnicode map (its text left to its encoding), as pdf-lib's standard fonts are.
    const doc = await PDFDocument.create();
    const font = await doc.embedFont(StandardFonts.Helvetica);
    doc.addPage([300, 200]).drawText('Looked after children', { x: 20, y: 100, font, size: 12 });
    const bytes = await doc.save();
    await expect(words(bytes)).rejects.toBeInstanceOf(NotReadable);
    expect(await wordsNow(await loadPdf(bytes), bytes)).toBe('Looked after children');

    // Text turned on its side.
    const turned = await synthetic(readFileSync(CHROMIUM), 3, '0 1 -1 0 300 100 Tm');
    await expect(words(turned)).rejects.toBeInstanceOf(NotReadable);
    expect(await wordsNow(await loadPdf(turned), turned)).toBe((await pdfText(turned)).text);

    // A PDF protected with an owner password (it opens without one): its streams are encrypted.
    const dir = mkdtempSync(join(tmpdir(), 'cpb-words-'));
    try {
      execFileSync('qpdf', ['--encrypt', '', 'owner', '256', '--', LIBREOFFICE[0]!, join(dir, 'protected.pdf')]);
      const protectedBytes = readFileSync(join(dir, 'protected.pdf'));
      const doc = await loadPdf(protectedBytes, { ignoreEncryption: true });
      expect(() => pdfWords(doc)).toThrow(NotReadable);
      expect(await wordsNow(doc, protectedBytes)).toBe((await pdfText(readFileSync(LIBREOFFICE[0]!))).text);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('reads the words before a pack takes the document, whatever the pack then does to it', async () => {
    const bytes = readFileSync(LIBREOFFICE[0]!);
    const doc = await loadPdf(bytes);
    const read = new ReadSupplied();
    const { words: text, now } = suppliedWords(doc, bytes);
    read.keep(bytes, doc, now);
    const taken = read.take(bytes)!;
    // A pack changing what it took: the words were read before.
    for (let i = taken.getPageCount() - 1; i >= 0; i--) taken.removePage(i);
    expect(await text).toBe((await pdfText(bytes)).text);
  });
});

/**
 * A PDF of the fixture's fonts on new pages, drawn by a seeded sequence of text operators. With
 * `turn`, the text matrix of the first text object is that instead.
 */
async function synthetic(source: Uint8Array, seed: number, turn?: string): Promise<Uint8Array> {
  const doc = await PDFDocument.load(source);
  const resources = doc.getPage(0).node.Resources()!;
  const fonts = resources.lookup(PDFName.of('Font'), PDFDict);
  const names = fonts.keys().map((k) => k.asString().slice(1));
  // The codes each font gives text for, so the pages show real glyphs.
  const codes = new Map(
    names.map((name) => {
      const font = textFont(fonts.lookup(PDFName.of(name), PDFDict));
      const usable: number[] = [];
      font.kind.forEach((k, code) => k !== Glyph.None && usable.push(code));
      return [name, { bytes: font.codeBytes, usable }] as const;
    }),
  );
  let state = seed;
  const random = () => ((state = (state * 1103515245 + 12345) % 2147483648) / 2147483648);
  const pick = <T>(list: readonly T[]) => list[Math.floor(random() * list.length)]!;
  const n = (lo: number, hi: number) => (lo + random() * (hi - lo)).toFixed(2);
  const form = doc.context.register(doc.context.stream('BT /' + names[0] + ' 11 Tf 20 30 Td <' + hex(codes.get(names[0]!)!, 6) + '> Tj ET', { Type: 'XObject', Subtype: 'Form', BBox: [0, 0, 300, 100], Matrix: [1, 0, 0, 1, 40, 60], Resources: { Font: fonts } }));
  const xobjects = doc.context.obj({ Fm1: form });

  const pages: PDFRef[] = [];
  for (let p = 0; p < 4; p++) {
    let name = pick(names);
    let size = 12;
    const ops: string[] = [`BT /${name} ${size} Tf ${p === 0 && turn ? turn : `1 0 0 1 40 ${800 - p}`} Tm 14 TL`];
    for (let i = 0; i < 400; i++) {
      const glyphs = () => `<${hex(codes.get(name)!, 1 + Math.floor(random() * 6))}>`;
      const roll = random();
      if (roll < 0.3) ops.push(`${glyphs()} Tj`);
      else if (roll < 0.45) ops.push(`[${glyphs()} ${n(-1500, 400)} ${glyphs()} ${pick(['-30', '-120', '-250', '-700', '200', '-2'])} ${glyphs()}] TJ`);
      // Moves along the line, by gaps either side of 3%, 10.2% and 60% of the font size.
      else if (roll < 0.6) ops.push(`${(size * pick([0, 0.01, 0.05, 0.08, 0.15, 0.4, 0.9, -0.1, -0.5])).toFixed(3)} 0 Td ${glyphs()} Tj`);
      else if (roll < 0.65) ops.push(`${n(-300, 30)} ${pick([-14, -8, -3, 2])} Td`);
      else if (roll < 0.7) ops.push(`${n(-0.5, 2)} Tc ${n(0, 6)} Tw`);
      else if (roll < 0.73) ops.push(`${n(70, 130)} Tz`);
      else if (roll < 0.78) ops.push(pick([`T* ${glyphs()} Tj`, `${glyphs()} '`, `${n(0, 3)} ${n(0, 1)} ${glyphs()} "`]));
      else if (roll < 0.83) {
        name = pick(names);
        size = Number(pick(['8', '10', '12', '16', '24']));
        ops.push(`/${name} ${size} Tf`);
      } else if (roll < 0.86) ops.push(`ET q ${n(0.5, 2)} 0 0 ${n(0.5, 2)} ${n(0, 100)} ${n(0, 200)} cm BT /${name} ${size} Tf ${n(0, 200)} ${n(100, 400)} Td ${glyphs()} Tj ET Q BT /${name} ${size} Tf ${n(30, 400)} ${n(50, 780)} Td`);
      else if (roll < 0.88) ops.push(`ET /Fm1 Do BT /${name} ${size} Tf ${n(30, 400)} ${n(50, 780)} Td`);
      else if (roll < 0.9) ops.push(`ET BI /W 6 /H 1 /BPC 8 /CS /G ID ${'xEIy\u00ff\u0001'} EI BT /${name} ${size} Tf ${n(30, 400)} ${n(50, 780)} Td`);
      else if (roll < 0.92) ops.push(`${n(500, 700)} 0 Td ${glyphs()} Tj ${n(-700, -500)} 0 Td`);
      else ops.push(`${glyphs()} Tj ${n(0, 40)} 0 Td`);
    }
    ops.push('ET');
    const page = doc.addPage([595, 842]);
    page.node.set(PDFName.of('Resources'), doc.context.obj({ Font: fonts, XObject: xobjects }));
    page.node.set(PDFName.of('Contents'), doc.context.register(doc.context.stream(Buffer.from(ops.join('\n'), 'latin1'))));
    pages.push(page.ref);
  }
  for (let i = doc.getPageCount() - 1; i >= 0; i--) if (!pages.some((ref) => ref === doc.getPage(i).ref)) doc.removePage(i);
  return doc.save();

  function hex(font: { bytes: number; usable: number[] }, count: number): string {
    let out = '';
    for (let i = 0; i < count; i++) out += pick(font.usable).toString(16).padStart(font.bytes * 2, '0');
    return out;
  }
}
