import { execFileSync } from 'node:child_process';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PDFDict, PDFDocument, PDFName, PDFRef, type PDFObject } from '../../src/pdf-lib.js';
import { getDocument } from 'pdfjs-dist/legacy/build/pdf.mjs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadRenderFiles } from '../../src/load/render-files.js';
import type { Board } from '../../src/model/board.js';
import type { PackEntry, PackPlan } from '../../src/model/pack-plan.js';
import { BrowserSession } from '../../src/print/browser-session.js';
import { namedDestinationPages } from '../../src/print/pdf-dests.js';
import { joinTagged } from '../../src/print/pdf-join.js';
import { isStructElem, kidsOf } from '../../src/print/pdf-struct-nodes.js';
import { nameTreeEntries } from '../../src/print/pdf-struct-trees.js';
import { printPdf } from '../../src/print/print-pdf.js';
import { paperHtml, paperView, type Contents } from '../../src/render/pack-html.js';
import type { PaperContent } from '../../src/render/paper-content.js';
import { Renderer } from '../../src/render/renderer.js';
import { NO_STAMPS_CSS } from '../../src/render/stamps-html.js';

/**
 * Papers printed alone without stamps and joined one after another (as a pack is made of its
 * papers' prints), against the same papers printed in one print: the same pages, words,
 * structure and links.
 */
const board = { name: 'Corporate Parenting Board', council: 'Lancashire County Council', dateStyle: 'plain' } as unknown as Board;
const papers = [1, 2, 3].map((n) => ({ title: `Report ${n}`, file: `report-${n}.md`, path: `/board/papers/report-${n}.md` }));
const entries = papers.map((paper, i) => ({ kind: 'paper', id: `item${i + 2}-paper1`, item: { number: i + 2, title: `Item ${i + 2}` }, paper, index: 0 }) as unknown as PackEntry);
const plan = { variant: 'public', meeting: { date: '2019-11-26' }, entries } as unknown as PackPlan;
function body(n: number): string {
  const paragraphs = Array.from({ length: 12 * n }, (_, i) => `<p>Paragraph ${i + 1} of report ${n}: placements, carers and homes.</p>`).join('');
  return `<h2 id="r${n}-summary">Summary of report ${n}</h2><p>See <a href="#r${n}-detail">the detail</a> and <a href="https://www.example.org/r${n}">the council's page</a>.</p>
<ul><li>One point of report ${n}</li><li>Another point</li></ul>
<table><thead><tr><th>Measure</th><th>Value</th></tr></thead><tbody><tr><td>Children in care</td><td>${1000 + n}</td></tr></tbody></table>
${paragraphs}<h2 id="r${n}-detail">Detail of report ${n}</h2><p>The end of report ${n}.</p>`;
}
const contents = new Map(papers.map((paper, i) => [paper, { format: 'html', html: body(i + 1), warnings: [] } as unknown as PaperContent])) as unknown as Contents;

const session = new BrowserSession({ timeoutMs: 60_000 });
let dir: string;
const alone: string[] = [];
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'cpb-join-'));
  const renderer = await Renderer.create(await loadRenderFiles());
  // All three papers in one print without stamps, as a pack's body; links to each make the print
  // say where each starts.
  const all = await renderer.render('pack-body', { lang: 'en-GB', title: 'Papers', pageCss: NO_STAMPS_CSS, entries: entries.map((e) => paperView(board, plan, e, contents)) });
  const wholeBytes = await printPdf(session, all, 'all papers', { tagged: true });
  await writeFile(join(dir, 'whole.pdf'), wholeBytes);
  for (const [i, entry] of entries.entries()) {
    alone.push(join(dir, `alone-${i + 1}.pdf`));
    await writeFile(alone[i]!, await printPdf(session, await paperHtml(renderer, board, plan, entry, contents, { stamps: false }), `paper ${i + 1}`, { tagged: true }));
  }
}, 120_000);
afterAll(async () => {
  await session.close();
  await rm(dir, { recursive: true, force: true });
});
let joined: string;
beforeAll(async () => {
  // The papers printed alone, joined one after another, as a pack is joined from its parts.
  const doc = await PDFDocument.load(await readFile(alone[0]!));
  for (const pdf of alone.slice(1)) await joinTagged(doc, await PDFDocument.load(await readFile(pdf)), { before: false });
  joined = join(dir, 'joined.pdf');
  await writeFile(joined, await doc.save());
});

const pagesOf = (pdf: string) => Number(/Pages:\s+(\d+)/.exec(execFileSync('pdfinfo', [pdf], { encoding: 'utf8' }))![1]);
const text = (pdf: string) => execFileSync('pdftotext', ['-layout', pdf, '-'], { encoding: 'utf8' });

/** The structure types in reading order, below the wrappers Chromium puts around the body. */
async function structure(pdf: string): Promise<string[]> {
  const doc = await PDFDocument.load(await readFile(pdf));
  const root = doc.catalog.lookup(PDFName.of('StructTreeRoot'), PDFDict);
  const types: string[] = [];
  const walk = (node: PDFObject) => {
    const elem = node instanceof PDFRef ? doc.context.lookup(node) : node;
    if (!isStructElem(elem)) return;
    types.push(String(elem.get(PDFName.of('S'))));
    kidsOf(doc.context, elem).forEach(walk);
  };
  kidsOf(doc.context, root).forEach(walk);
  return types;
}

async function links(pdf: string): Promise<string[]> {
  const doc = await getDocument({ data: new Uint8Array(await readFile(pdf)), isEvalSupported: false }).promise;
  const found: string[] = [];
  for (let n = 1; n <= doc.numPages; n++) {
    for (const a of await (await doc.getPage(n)).getAnnotations()) {
      if (a.subtype !== 'Link') continue;
      const dest = typeof a.dest === 'string' ? await doc.getDestination(a.dest) : a.dest;
      found.push(a.url ?? `page ${dest ? (await doc.getPageIndex(dest[0])) + 1 : '?'}`);
    }
  }
  await doc.destroy();
  return found;
}

describe('papers printed alone, joined', () => {
  const content = (types: string[]) => types.filter((t) => t !== '/NonStruct' && t !== '/Document');

  it('are the print of all of them: pages, words, structure and links', async () => {
    const whole = join(dir, 'whole.pdf');
    expect(pagesOf(joined)).toBe(pagesOf(whole));
    expect(text(joined)).toBe(text(whole));
    expect(content(await structure(joined))).toEqual(content(await structure(whole)));
    // Each paper's link to its own detail leads to the page it is on in the joined document.
    expect(await links(joined)).toEqual(await links(whole));
    expect((await links(joined)).filter((l) => l.startsWith('page')).length).toBe(3);
  });

  it('say where each paper starts, as the print of all of them does', async () => {
    const starts = namedDestinationPages(await PDFDocument.load(await readFile(joined)));
    const whole = namedDestinationPages(await PDFDocument.load(await readFile(join(dir, 'whole.pdf'))));
    for (const entry of entries) expect(starts.get(entry.id), entry.id).toBe(whole.get(entry.id));
  });

  it('keep each element ID once, and are a sound tagged PDF', async () => {
    execFileSync('qpdf', ['--check', joined], { encoding: 'utf8' });
    expect(execFileSync('pdfinfo', [joined], { encoding: 'utf8' })).toMatch(/Tagged:\s+yes/);
    const doc = await PDFDocument.load(await readFile(joined));
    const root = doc.catalog.lookup(PDFName.of('StructTreeRoot'), PDFDict);
    const ids = nameTreeEntries(doc.context, root.lookup(PDFName.of('IDTree'), PDFDict)).map(([id]) => id);
    expect(new Set(ids).size).toBe(ids.length);
    expect(ids.length).toBeGreaterThanOrEqual(3);
  });
});
