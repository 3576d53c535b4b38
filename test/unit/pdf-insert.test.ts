import { execFileSync } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  endMarkedContent,
  PDFArray,
  PDFDict,
  PDFDocument,
  PDFName,
  PDFNumber,
  PDFOperator,
  PDFOperatorNames,
  PDFStream,
  PDFString,
  StandardFonts,
  type PDFObject,
  type PDFRef,
} from '../../src/pdf-lib.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BrowserSession } from '../../src/print/browser-session.js';
import { fitMatrix, insertSuppliedPdf } from '../../src/print/pdf-insert.js';
import { appendToNumberTree, nameTreeEntries, numberTreeEntries, rewriteNameTree } from '../../src/print/pdf-struct-trees.js';
import { printPdf } from '../../src/print/print-pdf.js';

const SUPPLIED_HTML = `<!doctype html><html lang="en-GB"><head><meta charset="utf-8"><title>Children in Care Strategy</title></head><body>
<h1>Children in Care Strategy</h1>
<p>Our ambition for every child in our care.</p>
<table><tr><th scope="col">Priority</th><th scope="col">Owner</th></tr>
<tr><td>Stability of placements</td><td>Head of Service</td></tr></table>
<h2 style="break-before: page">Delivering the strategy</h2>
<p>The zebracorn paragraph stands on page two.</p>
</body></html>`;

const SLIDE_HTML = `<!doctype html><html lang="en-GB"><head><meta charset="utf-8"><title>Slides</title>
<style>@page { size: 960px 540px; margin: 0 } body { margin: 0 } h1 { font-size: 60px; margin: 40px }</style></head><body>
<h1>Quokka performance slide</h1><p style="margin: 40px">Wide content runs right across the slide to its far edge here.</p>
</body></html>`;

/** A front page, `reserved` empty pages, and a last page; every page stamped "Page N". */
function packHtml(reserved: number): string {
  return `<!doctype html><html lang="en-GB"><head><meta charset="utf-8"><title>Agenda pack</title>
<style>@page { margin: 20mm 15mm; @bottom-center { content: "Page " counter(page) } }</style></head><body>
<h1>Corporate Parenting Board</h1><p>Front sheet text alpha.</p>
${'<div style="break-before: page"></div>\n'.repeat(reserved)}<p style="break-before: page">After the strategy</p>
</body></html>`;
}

const session = new BrowserSession({ timeoutMs: 30000 });
let dir: string;
let supplied: Uint8Array;
let untagged: Uint8Array;
let slide: Uint8Array;
let pack2: Uint8Array;
let pack4: Uint8Array;

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'cpb-pdf-insert-'));
  supplied = await printPdf(session, SUPPLIED_HTML, 'supplied');
  slide = await printPdf(session, SLIDE_HTML, 'slide');
  pack2 = await printPdf(session, packHtml(2), 'pack');
  pack4 = await printPdf(session, packHtml(4), 'pack');
  // `outline: true` would turn tagging back on, so this one is printed directly.
  untagged = await session.withPage('printing untagged', async (page) => {
    await page.setContent(SUPPLIED_HTML);
    return page.pdf({ format: 'A4', tagged: false, outline: false });
  });
});

afterAll(async () => {
  await session.close();
  if (dir) await rm(dir, { recursive: true, force: true });
});

async function save(doc: PDFDocument, file: string): Promise<string> {
  const path = join(dir, file);
  await writeFile(path, await doc.save());
  return path;
}

const run = (cmd: string, ...args: string[]) => execFileSync(cmd, args, { encoding: 'utf8' });
const pdfinfo = (path: string) => run('pdfinfo', path);
const structText = (path: string) => run('pdfinfo', '-struct-text', path);
const pageText = (path: string, page: number) => run('pdftotext', '-layout', '-f', String(page), '-l', String(page), path, '-').replace(/\s+/g, ' ');

describe('insertSuppliedPdf', () => {
  it('draws a tagged PDF onto the reserved pages and grafts its structure tree in reading order', async () => {
    const pack = await PDFDocument.load(pack2);
    const result = await insertSuppliedPdf(pack, { bytes: supplied, displayPath: 'papers/strategy.pdf', firstPageIndex: 1 });
    expect(result.warnings).toEqual([]);
    const path = await save(pack, 'tagged.pdf');

    const info = pdfinfo(path);
    expect(info).toMatch(/^Pages:\s+4$/m);
    expect(info).toMatch(/^Tagged:\s+yes$/m);

    const tree = structText(path);
    const front = tree.indexOf('Front sheet text alpha');
    const heading = tree.indexOf('Children in Care Strategy');
    const zebra = tree.indexOf('zebracorn');
    const after = tree.indexOf('After the strategy');
    expect(front).toBeGreaterThanOrEqual(0);
    expect(heading).toBeGreaterThan(front);
    expect(zebra).toBeGreaterThan(heading);
    expect(after).toBeGreaterThan(zebra);
    expect(tree).toMatch(/^\s*Part\b/m);
    expect(tree).toMatch(/^\s*TH\b/m);
    expect(tree).toContain('Stability of placements');
    // The stamps stay artifacts: none of them is in the tree.
    expect(tree).not.toContain('Page 2');

    const page2 = pageText(path, 2);
    expect(page2).toContain('Children in Care Strategy');
    expect(page2).toContain('Page 2');
    const page3 = pageText(path, 3);
    expect(page3).toContain('zebracorn');
    expect(page3).toContain('Page 3');
    expect(pageText(path, 4)).toContain('Page 4');

    // The forms are keyed into the pack's parent tree, and the next key is raised past them.
    const saved = await PDFDocument.load(await pack.save());
    const root = saved.catalog.lookup(PDFName.of('StructTreeRoot'), PDFDict);
    const keys = numberTreeEntries(saved.context, root.lookup(PDFName.of('ParentTree'), PDFDict)).map(([k]) => k);
    const next = root.lookup(PDFName.of('ParentTreeNextKey'), PDFNumber).asNumber();
    expect(Math.max(...keys)).toBe(next - 1);
    const formKeys = [1, 2].map((i) => {
      const xobjects = saved.getPages()[i]!.node.Resources()!.lookup(PDFName.of('XObject'), PDFDict);
      const form = saved.context.lookup(xobjects.get(PDFName.of('CpbSupplied1')), PDFStream);
      return form.dict.lookup(PDFName.of('StructParents'), PDFNumber).asNumber();
    });
    expect(new Set(formKeys).size).toBe(2);
    for (const key of formKeys) expect(keys).toContain(key);
  });

  it('grafts into a pack whose tree holds a single element, written as a lone kid rather than an array', async () => {
    const lone = await printPdf(
      session,
      `<!doctype html><html lang="en-GB"><head><meta charset="utf-8"><title>Pack</title></head><body><p>Only the front sheet.</p>${'<div style="break-before: page"></div>'.repeat(2)}</body></html>`,
      'pack with one element',
    );
    const pack = await PDFDocument.load(lone);
    const root = pack.catalog.lookup(PDFName.of('StructTreeRoot'), PDFDict);
    const document = pack.context.lookup(root.get(PDFName.of('K')));
    // What makes this pack's tree unlike the others: somewhere a /K that is one element, not an array.
    const loneKid = (node: PDFObject | undefined): boolean => {
      const dict = node && pack.context.lookup(node);
      if (!(dict instanceof PDFDict)) return false;
      const k = dict.get(PDFName.of('K'));
      const kid = k && pack.context.lookup(k);
      return kid instanceof PDFDict ? kid.has(PDFName.of('S')) || loneKid(kid) : kid instanceof PDFArray && kid.asArray().some(loneKid);
    };
    expect(loneKid(document)).toBe(true);
    const result = await insertSuppliedPdf(pack, { bytes: supplied, displayPath: 'papers/strategy.pdf', firstPageIndex: 1 });
    expect(result.warnings).toEqual([]);
    const tree = structText(await save(pack, 'lone.pdf'));
    expect(tree.indexOf('Only the front sheet')).toBeGreaterThanOrEqual(0);
    expect(tree.indexOf('zebracorn')).toBeGreaterThan(tree.indexOf('Only the front sheet'));
  });

  it('keeps IDs unique and table headers linked when two papers are grafted', async () => {
    const pack = await PDFDocument.load(pack4);
    await insertSuppliedPdf(pack, { bytes: supplied, displayPath: 'a.pdf', firstPageIndex: 1 });
    await insertSuppliedPdf(pack, { bytes: supplied, displayPath: 'b.pdf', firstPageIndex: 3 });
    const path = await save(pack, 'twice.pdf');
    expect(pdfinfo(path)).toMatch(/^Tagged:\s+yes$/m);
    const tree = structText(path);
    expect(tree.split('zebracorn').length - 1).toBe(2);
    expect(tree.indexOf('After the strategy')).toBeGreaterThan(tree.lastIndexOf('zebracorn'));

    const root = pack.catalog.lookup(PDFName.of('StructTreeRoot'), PDFDict);
    const ids = nameTreeEntries(pack.context, root.lookup(PDFName.of('IDTree'), PDFDict)).map(([id]) => id);
    expect(ids.length).toBeGreaterThanOrEqual(4);
    expect(new Set(ids).size).toBe(ids.length);
    // Every header a cell names is an ID in the tree.
    const headers = [...tree.matchAll(/\/Headers \[\(([^)]*)\)\]/g)].map((m) => m[1]!);
    expect(headers.length).toBe(4);
    for (const header of headers) expect(ids).toContain(header);
  });

  it('grafts trees written the way other producers write them (RoleMap, MCR dicts, /Kids parent tree, OBJR)', async () => {
    const bytes = await otherProducerPdf();
    const pack = await PDFDocument.load(pack2);
    const result = await insertSuppliedPdf(pack, { bytes, displayPath: 'word.pdf', firstPageIndex: 1 });
    expect(result.warnings).toEqual([]);
    const path = await save(pack, 'other.pdf');
    expect(pdfinfo(path)).toMatch(/^Tagged:\s+yes$/m);
    const tree = structText(path);
    const order = ['Front sheet text alpha', 'Walrus heading', 'Narwhal paragraph', 'Orphan paragraph', 'Linked words', 'After the strategy'];
    const at = order.map((text) => tree.indexOf(text));
    expect(at.every((i) => i >= 0)).toBe(true);
    expect([...at].sort((a, b) => a - b)).toEqual(at);
    expect(pageText(path, 2)).toContain('Walrus heading');
    // The custom role is carried with its mapping; the annotation is not.
    const root = pack.catalog.lookup(PDFName.of('StructTreeRoot'), PDFDict);
    expect(root.lookup(PDFName.of('RoleMap'), PDFDict).get(PDFName.of('Heading1'))).toBe(PDFName.of('H1'));
    expect(pack.getPages()[1]!.node.Annots()?.size() ?? 0).toBe(0);
  });

  it('draws an untagged PDF and warns that screen readers cannot read it', async () => {
    const pack = await PDFDocument.load(pack2);
    const result = await insertSuppliedPdf(pack, { bytes: untagged, displayPath: 'papers/strategy.pdf', firstPageIndex: 1 });
    expect(result.warnings).toEqual([
      'papers/strategy.pdf is not a tagged PDF: its text is not in the pack\'s structure tree, so screen readers cannot read it. ' +
        'Export it from its source application with tags (e.g. "Create tagged PDF" / "Document structure tags for accessibility").',
    ]);
    const path = await save(pack, 'untagged.pdf');
    expect(pdfinfo(path)).toMatch(/^Tagged:\s+yes$/m);
    expect(structText(path)).not.toContain('Children in Care Strategy');
    expect(pageText(path, 2)).toContain('Children in Care Strategy');
    expect(pageText(path, 2)).toContain('Page 2');
    expect(pageText(path, 3)).toContain('zebracorn');
  });

  it('takes scripts and attached files out of the supplied PDF and says so', async () => {
    const hostile = await PDFDocument.load(supplied);
    const js = hostile.context.obj({ S: 'JavaScript', JS: PDFString.of('app.alert("pack")') });
    hostile.catalog.set(PDFName.of('OpenAction'), hostile.context.register(js));
    hostile.getPages()[0]!.node.set(PDFName.of('AA'), hostile.context.obj({ O: js }));
    await hostile.attach(new TextEncoder().encode('attached'), 'attached.txt');
    const pack = await PDFDocument.load(pack2);
    const result = await insertSuppliedPdf(pack, { bytes: await hostile.save(), displayPath: 'papers/strategy.pdf', firstPageIndex: 1 });
    expect(result.warnings).toEqual(['papers/strategy.pdf: removed an OpenAction JavaScript, a page action and an embedded file from the copy in the pack']);
    const text = run('qpdf', '--qdf', '--object-streams=disable', await save(pack, 'sanitised.pdf'), '-');
    expect(text).not.toContain('app.alert');
    expect(text).not.toMatch(/\/(EmbeddedFiles?|JavaScript|AA)\b/);
    expect(structText(join(dir, 'sanitised.pdf'))).toContain('zebracorn');
  });

  it('scales a landscape slide down to fit the page width, inside the stamp margins', async () => {
    const pack = await PDFDocument.load(pack2);
    const result = await insertSuppliedPdf(pack, { bytes: slide, displayPath: 'slides.pdf', firstPageIndex: 1 });
    expect(result.warnings).toEqual([]);
    const path = await save(pack, 'slide.pdf');
    expect(pageText(path, 2)).toContain('Quokka performance slide');
    expect(structText(path)).toContain('Quokka performance slide');

    const bbox = run('pdftotext', '-bbox', '-f', '2', '-l', '2', path, '-');
    const size = /<page width="([\d.]+)" height="([\d.]+)"/.exec(bbox)!;
    const [width, height] = [Number(size[1]), Number(size[2])];
    const words = [...bbox.matchAll(/<word xMin="([\d.]+)" yMin="([\d.]+)" xMax="([\d.]+)" yMax="([\d.]+)">([^<]*)<\/word>/g)].map((m) => ({
      xMin: Number(m[1]),
      yMin: Number(m[2]),
      xMax: Number(m[3]),
      yMax: Number(m[4]),
      text: m[5]!,
    }));
    const slideWords = words.filter((w) => w.text !== 'Page' && !/^\d+$/.test(w.text));
    expect(slideWords.map((w) => w.text)).toContain('Quokka');
    const mm = 72 / 25.4;
    for (const w of slideWords) {
      expect(w.xMin).toBeGreaterThanOrEqual(10 * mm - 0.5);
      expect(w.xMax).toBeLessThanOrEqual(width - 10 * mm + 0.5);
      expect(w.yMin).toBeGreaterThanOrEqual(15 * mm - 0.5);
      expect(w.yMax).toBeLessThanOrEqual(height - 15 * mm + 0.5);
    }
    // The slide's text reaches across most of the usable width: it was scaled to the width.
    const spread = Math.max(...slideWords.map((w) => w.xMax)) - Math.min(...slideWords.map((w) => w.xMin));
    expect(spread).toBeGreaterThan((width - 20 * mm) * 0.6);
  });

  it('gives the same bytes for the same inputs', async () => {
    const once = async () => {
      const pack = await PDFDocument.load(pack2, { updateMetadata: false });
      await insertSuppliedPdf(pack, { bytes: supplied, displayPath: 's.pdf', firstPageIndex: 1 });
      return pack.save();
    };
    expect(Buffer.from(await once()).equals(Buffer.from(await once()))).toBe(true);
  });

  it('refuses a PDF with more pages than were kept for it', async () => {
    const pack = await PDFDocument.load(pack2);
    await expect(insertSuppliedPdf(pack, { bytes: supplied, displayPath: 'x.pdf', firstPageIndex: 3 })).rejects.toThrow(
      /has 2 pages but only 1 page was kept for it/,
    );
    await expect(
      insertSuppliedPdf(pack, { bytes: supplied, displayPath: 'x.pdf', firstPageIndex: 1, reservedPageCount: 1 }),
    ).rejects.toThrow(/has 2 pages but only 1 page was kept/);
    await expect(insertSuppliedPdf(pack, { bytes: supplied, displayPath: 'x.pdf', firstPageIndex: 9 })).rejects.toThrow(/pack has 4 pages/);
  });

  it('refuses a file that is not a PDF, and an encrypted one', async () => {
    const pack = await PDFDocument.load(pack2);
    await expect(
      insertSuppliedPdf(pack, { bytes: new TextEncoder().encode('not a pdf at all'), displayPath: 'x.pdf', firstPageIndex: 1 }),
    ).rejects.toThrow(/cannot be read as a PDF/);
    await expect(insertSuppliedPdf(pack, { bytes: supplied.slice(0, 3000), displayPath: 'x.pdf', firstPageIndex: 1 })).rejects.toThrow(
      /cannot be read as a PDF|no pages/,
    );

    const locked = await PDFDocument.load(supplied);
    locked.context.trailerInfo.Encrypt = locked.context.register(locked.context.obj({ Filter: 'Standard', V: 2, R: 3 }));
    const bytes = await locked.save();
    await expect(insertSuppliedPdf(pack, { bytes, displayPath: 'x.pdf', firstPageIndex: 1 })).rejects.toThrow(/encrypted/);
  });
});

describe('fitMatrix', () => {
  const area = { x: 10, y: 20, width: 200, height: 100 };
  it('fits a portrait page by height and centres it', () => {
    expect(fitMatrix({ left: 0, bottom: 0, right: 100, top: 200 }, 0, area)).toEqual([0.5, 0, 0, 0.5, 85, 20]);
  });
  it('turns a page with /Rotate 90 as a viewer shows it', () => {
    // 100 wide, 200 high, shown turned: 200 wide, 100 high, so it fills the area at scale 1.
    const m = fitMatrix({ left: 0, bottom: 0, right: 100, top: 200 }, 90, area);
    const apply = (x: number, y: number) => [m[0] * x + m[2] * y + m[4], m[1] * x + m[3] * y + m[5]];
    expect(apply(0, 200)).toEqual([210, 120]); // top-left of the page goes to the top-right
    expect(apply(0, 0)).toEqual([10, 120]);
    expect(apply(100, 0)).toEqual([10, 20]);
  });
  it('moves an offset crop box to the origin', () => {
    expect(fitMatrix({ left: 50, bottom: 50, right: 250, top: 150 }, 0, area)).toEqual([1, 0, 0, 1, -40, -30]);
  });
});

describe('structure trees', () => {
  it('reads number trees written with /Kids and appends after them', async () => {
    const doc = await PDFDocument.create();
    const ctx = doc.context;
    const leaf = (from: number, to: number) =>
      ctx.register(ctx.obj({ Limits: [from, to], Nums: [from, ctx.obj([]), to, ctx.obj([])] }));
    const root = ctx.obj({ Kids: [leaf(0, 1), leaf(2, 5)] }) as PDFDict;
    expect(numberTreeEntries(ctx, root).map(([k]) => k)).toEqual([0, 1, 2, 5]);
    appendToNumberTree(ctx, root, [
      [6, PDFString.of('a')],
      [7, PDFString.of('b')],
    ]);
    expect(numberTreeEntries(ctx, root).map(([k]) => k)).toEqual([0, 1, 2, 5, 6, 7]);
    const kids = root.lookup(PDFName.of('Kids'), PDFArray);
    const last = ctx.lookup(kids.get(kids.size() - 1), PDFDict);
    expect(last.lookup(PDFName.of('Limits'), PDFArray).asArray().map((n: PDFObject) => (n as PDFNumber).asNumber())).toEqual([6, 7]);

    const flat = ctx.obj({ Nums: [0, PDFString.of('x')] }) as PDFDict;
    appendToNumberTree(ctx, flat, [[3, PDFString.of('y')]]);
    expect(numberTreeEntries(ctx, flat).map(([k]) => k)).toEqual([0, 3]);
  });

  it('rewrites a name tree as one sorted node', async () => {
    const doc = await PDFDocument.create();
    const ctx = doc.context;
    const kid = ctx.register(ctx.obj({ Limits: [PDFString.of('b'), PDFString.of('d')], Names: [PDFString.of('b'), 1, PDFString.of('d'), 2] }));
    const root = ctx.obj({ Kids: [kid] }) as PDFDict;
    const entries = nameTreeEntries(ctx, root);
    rewriteNameTree(ctx, root, [...entries, ['a', PDFNumber.of(0)], ['c', PDFNumber.of(3)]]);
    expect(root.has(PDFName.of('Kids'))).toBe(false);
    expect(ctx.lookup(kid)).toBeUndefined();
    expect(nameTreeEntries(ctx, root).map(([k]) => k)).toEqual(['a', 'b', 'c', 'd']);
  });
});

/**
 * A one-page tagged PDF made the way word processors write them rather than Chromium: a custom
 * role mapped in /RoleMap, content referenced by MCR dictionaries, an element that names no page
 * (found through the parent tree), a parent tree written with /Kids, and a link annotation
 * referenced by an OBJR.
 */
async function otherProducerPdf(): Promise<Uint8Array> {
  const doc = await PDFDocument.create();
  const ctx = doc.context;
  const font = await doc.embedFont(StandardFonts.Helvetica);
  const page = doc.addPage([400, 300]);
  const texts = ['Walrus heading', 'Narwhal paragraph', 'Orphan paragraph', 'Linked words'];
  texts.forEach((text, mcid) => {
    page.pushOperators(PDFOperator.of(PDFOperatorNames.BeginMarkedContentSequence, [PDFName.of('Span'), `<< /MCID ${mcid} >>`]));
    page.drawText(text, { x: 20, y: 250 - mcid * 40, size: 14, font });
    page.pushOperators(endMarkedContent());
  });
  const rootRef = ctx.nextRef();
  const docRef = ctx.nextRef();
  const annot = ctx.register(ctx.obj({ Type: 'Annot', Subtype: 'Link', Rect: [20, 120, 200, 140], StructParent: 1, P: page.ref }));
  page.node.set(PDFName.of('Annots'), ctx.obj([annot]));
  page.node.set(PDFName.of('StructParents'), PDFNumber.of(0));
  const elem = (s: string, extra: Record<string, unknown>): PDFRef =>
    ctx.register(ctx.obj({ Type: 'StructElem', S: s, P: docRef, ...(extra as Record<string, PDFObject>) }));
  const heading = elem('Heading1', { Pg: page.ref, K: 0 });
  const para = elem('P', { K: [ctx.obj({ Type: 'MCR', Pg: page.ref, MCID: 1 })] });
  const orphan = elem('P', { K: 2 });
  const link = elem('Link', { Pg: page.ref, K: [ctx.obj({ Type: 'OBJR', Obj: annot, Pg: page.ref }), 3] });
  ctx.assign(docRef, ctx.obj({ Type: 'StructElem', S: 'Document', P: rootRef, K: [heading, para, orphan, link] }));
  const leaf = ctx.register(ctx.obj({ Limits: [0, 1], Nums: [0, ctx.obj([heading, para, orphan, link]), 1, link] }));
  ctx.assign(
    rootRef,
    ctx.obj({ Type: 'StructTreeRoot', K: docRef, ParentTree: ctx.obj({ Kids: [leaf] }), ParentTreeNextKey: 2, RoleMap: { Heading1: 'H1' } }),
  );
  doc.catalog.set(PDFName.of('StructTreeRoot'), rootRef);
  doc.catalog.set(PDFName.of('MarkInfo'), ctx.obj({ Marked: true }));
  return doc.save();
}
