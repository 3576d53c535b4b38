import { execFileSync } from 'node:child_process';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PDFArray, PDFDict, PDFDocument, PDFName, PDFRawStream, decodePDFRawStream } from '../../src/pdf-lib.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadRenderFiles } from '../../src/load/render-files.js';
import type { Board } from '../../src/model/board.js';
import type { PackEntry, PackPlan } from '../../src/model/pack-plan.js';
import { BrowserSession } from '../../src/print/browser-session.js';
import { overlayStamps, stripStamps } from '../../src/print/pdf-stamps.js';
import { printPdf } from '../../src/print/print-pdf.js';
import { paperHtml, type Contents } from '../../src/render/pack-html.js';
import type { PaperContent } from '../../src/render/paper-content.js';
import { Renderer } from '../../src/render/renderer.js';
import { FIRST_STAMP_PAGE, stampsHtml, type PageStamps } from '../../src/render/stamps-html.js';
import { pdfPages } from '../helpers/pdf.js';

/**
 * A paper printed without its stamps, with the stamps of a print of stamps alone laid over it,
 * against the same paper printed with its stamps: what a reader sees and reads is the same.
 */
const board = { name: 'Corporate Parenting Board', council: 'Lancashire County Council', dateStyle: 'plain' } as unknown as Board;
const paper = { title: 'Sufficiency Strategy', file: 'sufficiency.md', path: '/board/papers/sufficiency.md' };
const entry = { kind: 'paper', id: 'item4-paper1', item: { number: 4, title: 'Sufficiency' }, paper, index: 0 } as unknown as PackEntry;
const plan = { variant: 'public', meeting: { date: '2019-11-26' }, entries: [entry] } as unknown as PackPlan;
const body = Array.from({ length: 60 }, (_, i) => `<p>Paragraph ${i + 1} of the strategy: placements, foster carers and the homes the council runs.</p>`).join('');
const contents: Contents = new Map([[paper, { format: 'html', html: body, warnings: [] } as unknown as PaperContent]]) as unknown as Contents;

const session = new BrowserSession({ timeoutMs: 60_000 });
let dir: string;
let stamped: string;
let overlaid: string;
let bare: PDFDocument;
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'cpb-stamps-'));
  const renderer = await Renderer.create(await loadRenderFiles());
  stamped = join(dir, 'stamped.pdf');
  await writeFile(stamped, await printPdf(session, await paperHtml(renderer, board, plan, entry, contents), 'stamped', { tagged: true }));
  const barePrint = await printPdf(session, await paperHtml(renderer, board, plan, entry, contents, { stamps: false }), 'bare', { tagged: true });
  bare = await PDFDocument.load(barePrint);
  await writeFile(join(dir, 'bare.pdf'), barePrint);
  const doc = await PDFDocument.load(barePrint);
  // The paper's stamps after two pages of another document's, as one print serves a meeting.
  const pages: PageStamps[] = [{ bottomCenter: 'Page 1' }, { bottomCenter: 'Page 2' }];
  for (let n = 1; n <= doc.getPageCount(); n++) pages.push({ topRight: 'Agenda Item 4', bottomCenter: `Page ${n}` });
  const stamps = await PDFDocument.load(await printPdf(session, await stampsHtml(renderer, pages), 'stamps', { tagged: false }));
  expect(stamps.getPageCount()).toBe(FIRST_STAMP_PAGE + pages.length);
  await overlayStamps(doc, stamps, doc.getPageIndices().map((page) => ({ page, stamp: FIRST_STAMP_PAGE + page + 2 })));
  overlaid = join(dir, 'overlaid.pdf');
  await writeFile(overlaid, await doc.save());
}, 120_000);
afterAll(async () => {
  await session.close();
  await rm(dir, { recursive: true, force: true });
});

/** The lines of a page as pdftotext sets them out, in any order (the stamps now come last). */
function lines(pdf: string, page: number): string[] {
  const text = execFileSync('pdftotext', ['-f', String(page), '-l', String(page), pdf, '-'], { encoding: 'utf8' });
  return text.split('\n').map((l) => l.trim()).filter(Boolean).sort();
}

describe('stamps laid over a print without them', () => {
  it('give every page the words of the print with stamps, the stamps included', async () => {
    const want = await pdfPages(stamped);
    expect(want.length).toBeGreaterThan(1);
    expect((await pdfPages(overlaid)).length).toBe(want.length);
    for (let page = 1; page <= want.length; page++) expect(lines(overlaid, page)).toEqual(lines(stamped, page));
    expect(lines(overlaid, 2)).toEqual(expect.arrayContaining(['Agenda Item 4', 'Page 2']));
    // Without them, the paper's own print says neither.
    expect(bare.getPageCount()).toBe(want.length);
    expect(lines(join(dir, 'bare.pdf'), 2)).not.toEqual(expect.arrayContaining(['Page 2']));
    expect(lines(join(dir, 'bare.pdf'), 2)).not.toEqual(expect.arrayContaining(['Agenda Item 4']));
  });

  it('look the same as the print with stamps, pixel for pixel', async () => {
    const render = (pdf: string, out: string) => execFileSync('pdftoppm', ['-r', '60', '-gray', pdf, join(dir, out)]);
    render(stamped, 'want');
    render(overlaid, 'got');
    const want = await readFile(join(dir, 'want-1.pgm'));
    const got = await readFile(join(dir, 'got-1.pgm'));
    const differing = want.reduce((n, byte, i) => n + (Math.abs(byte - got[i]!) > 64 ? 1 : 0), 0);
    expect(got.length).toBe(want.length);
    // Glyphs drawn from a subset of the same font at the same place: at most a few edge pixels.
    expect(differing / want.length).toBeLessThan(0.001);
  });

  it('are artifacts: marked as such, and the structure tree is the print\'s own', async () => {
    const doc = await PDFDocument.load(await readFile(overlaid));
    const page = doc.getPage(0);
    const contentsArray = page.node.Contents();
    const streams = contentsArray instanceof PDFArray ? contentsArray.asArray().map((ref) => doc.context.lookup(ref)) : [contentsArray];
    const text = streams.map((s) => Buffer.from(s instanceof PDFRawStream ? decodePDFRawStream(s).decode() : (s as unknown as { getContents(): Uint8Array }).getContents()).toString('latin1')).join('\n');
    expect(text).toMatch(/^\/Artifact BMC\s+q\s[^]*\/CpbStamp1_\w+[^]*\sQ\s+EMC\s/);
    const root = (d: PDFDocument) => d.catalog.lookup(PDFName.of('StructTreeRoot'));
    expect(root(doc)).toBeDefined();
    const parentTree = (d: PDFDocument) => String(d.context.lookup((root(d) as unknown as { get(n: PDFName): unknown }).get(PDFName.of('ParentTree')) as never));
    expect(parentTree(doc)).toBe(parentTree(bare));
  });

  it('come off again, layer by layer, leaving the print\'s own content; a page without them is refused', async () => {
    const doc = await PDFDocument.load(await readFile(overlaid));
    const content = (d: PDFDocument, i: number) => {
      const contents = d.getPage(i).node.get(PDFName.of('Contents'));
      const refs = contents instanceof PDFArray ? contents.asArray() : [contents!];
      return refs.map((ref) => Buffer.from(decodePDFRawStream(d.context.lookup(ref) as PDFRawStream).decode()).toString('latin1')).join('\n');
    };
    // A second layer, as a pack lays the item's stamps and the page numbers apart.
    const stamps = await PDFDocument.load(await readFile(overlaid));
    await overlayStamps(doc, stamps, [{ page: 0, stamp: 1 }]);
    stripStamps(doc);
    for (let i = 0; i < bare.getPageCount(); i++) expect(content(doc, i), `page ${i + 1}`).toBe(content(bare, i));
    const resources = doc.getPage(0).node.Resources()!;
    const names = resources.keys().flatMap((kind) => {
      const dict = resources.lookup(kind);
      return dict instanceof PDFDict ? dict.keys().map((k) => k.decodeText()) : [];
    });
    expect(names.length).toBeGreaterThan(0);
    expect(names.filter((n) => n.startsWith('CpbStamp'))).toEqual([]);
    expect(() => stripStamps(doc)).toThrow(/does not hold stamps/);
  });
});
