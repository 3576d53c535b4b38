import type { PDFDocument } from 'pdf-lib';
import type { StampLayer } from '../print/pack-compose.js';
import { FIRST_STAMP_PAGE, type PageStamps } from '../render/stamps-html.js';

/** Page numbers in the first print of stamps at the least: enough for most papers, printed before any page count is known. */
const FIRST_NUMBERS = 64;

/** One stamp laid over a page: a page of the first print, or of the one after the page counts. */
type StampRef = { layer: 'first'; page: number } | { layer: 'later'; key: string };

/**
 * Where the stamps of a meeting's pages are printed. A page gets two: its number ("Page 12") and
 * what its entry has in the other margins ("Agenda Item 4", "DRAFT", "CONFIDENTIAL"). The first
 * print holds page numbers 1 to 64 (or to a few past the longest document of the meeting's last
 * build) and every entry's other stamps, so it can go to the browser with the papers; higher
 * numbers and the stamps of landscape pages go in a second print,
 * once every page count is known. A stamp has the same bytes whichever print it comes from, as
 * every print of stamps holds every glyph (stampsHtml).
 */
export class MeetingStamps {
  private readonly firstPages: PageStamps[] = [];
  private readonly firstAt = new Map<string, number>();
  private readonly laterPages = new Map<string, PageStamps>();
  private first?: Promise<PDFDocument>;
  private later?: Promise<{ doc: PDFDocument; at: Map<string, number> } | undefined>;
  private readonly numbers: number;

  constructor(
    /** Every entry's stamps but for the page number, portrait pages (entryStamps). */
    bases: readonly PageStamps[],
    private readonly print: (pages: readonly PageStamps[]) => Promise<PDFDocument>,
    /**
     * The most pages a document of the meeting had in its last build: after one paper is edited,
     * the first print then holds every page number the packs need, and no second print is waited for.
     */
    pagesBefore = 0,
  ) {
    // A few more than last time, for an edit that adds a page or two.
    this.numbers = Math.max(FIRST_NUMBERS, pagesBefore + 8);
    for (let n = 1; n <= this.numbers; n++) this.firstPages.push({ bottomCenter: `Page ${n}` });
    for (const base of bases) {
      const key = JSON.stringify(base);
      if (!this.firstAt.has(key) && Object.keys(base).length > 0) {
        this.firstAt.set(key, this.firstPages.length);
        this.firstPages.push(base);
      }
    }
  }

  /** Sends the first print to the browser (once; nothing is printed for a meeting whose every PDF is kept). */
  start(): void {
    this.first ??= this.print(this.firstPages);
    this.first.catch(() => undefined);
  }

  /** The stamps of a page numbered `n` whose entry's stamps are `base` (entryStamps); noted for the second print if it needs it. */
  page(base: PageStamps, n: number): StampRef[] {
    const refs: StampRef[] = [];
    const ref = (stamps: PageStamps): StampRef => {
      const key = JSON.stringify(stamps);
      const at = this.firstAt.get(key);
      if (at !== undefined && !stamps.landscape) return { layer: 'first', page: at };
      if (this.later) throw new Error('a stamp asked for after the second print of stamps was sent');
      this.laterPages.set(key, stamps);
      return { layer: 'later', key };
    };
    const { bottomCenter: _, ...rest } = base;
    if (Object.keys(rest).some((k) => k !== 'landscape')) refs.push(ref(rest));
    refs.push(!base.landscape && n <= this.numbers ? { layer: 'first', page: n - 1 } : ref({ ...(base.landscape ? { landscape: true } : {}), bottomCenter: `Page ${n}` }));
    return refs;
  }

  /** Sends the second print to the browser, once every page that needs stamps has been asked for (page). */
  finish(): void {
    this.later ??= this.laterPages.size
      ? (async () => {
          const pages = [...this.laterPages];
          const doc = await this.print(pages.map(([, stamps]) => stamps));
          return { doc, at: new Map(pages.map(([key], i) => [key, i])) };
        })()
      : Promise.resolve(undefined);
    this.later.catch(() => undefined);
  }

  /** The layers to lay over a document whose pages (0-based) get `pages[i]`: from the first print, then from the second. */
  async layers(pages: readonly StampRef[][]): Promise<StampLayer[]> {
    const first = pages.flatMap((refs, page) => refs.flatMap((r) => (r.layer === 'first' ? [{ page, stamp: FIRST_STAMP_PAGE + r.page }] : [])));
    const needsLater = pages.some((refs) => refs.some((r) => r.layer === 'later'));
    const layers: StampLayer[] = [];
    this.start();
    if (first.length) layers.push({ doc: await this.first!, pairs: first });
    if (needsLater) {
      const later = (await this.later!)!;
      const pairs = pages.flatMap((refs, page) => refs.flatMap((r) => (r.layer === 'later' ? [{ page, stamp: FIRST_STAMP_PAGE + later.at.get(r.key)! }] : [])));
      layers.push({ doc: later.doc, pairs });
    }
    return layers;
  }
}
