import { execFileSync } from 'node:child_process';
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { PDFArray, PDFDict, PDFDocument, PDFName } from '../../src/pdf-lib.js';
import { afterAll, describe, expect, it } from 'vitest';
import { namedDestinationPages } from '../../src/print/pdf-dests.js';
import { nameTreeEntries } from '../../src/print/pdf-struct-trees.js';
import { pdfPages } from '../helpers/pdf.js';
import { testTempDir } from '../helpers/temp-dir.js';
import type { PackPlan } from '../../src/model/pack-plan.js';
import { BrowserSession } from '../../src/print/browser-session.js';
import { printPack, type PackJob, type PackPdf, type Ranges } from '../../src/print/pack-printer.js';

// A pack of two entries, A (item 1) and B (item 2), whose front sheet links to both: the print's
// named destinations say where each really starts, which is how a wrong count is caught.
const plan = { variant: 'public', entries: [{ id: 'a', item: { number: 1 } }, { id: 'b', item: { number: 2 } }] } as unknown as PackPlan;
const session = new BrowserSession({ timeoutMs: 30_000 });
afterAll(() => session.close());

function packHtml(pagesOfA: number, ranges: Ranges | undefined): string {
  const range = (n: number) => (ranges?.get(n) ? `pages ${ranges.get(n)!.first}-${ranges.get(n)!.last}` : '');
  return `<!DOCTYPE html><html lang="en-GB"><head><title>Pack</title><style>section { break-before: page } .more { break-before: page }</style></head><body>
<p>Front sheet: <a href="#a">A ${range(1)}</a>, <a href="#b">B ${range(2)}</a></p>
<section id="a"><h1>Paper A</h1>${'<p class="more">more of A</p>'.repeat(pagesOfA - 1)}</section>
<section id="b"><h1>Paper B</h1></section></body></html>`;
}

function job(over: Partial<PackJob>): PackJob {
  return {
    plan,
    name: '2019-11-26/pack.pdf',
    compose: async (ranges) => packHtml(2, ranges),
    measure: async () => ({ frontSheet: 1, entries: new Map([['a', 2], ['b', 1]]) }),
    supplied: [],
    bookmarks: () => [],
    metadata: { title: 'Pack', author: 'Council', language: 'en-GB', date: new Date('2019-11-26T00:00:00Z') },
    ...over,
  };
}

describe('printing a pack whose parts were counted wrong', () => {
  it('prints it again from where its pages really start, and says that print cannot stand for a later one', async () => {
    const composed: (Ranges | undefined)[] = [];
    let made: PackPdf | undefined;
    const printed = await printPack(
      session,
      job({
        // A counted as one page; it has two, so B starts a page later than the counts say.
        measure: async () => ({ frontSheet: 1, entries: new Map([['a', 1], ['b', 1]]) }),
        compose: async (ranges) => {
          composed.push(ranges);
          return packHtml(2, ranges);
        },
        print: async (_html, print) => (made = await print()),
      }),
    );
    expect(composed.length).toBe(2);
    expect([...printed.starts]).toEqual([['a', 2], ['b', 4]]);
    expect(printed.pageCount).toBe(4);
    expect(printed.ranges.get(2)).toEqual({ first: 4, last: 4 });
    expect(made?.reusable).toBe(false);
  });

  it('with counts that are right, prints once, and that print can be kept', async () => {
    let prints = 0;
    let made: PackPdf | undefined;
    const printed = await printPack(session, job({ compose: async (ranges) => (prints++, packHtml(2, ranges)), print: async (_html, print) => (made = await print()) }));
    expect(prints).toBe(1);
    expect([...printed.starts]).toEqual([['a', 2], ['b', 4]]);
    expect(made?.reusable).toBe(true);
  });

  it('gives up with a clear error when its pages keep moving', async () => {
    let attempt = 0;
    // Every print is a page longer than the one before, as a paper that grew with its page numbers would be.
    const moving = job({ compose: async (ranges) => packHtml(3 + attempt++, ranges) });
    await expect(printPack(session, moving)).rejects.toMatchObject({ rule: 'pack/unstable', message: expect.stringContaining('kept moving between prints') });
    expect(attempt).toBe(3);
  });
});

// The same pack printed as cpb prints its own: the front sheet on its own, and the rest with its
// page numbers following on (see pack-body.hbs and front-sheet.hbs).
const PAGE_CSS = '@page { size: A4; margin: 20mm; @bottom-center { content: "Page " counter(page); } } section { break-before: page } .more { break-before: page }';
function frontHtml(ranges: Ranges | undefined, extra = ''): string {
  const range = (n: number) => (ranges?.get(n) ? `pages ${ranges.get(n)!.first}-${ranges.get(n)!.last}` : 'pages 00-00');
  return `<!DOCTYPE html><html lang="en-GB"><head><title>Pack</title><style>${PAGE_CSS} .link-targets { position: absolute; top: 0; left: 0; width: 0; height: 0; overflow: hidden; }</style></head><body><main>
<h1>Front sheet</h1><p><a href="#a">A ${range(1)}</a>, <a href="#b">B ${range(2)}</a></p>${extra}
<div class="link-targets"><span id="a"></span><span id="b"></span></div></main></body></html>`;
}
function bodyHtml(pagesOfA: number, frontPages: number): string {
  return `<!DOCTYPE html><html lang="en-GB"><head><title>Pack</title><style>${PAGE_CSS} html { counter-reset: page ${frontPages}; }</style></head><body><main>
<div hidden><a href="#a"></a><a href="#b"></a></div>
<section id="a"><h1>Paper A</h1>${'<p class="more">more of A</p>'.repeat(pagesOfA - 1)}</section>
<section id="b"><h1>Paper B</h1></section></main></body></html>`;
}
function inParts(over: Partial<PackJob> & { front?: (ranges: Ranges) => string } = {}): PackJob {
  return job({
    parts: {
      frontSheetPages: async () => 1,
      body: async (frontPages) => bodyHtml(2, frontPages),
      frontSheet: async (ranges) => (over.front ?? frontHtml)(ranges),
      entryIds: new Set(['a', 'b']),
    },
    ...over,
  });
}

async function written(bytes: Uint8Array): Promise<string> {
  const dir = testTempDir('cpb-pack-parts-');
  const file = join(dir, 'pack.pdf');
  await writeFile(file, bytes);
  return file;
}

/** Page (1-based) of each link on `pageIndex`'s page, by the named destination it gives. */
async function linkTargets(bytes: Uint8Array, pageIndex: number): Promise<number[]> {
  const doc = await PDFDocument.load(bytes);
  const dests = namedDestinationPages(doc);
  const annots = doc.getPage(pageIndex).node.lookupMaybe(PDFName.of('Annots'), PDFArray);
  return (annots?.asArray() ?? []).map((ref) => {
    const dest = (doc.context.lookup(ref) as PDFDict).get(PDFName.of('Dest'));
    return dests.get((dest as PDFName).decodeText()) ?? -1;
  });
}

describe('printing a pack in two parts, the front sheet and the rest', () => {
  it('reads as one print: page numbers run on, the front sheet first in the text and the tags, its links lead to the papers', async () => {
    let made: PackPdf | undefined;
    const printed = await printPack(session, inParts({ print: async (_html, print) => (made = await print()) }));
    expect([...printed.starts]).toEqual([['a', 2], ['b', 4]]);
    expect(printed.pageCount).toBe(4);
    expect(printed.ranges.get(1)).toEqual({ first: 2, last: 3 });
    expect(made?.reusable).toBe(true);
    const file = await written(printed.bytes);
    const pages = await pdfPages(file);
    expect(pages[0]).toContain('Front sheet A pages 2-3, B pages 4-4');
    expect(pages.map((p) => /Page \d+/.exec(p)?.[0])).toEqual(['Page 1', 'Page 2', 'Page 3', 'Page 4']);
    expect(pages[3]).toContain('Paper B');
    expect(await linkTargets(printed.bytes, 0)).toEqual([2, 4]);
    const tree = execFileSync('pdfinfo', ['-struct-text', file], { encoding: 'utf8' });
    expect(tree.indexOf('Front sheet')).toBeGreaterThan(-1);
    expect(tree.indexOf('Front sheet')).toBeLessThan(tree.indexOf('Paper A'));
    expect(tree.indexOf('Paper A')).toBeLessThan(tree.indexOf('Paper B'));
    expect(execFileSync('qpdf', ['--check', file], { encoding: 'utf8' })).toContain('No syntax or stream encoding errors');
  });

  it('takes where each paper starts from the print, not from counts that are wrong, and says that print cannot be kept', async () => {
    let made: PackPdf | undefined;
    const printed = await printPack(session, inParts({ measure: async () => ({ frontSheet: 1, entries: new Map([['a', 1], ['b', 1]]) }), print: async (_html, print) => (made = await print()) }));
    expect([...printed.starts]).toEqual([['a', 2], ['b', 4]]);
    expect(made?.reusable).toBe(false);
  });

  it('a front sheet whose ranges take it to another page count: the rest is printed again after it', async () => {
    const bodies: number[] = [];
    const base = inParts({
      // Counted with placeholders as one page, the front sheet with its ranges fills two.
      front: (ranges) => frontHtml(ranges, '<p class="more">the rest of the front sheet</p>'),
    });
    const printed = await printPack(session, { ...base, parts: { ...base.parts!, body: async (frontPages) => (bodies.push(frontPages), bodyHtml(2, frontPages)) } });
    expect(bodies).toEqual([1, 2]);
    expect(printed.pageCount).toBe(5);
    expect([...printed.starts]).toEqual([['a', 3], ['b', 5]]);
    expect((await pdfPages(await written(printed.bytes))).map((p) => /Page \d+/.exec(p)?.[0])).toEqual(['Page 1', 'Page 2', 'Page 3', 'Page 4', 'Page 5']);
  });

  it('a front sheet that cannot be put before the rest: the pack is printed whole, as it would be without parts', async () => {
    const composed: (Ranges | undefined)[] = [];
    const printed = await printPack(
      session,
      inParts({
        // A front sheet printed with nothing on it has no structure to put before the rest's.
        front: () => '<!DOCTYPE html><html lang="en-GB"><head><title>Pack</title></head><body></body></html>',
        compose: async (ranges) => (composed.push(ranges), packHtml(2, ranges)),
      }),
    );
    expect([...printed.starts]).toEqual([['a', 2], ['b', 4]]);
    expect(composed.at(-1)?.get(2)).toEqual({ first: 4, last: 4 });
    expect((await pdfPages(await written(printed.bytes)))[0]).toContain('Front sheet: A pages 2-3, B pages 4-4');
  });

  it('a front sheet whose tags have IDs (a table\'s header cells) is put before the rest, its IDs kept', async () => {
    const printed = await printPack(session, inParts({ front: (ranges) => frontHtml(ranges, '<table><tr><th id="h">Item</th></tr><tr><td headers="h">1</td></tr></table>') }));
    const doc = await PDFDocument.load(printed.bytes);
    const root = doc.catalog.lookup(PDFName.of('StructTreeRoot'), PDFDict);
    const ids = nameTreeEntries(doc.context, root.lookup(PDFName.of('IDTree'), PDFDict)).map(([id]) => id);
    expect(ids.length).toBeGreaterThan(0);
    expect(new Set(ids).size).toBe(ids.length);
    // Printed in parts: the front sheet's own text, with the ranges the parts gave.
    expect((await pdfPages(await written(printed.bytes)))[0]).toContain('Front sheet');
    expect([...printed.starts]).toEqual([['a', 2], ['b', 4]]);
  });
});
