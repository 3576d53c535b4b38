import { afterAll, describe, expect, it } from 'vitest';
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
