import { execFileSync } from 'node:child_process';
import { cp, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PDFArray, PDFDict, PDFDocument, PDFName, PDFString, type PDFPage } from 'pdf-lib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { copyOfExample, cpb, EXAMPLES } from '../helpers/cli.js';
import { paperFile } from '../helpers/paper-files.js';
import { pdfOutline, pdfPages } from '../helpers/pdf.js';

// A pack is its front sheet and pages kept for each entry, onto which each paper's own print is
// put (see docs/templates.md): these are the things that would break if that went wrong.

/** Each web link on a page: its address and rectangle. */
function links(page: PDFPage): { uri: string; rect: number[] }[] {
  const annots = page.node.lookupMaybe(PDFName.of('Annots'), PDFArray);
  const out: { uri: string; rect: number[] }[] = [];
  for (let i = 0; annots && i < annots.size(); i++) {
    const annot = annots.lookup(i, PDFDict);
    const uri = annot.lookupMaybe(PDFName.of('A'), PDFDict)?.lookupMaybe(PDFName.of('URI'), PDFString)?.decodeText();
    const rect = annot.lookup(PDFName.of('Rect'), PDFArray).asArray().map((n) => Math.round(Number(n.toString())));
    if (uri) out.push({ uri, rect });
  }
  return out;
}

describe('a paper with a web link, in the pack', () => {
  let board: { dir: string; cleanup: () => Promise<void> };
  let out: string;
  beforeAll(async () => {
    board = await copyOfExample();
    const paper = join(board.dir, 'meetings/2019-11-26/papers/delivery-plan.md');
    await writeFile(paper, `${await readFile(paper, 'utf8')}\nRead the [Corporate Parenting Strategy](https://www.lancashire.gov.uk/corporate-parenting) online.\n`);
    const r = await cpb(['build', board.dir, '--meeting', '2019-11-26'], { env: { CPB_TODAY: '2019-11-20' }, timeoutMs: 300_000 });
    expect(r.code, r.stderr).toBe(0);
    out = join(board.dir, 'out/2019-11-26');
  }, 300_000);
  afterAll(() => board.cleanup());

  it('keeps the link where the words are, in the pack as on the paper, and in the structure tree', async () => {
    const own = await PDFDocument.load(await readFile(paperFile(out, 5, 1, 'pdf')));
    const ownLinks = own.getPages().flatMap((page, i) => links(page).map((l) => ({ ...l, page: i })));
    expect(ownLinks.map((l) => l.uri)).toContain('https://www.lancashire.gov.uk/corporate-parenting');

    const pack = await PDFDocument.load(await readFile(join(out, 'pack.pdf')));
    const first = (await pdfOutline(join(out, 'pack.pdf'))).flatMap((item) => item.children).find((c) => c.title === 'Corporate Parenting Strategy Delivery Plan')!.page;
    const link = ownLinks.find((l) => l.uri.includes('corporate-parenting'))!;
    expect(links(pack.getPage(first - 1 + link.page))).toContainEqual({ uri: link.uri, rect: link.rect });

    const tree = execFileSync('pdfinfo', ['-struct', join(out, 'pack.pdf')], { encoding: 'utf8' });
    expect(tree).toMatch(/^\s*Link\b/m);
    const text = (await pdfPages(join(out, 'pack.pdf')))[first - 1 + link.page]!;
    expect(text).toContain('Corporate Parenting Strategy online');
  });

  it('puts on each pack page the paper\'s words once, the pack\'s stamps once, and none of the paper\'s own', async () => {
    const pages = await pdfPages(join(out, 'pack.pdf'));
    // After the front sheet, whose page ranges say "Page 38" too.
    const firstPaper = Math.min(...(await pdfOutline(join(out, 'pack.pdf'))).flatMap((item) => item.children).map((paper) => paper.page));
    expect(firstPaper).toBeGreaterThan(1);
    for (const [i, text] of pages.entries()) {
      if (i + 1 < firstPaper) continue;
      expect(text.match(/Page \d+(?!\d)/g), `page ${i + 1}`).toEqual([`Page ${i + 1}`]);
      // (An exempt item's notice names its item in its own words.)
      if (!text.includes('Not for publication')) expect((text.match(/Agenda Item \d+/g) ?? []).length, `page ${i + 1}`).toBe(1);
    }
  });
});

describe('a landscape page of a paper, in the pack', () => {
  let parent: string;
  let out: string;
  beforeAll(async () => {
    parent = await mkdtemp(join(tmpdir(), 'cpb-compose-'));
    await cp(join(EXAMPLES, 'croydon'), join(parent, 'croydon'), { recursive: true, filter: (src) => !src.includes('/out') });
    const r = await cpb(['build', join(parent, 'croydon'), '--meeting', '2022-06-22'], { env: { CPB_TODAY: '2022-06-01' }, timeoutMs: 300_000 });
    expect(r.code, r.stderr).toBe(0);
    out = join(parent, 'croydon/out/2022-06-22');
  }, 300_000);
  afterAll(() => rm(parent, { recursive: true, force: true }));

  it('stands on a landscape page of the pack, with its item\'s stamp and the pack\'s page number', async () => {
    const pack = await PDFDocument.load(await readFile(join(out, 'pack.pdf')));
    const pages = await pdfPages(join(out, 'pack.pdf'));
    const wide = pack.getPages().flatMap((page, i) => (page.getWidth() > page.getHeight() ? [i] : []));
    expect(wide.length).toBeGreaterThan(0);
    for (const i of wide) {
      expect(pages[i], `page ${i + 1}`).toMatch(/Agenda Item \d+/);
      expect(pages[i], `page ${i + 1}`).toMatch(new RegExp(`Page ${i + 1}(?!\\d)`));
      // The paper's own words are there too, not only the stamps.
      expect(pages[i]!.replace(/Agenda Item \d+|Page \d+/g, '').trim().length, `page ${i + 1}`).toBeGreaterThan(200);
    }
  });
});
