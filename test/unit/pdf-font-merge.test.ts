import { execFileSync } from 'node:child_process';
import { mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { deflateSync, inflateSync } from 'node:zlib';
import { PDFDict, PDFName, PDFRawStream, type PDFDocument } from '../../src/pdf-lib.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadPdf } from '../../src/load/pdf-parse.js';
import { BrowserSession } from '../../src/print/browser-session.js';
import { mergeFonts } from '../../src/print/pdf-font-merge.js';
import { joinTagged } from '../../src/print/pdf-join.js';
import { savePdf } from '../../src/print/pdf-save.js';
import { printPdf } from '../../src/print/print-pdf.js';
import { readSubset, SubsetUnion } from '../../src/print/truetype-subset.js';
import { FIXTURES } from '../helpers/cli.js';
import { pdfPages } from '../helpers/pdf.js';

/**
 * A pack is made of its papers' prints, each with its own subsets of the fonts; mergeFonts
 * embeds each font once. Four Chromium prints with different letters (bold, italic, accents,
 * Welsh and Polish letters, symbols) are joined as a pack is, then the same document is saved
 * before and after the merge: every page must look the same, pixel for pixel, and give the same
 * text, with one font program per font.
 */
const papers = [
  '<h1>Children in care</h1><p>Placements, carers and homes: 1,024 children (up 3%).</p>',
  '<h1>Care leavers</h1><p><b>Bold words</b> and <i>italic ones</i>; “quoted” — dashed… €12.50.</p>',
  '<h1>Adroddiad</h1><p>Plant sy’n derbyn gofal: ŵ ŷ â ê î ô û; Łódź, Kraków, Gdańsk.</p>',
  '<h1>Zanzibar quiz</h1><p>Jumpy vixens quack; fjords whizz by. 0123456789 ½ ¼ ° ± × ÷.</p>',
].map((body, i) => `<!doctype html><html lang="en-GB"><head><meta charset="utf-8"><title>Paper ${i + 1}</title><style>body{font-family:'Liberation Sans',sans-serif;font-size:14pt}</style></head><body><main>${body}</main></body></html>`);

const session = new BrowserSession({ timeoutMs: 60_000 });
let dir: string;
const prints: Uint8Array[] = [];
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'cpb-fonts-'));
  for (const [i, html] of papers.entries()) prints.push(await printPdf(session, html, `paper ${i + 1}`, { tagged: true }));
}, 120_000);
afterAll(async () => {
  await session.close();
  await rm(dir, { recursive: true, force: true });
});

const load = (bytes: Uint8Array) => loadPdf(bytes, { updateMetadata: false });

/** The pack of the four prints joined, as the build joins a pack's parts. */
async function joined(): Promise<PDFDocument> {
  const doc = await load(prints[0]!);
  for (const print of prints.slice(1)) await joinTagged(doc, await load(print), { before: false });
  return doc;
}

/** `pdffonts`: each embedded font's name without its subset tag, once per font object. */
function fonts(pdf: string): string[] {
  const lines = execFileSync('pdffonts', [pdf], { encoding: 'utf8' }).split('\n').slice(2).filter(Boolean);
  return lines.map((l) => l.split(/\s+/)[0]!.replace(/^[A-Z]{6}\+/, '')).sort();
}

/** Each page drawn by poppler, as PNG bytes. */
async function pictures(pdf: string, name: string): Promise<Buffer[]> {
  execFileSync('pdftoppm', ['-r', '72', '-png', pdf, join(dir, name)]);
  const files = (await readdir(dir)).filter((f) => f.startsWith(`${name}-`)).sort();
  return Promise.all(files.map((f) => readFile(join(dir, f))));
}

describe('fonts embedded once in a document of several prints', () => {
  let before: string;
  let after: string;
  beforeAll(async () => {
    before = join(dir, 'before.pdf');
    after = join(dir, 'after.pdf');
    await writeFile(before, await savePdf(await joined()));
    const doc = await joined();
    mergeFonts(doc);
    await writeFile(after, await savePdf(doc));
  });

  it('keeps one subset of each font, where each print had its own', () => {
    const had = fonts(before);
    const has = fonts(after);
    expect(had.filter((f) => f === 'LiberationSans').length).toBeGreaterThanOrEqual(4);
    expect(new Set(has).size).toBe(has.length);
    expect(new Set(has)).toEqual(new Set(had));
    expect(execFileSync('pdffonts', [after], { encoding: 'utf8' })).not.toMatch(/\bno\s+(yes|no)\s+(yes|no)\s+\d+/);
  });

  it('draws every page the same, pixel for pixel, and gives the same text', async () => {
    const a = await pictures(before, 'before');
    const b = await pictures(after, 'after');
    expect(b.length).toBe(4);
    b.forEach((png, i) => expect(png.equals(a[i]!), `page ${i + 1}`).toBe(true));
    expect(await pdfPages(after)).toEqual(await pdfPages(before));
    expect(execFileSync('pdftotext', [after, '-'], { encoding: 'utf8' })).toBe(execFileSync('pdftotext', [before, '-'], { encoding: 'utf8' }));
    expect(await pdfPages(after)).toEqual(expect.arrayContaining([expect.stringContaining('Łódź, Kraków, Gdańsk')]));
  });

  it('is smaller, and a valid PDF', async () => {
    expect((await readFile(after)).length).toBeLessThan((await readFile(before)).length * 0.75);
    expect(() => execFileSync('qpdf', ['--check', after], { stdio: 'pipe' })).not.toThrow();
  });

  it('makes the same bytes from the same prints', async () => {
    const again = await joined();
    mergeFonts(again);
    expect(Buffer.from(await savePdf(again)).equals(await readFile(after))).toBe(true);
  });
});

describe('fonts that are not the same are left apart', () => {
  /** The font programs of a document, by font name without the tag. */
  function programs(doc: PDFDocument): Map<string, PDFRawStream[]> {
    const found = new Map<string, PDFRawStream[]>();
    for (const [, object] of doc.context.enumerateIndirectObjects()) {
      if (!(object instanceof PDFDict) || object.get(PDFName.of('Type')) !== PDFName.of('FontDescriptor')) continue;
      const name = object.lookup(PDFName.of('FontName'), PDFName).decodeText().replace(/^[A-Z]{6}\+/, '');
      const list = found.get(name) ?? [];
      list.push(object.lookup(PDFName.of('FontFile2')) as PDFRawStream);
      found.set(name, list);
    }
    return found;
  }

  it('refuses a subset whose outline of a glyph both use differs', async () => {
    const [a, b] = [await load(prints[0]!), await load(prints[3]!)].map((d) => inflateSync(programs(d).get('LiberationSans')![0]!.contents));
    const first = readSubset(a!);
    const second = readSubset(b!);
    const shared = first.glyphs.findIndex((g, gid) => gid > 0 && g && second.glyphs[gid]);
    expect(shared).toBeGreaterThan(0);
    const union = new SubsetUnion();
    expect(union.add(first, [shared])).toBe(true);
    const tampered = readSubset(b!);
    tampered.glyphs[shared] = Uint8Array.from(tampered.glyphs[shared]!, (byte, i) => (i === tampered.glyphs[shared]!.length - 1 ? byte ^ 1 : byte));
    expect(union.add(tampered, [shared])).toBe(false);
    expect(union.add(second, [shared])).toBe(true);
    expect(union.size).toBe(2);
  });

  it('leaves two subsets apart when their texts for one glyph disagree', async () => {
    // The second print's ToUnicode map says every glyph of its regular font is "x".
    const second = await load(prints[1]!);
    for (const [, object] of second.context.enumerateIndirectObjects()) {
      if (!(object instanceof PDFDict) || object.get(PDFName.of('Subtype')) !== PDFName.of('Type0')) continue;
      if (!/LiberationSans$/.test(object.lookup(PDFName.of('BaseFont'), PDFName).decodeText())) continue;
      const map = '/CIDInit /ProcSet findresource begin 12 dict begin begincmap 1 begincodespacerange <0000> <FFFF> endcodespacerange 1 beginbfrange <0000> <FFFF> <0078> endbfrange endcmap end end';
      const ref = object.get(PDFName.of('ToUnicode'));
      second.context.assign(ref as never, second.context.stream(deflateSync(Buffer.from(map)), { Filter: 'FlateDecode' }));
    }
    const pack = await load(prints[0]!);
    await joinTagged(pack, second, { before: false });
    for (const print of prints.slice(2)) await joinTagged(pack, await load(print), { before: false });
    mergeFonts(pack);
    const out = join(dir, 'apart.pdf');
    await writeFile(out, await savePdf(pack));
    expect(fonts(out).filter((f) => f === 'LiberationSans').length).toBe(2);
    const pages = await pdfPages(out);
    expect(pages[0]).toContain('Placements, carers and homes');
    expect(pages[2]).toContain('Łódź, Kraków, Gdańsk');
  });

  it('leaves a LibreOffice PDF (simple TrueType fonts) as it was', async () => {
    const bytes = await readFile(join(FIXTURES, 'libreoffice-tagged-plan.pdf'));
    const doc = await load(bytes);
    const objects = doc.context.enumerateIndirectObjects().length;
    mergeFonts(doc);
    expect(doc.context.enumerateIndirectObjects().length).toBe(objects);
    const out = join(dir, 'libreoffice.pdf');
    await writeFile(out, await savePdf(doc));
    const original = join(dir, 'libreoffice-original.pdf');
    await writeFile(original, bytes);
    expect(fonts(out)).toEqual(fonts(original));
  });
});
