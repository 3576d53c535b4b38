import type { PDFDocument } from '../pdf-lib.js';
import type { StampLayer } from '../print/pack-compose.js';
import { FIRST_STAMP_PAGE, type PageStamps } from '../render/stamps-html.js';

/** Page numbers in each print of them: "Page 1" to "Page 64" in the first, 65 to 128 in the next… */
const BLOCK = 64;

/** One stamp laid over a page: a page of one of the prints of page numbers, or of the print of landscape stamps. */
type StampRef = { print: number; page: number } | { print: 'landscape'; key: string };

/**
 * Where the stamps of a meeting's pages are printed. A page gets two: its number ("Page 12") and
 * what its entry has in the other margins ("Agenda Item 4", "DRAFT", "CONFIDENTIAL").
 *
 * Page numbers are printed 64 to a print, the first print holding every entry's other stamps as
 * well. A print of numbers goes to the browser as soon as a page asks for one of its numbers, so
 * the pages counted one paper after another bring their stamps along, beside the papers' own
 * prints, rather than all after the last count; the prints a meeting needed in its last build go
 * at once. Landscape pages' stamps go in one print more, once every page count is known.
 *
 * Which print a stamp comes from depends on its page number alone, never on what was built
 * before, and a stamp has the same bytes whichever print holds it, as every print of stamps holds
 * every glyph (stampsHtml): the same inputs give the same PDFs, however they were reached.
 */
export class MeetingStamps {
  private readonly bases: PageStamps[] = [];
  /** Where each entry's other stamps are in the first print. */
  private readonly baseAt = new Map<string, number>();
  private readonly numbers: Promise<PDFDocument>[] = [];
  private readonly landscapePages = new Map<string, PageStamps>();
  private landscape?: Promise<{ doc: PDFDocument; at: Map<string, number> }>;
  private started = false;
  /** The last print of numbers a page has asked for (printed once the stamps are started). */
  private wanted = 0;
  private finished = false;
  private complete!: () => void;
  /** Settles once every page has been asked for (finish). */
  private readonly completed = new Promise<void>((resolve) => (this.complete = resolve));

  constructor(
    /** Every entry's stamps but for the page number, portrait pages (entryStamps). */
    bases: readonly PageStamps[],
    private readonly print: (pages: readonly PageStamps[]) => Promise<PDFDocument>,
    /**
     * The most pages a document of the meeting had in its last build: the prints of the numbers
     * its packs needed then (and a few more, for an edit that adds a page or two) go at once.
     */
    private readonly pagesBefore = 0,
  ) {
    for (const base of bases) {
      const key = JSON.stringify(base);
      if (!this.baseAt.has(key) && Object.keys(base).length > 0) {
        this.baseAt.set(key, BLOCK + this.bases.length);
        this.bases.push(base);
      }
    }
  }

  /**
   * Sends the first prints to the browser: the numbers the last build needed and any asked for
   * since (once; nothing is printed for a meeting whose every PDF is kept).
   */
  start(): void {
    if (this.started) return;
    this.started = true;
    const before = Math.ceil((this.pagesBefore + 8) / BLOCK) - 1;
    this.numbersIn(Math.max(0, before, this.wanted));
  }

  /** The print holding page numbers 64 × block + 1 onwards, sent now if it is not yet. */
  private numbersIn(block: number): Promise<PDFDocument> {
    for (let b = this.numbers.length; b <= block; b++) {
      const pages: PageStamps[] = [];
      for (let n = b * BLOCK + 1; n <= (b + 1) * BLOCK; n++) pages.push({ bottomCenter: `Page ${n}` });
      const printed = this.print(b === 0 ? [...pages, ...this.bases] : pages);
      printed.catch(() => undefined);
      this.numbers.push(printed);
    }
    return this.numbers[block]!;
  }

  /** The stamps of a page numbered `n` whose entry's stamps are `base` (entryStamps); noted for the landscape print if it needs it. */
  page(base: PageStamps, n: number): StampRef[] {
    const refs: StampRef[] = [];
    const landscape = (stamps: PageStamps): StampRef => {
      if (this.finished) throw new Error('a landscape stamp asked for after every page was said to have been');
      const key = JSON.stringify(stamps);
      this.landscapePages.set(key, stamps);
      return { print: 'landscape', key };
    };
    const { bottomCenter: _, ...rest } = base;
    if (Object.keys(rest).some((k) => k !== 'landscape')) {
      const at = this.baseAt.get(JSON.stringify(rest));
      refs.push(at !== undefined && !base.landscape ? { print: 0, page: at } : landscape(rest));
    }
    if (base.landscape) refs.push(landscape({ landscape: true, bottomCenter: `Page ${n}` }));
    else {
      const block = Math.floor((n - 1) / BLOCK);
      if (this.started) this.numbersIn(block);
      else this.wanted = Math.max(this.wanted, block);
      refs.push({ print: block, page: (n - 1) % BLOCK });
    }
    return refs;
  }

  /** Says every page that needs stamps has been asked for (page): the landscape stamps can be printed. */
  finish(): void {
    this.finished = true;
    this.complete();
  }

  /** The print of every landscape page's stamps, in an order of their own (not the order the pages were counted in). */
  private landscapes(): Promise<{ doc: PDFDocument; at: Map<string, number> }> {
    this.landscape ??= this.completed.then(async () => {
      const pages = [...this.landscapePages].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
      const doc = await this.print(pages.map(([, stamps]) => stamps));
      return { doc, at: new Map(pages.map(([key], i) => [key, i])) };
    });
    return this.landscape;
  }

  /** The layers to lay over a document whose pages (0-based) get `pages[i]`: one for each print of numbers it uses, in order, then the landscape stamps. */
  async layers(pages: readonly StampRef[][]): Promise<StampLayer[]> {
    const byPrint = new Map<number, { page: number; stamp: number }[]>();
    pages.forEach((refs, page) => {
      for (const ref of refs) {
        if (ref.print === 'landscape') continue;
        const pairs = byPrint.get(ref.print) ?? [];
        pairs.push({ page, stamp: FIRST_STAMP_PAGE + ref.page });
        byPrint.set(ref.print, pairs);
      }
    });
    const layers: StampLayer[] = [];
    this.start();
    for (const print of [...byPrint.keys()].sort((a, b) => a - b)) layers.push({ doc: await this.numbersIn(print), pairs: byPrint.get(print)! });
    if (pages.some((refs) => refs.some((r) => r.print === 'landscape'))) {
      const landscape = await this.landscapes();
      const pairs = pages.flatMap((refs, page) => refs.flatMap((r) => (r.print === 'landscape' ? [{ page, stamp: FIRST_STAMP_PAGE + landscape.at.get(r.key)! }] : [])));
      layers.push({ doc: landscape.doc, pairs });
    }
    return layers;
  }
}
