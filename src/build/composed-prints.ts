import type { PDFDocument } from '../pdf-lib.js';
import { loadPdf } from '../load/pdf-parse.js';
import { CpbError, BrowserError } from '../errors.js';
import type { Meeting } from '../model/meeting.js';
import type { MeetingOutputs } from '../model/outputs.js';
import { packBookmarks, pageRanges, paperPublicTitle, type PackEntry, type PackPlan } from '../model/pack-plan.js';
import { entryStamps, frontSheetHtml, packHtml, paperHtml, type Contents } from '../render/pack-html.js';
import { FIRST_STAMP_PAGE, stampsHtml, type PageStamps } from '../render/stamps-html.js';
import { htmlText } from '../render/site/search-text.js';
import type { BrowserSession } from '../print/browser-session.js';
import { composePack, joinParts, type PackPart } from '../print/pack-compose.js';
import { printedPageCount, printPack, startsFrom, type PrintedPack, type Ranges } from '../print/pack-printer.js';
import { finishDocument } from '../print/pdf-finish.js';
import { savePdf } from '../print/pdf-save.js';
import type { ReadSupplied } from '../print/pdf-insert.js';
import { overlayStamps, stripStamps } from '../print/pdf-stamps.js';
import { printPdf } from '../print/print-pdf.js';
import { documentMetadata } from './document-metadata.js';
import { MeetingStamps } from './meeting-stamps.js';
import { packSupplied } from './pack-supplied.js';
import type { MeetingBuildContext, MeetingWrite as Write } from './meeting-context.js';
import { keyOf, printFinished, printing, type MadePdf } from './print-once.js';
import type { ReusedPrint } from '../write/print-reuse.js';

/** What a print of an entry on its own tells the pack: its pages, and which are landscape. */
interface Pages {
  count: number;
  landscape: boolean[];
}

interface Printed extends Pages {
  bytes: Uint8Array;
  /** The print as read to count its pages, for the first who asks (read again for the next). */
  take: () => Promise<PDFDocument>;
}

export interface ComposedPrints {
  papers: () => Promise<void>;
  packs: () => Promise<void>;
  /** The public pack's page ranges, from its parts' page counts. */
  countedRanges: Promise<Ranges>;
  /** The public pack's page ranges as printed (once packs() has settled). */
  publicRanges: () => Ranges;
}

/**
 * Every page of a meeting printed once: each paper, exempt notice and page kept for a supplied
 * PDF on its own without stamps, and all their stamps in one print more (stampsHtml). A paper's
 * PDF is its print with its own stamps laid over; a pack is its entries' prints one after
 * another with the pack's stamps, after its front sheet (composePack). A paper kept from the
 * last build is not printed: its PDF goes into the packs with its stamps taken off, as does a
 * paper printed now, so a pack comes out the same whichever it was.
 */
export function composedPrints(
  ctx: MeetingBuildContext,
  browser: BrowserSession,
  meeting: Meeting,
  outputs: MeetingOutputs,
  contentsFor: (plan: PackPlan) => Contents,
  write: Write,
  packTitle: (plan: PackPlan) => string,
  readSupplied: ReadSupplied,
): ComposedPrints {
  const { model, renderer } = ctx;
  const board = model.board;
  const held = <T>(p: Promise<T>): Promise<T> => {
    p.catch(() => undefined);
    return p;
  };
  const bare = new Map<string, Promise<Printed>>();
  /** One print of `html`, however many packs hold it. */
  const printBare = (html: string, what: string): Promise<Printed> => {
    let printed = bare.get(html);
    if (!printed) {
      // Whatever is printed now gets stamps: their first print goes to the browser with the first paper.
      stamps.start();
      bare.set(html, (printed = held(printPdf(browser, html, what).then((bytes) => printedPages(bytes)))));
    }
    return printed;
  };

  // What the stamps laid over a print look like (their template, stylesheet and margins) is
  // part of what a PDF depends on, as its HTML is: a page of each kind of stamp stands for them.
  const stampsKey = held(stampsHtml(renderer, [{ topLeft: 'CONFIDENTIAL', topCenter: 'DRAFT', topRight: 'Agenda Item 1', bottomCenter: 'Page 1' }, { landscape: true, bottomCenter: 'Page 1' }]));
  const paperJobs = outputs.papers.map(({ plan, entry, file }) => {
    const contents = contentsFor(plan);
    // The page as the site shows it, stamps and all: rendered when written, after the bare page
    // (what is printed) has gone to the browser.
    let stamped: Promise<string> | undefined;
    const html = () => (stamped ??= held(paperHtml(renderer, board, plan, entry, contents)));
    const bareHtml = held(paperHtml(renderer, board, plan, entry, contents, { stamps: false }));
    const paperTitle = entry.kind === 'paper' ? entry.paper.title : 'Not for publication';
    const metadata = documentMetadata(ctx, meeting, `${paperTitle}: Agenda Item ${entry.item.number}`);
    const shown = entry.kind === 'paper' ? paperPublicTitle(entry.item, entry.index) : paperTitle;
    const key = held(Promise.all([bareHtml, stampsKey]).then(([h, stampsLook]) => keyOf(ctx, 'paper, stamps laid over', h, metadata, [stampsLook])));
    const kept = held(ctx.prints ? key.then((k) => ctx.prints!.reuse.take(`${file}.pdf`, k)) : Promise.resolve(undefined));
    const printed = held(kept.then(async (found) => (found ? undefined : printBare(await bareHtml, `${file}.pdf (${shown})`))));
    const pages: Promise<Printed> = held(kept.then((found) => (found ? keptPages(found) : printed.then((p) => p!))));
    return { plan, entry, file, html, bareHtml, metadata, shown, key, kept, printed, pages, base: entryStamps(plan, entry, contents, false), landscapeBase: entryStamps(plan, entry, contents, true) };
  });
  const paperByBare = held(Promise.all(paperJobs.map(async (job) => [await job.bareHtml, job] as const)).then((pairs) => new Map(pairs)));

  const packJobs = outputs.packs.map(({ plan, file }) => {
    const contents = contentsFor(plan);
    const name = `${file}.pdf`;
    const frontPages = held(frontSheetHtml(renderer, board, plan, contents).then((h) => printedPageCount(browser, h, `${name} (front sheet)`, { first: true })));
    const parts = plan.entries.map((entry) => {
      const found = held(paperHtml(renderer, board, plan, entry, contents, { stamps: false }).then(async (h) => ({ html: h, paper: (await paperByBare).get(h) })));
      const pages: Promise<Pages> = held(found.then(({ html, paper }) => paper?.pages ?? printBare(html, `${name} (${entryTitle(entry)})`)));
      return { entry, found, pages, base: entryStamps(plan, entry, contents, false), landscapeBase: entryStamps(plan, entry, contents, true) };
    });
    const counted = held(
      Promise.all([frontPages, ...parts.map((p) => p.pages)]).then(([front, ...pages]) => {
        const counts = { frontSheet: front as number, entries: new Map(plan.entries.map((e, i) => [e.id, (pages[i] as Pages).count])) };
        const { starts, pageCount } = startsFrom(plan, counts);
        return { counts, starts, pageCount, ranges: pageRanges(plan, starts, pageCount) };
      }),
    );
    const metadata = documentMetadata(ctx, meeting, packTitle(plan));
    const { supplied, hashes: suppliedHashes } = packSupplied(plan, contents, readSupplied);
    const finalHtml = held(counted.then((c) => packHtml(renderer, board, plan, contents, c.ranges)));
    const key = held(Promise.all([finalHtml, stampsKey]).then(([h, stampsLook]) => keyOf(ctx, 'pack made of its papers', h, metadata, [...suppliedHashes, stampsLook])));
    const kept = held(ctx.prints ? key.then((k) => ctx.prints!.reuse.take(name, k)) : Promise.resolve(undefined));
    const job = { plan, name, supplied, metadata, bookmarks: (starts: ReadonlyMap<string, number>) => packBookmarks(plan, starts) };
    return { plan, file, name, contents, frontPages, parts, counted, finalHtml, key, kept, job };
  });

  // Every entry's stamps, but for page numbers, are known now: their print goes to the browser
  // beside the papers, with the first page numbers; more numbers as pages are counted, and
  // landscape pages' stamps once every page is.
  const bases = [...paperJobs.map((job) => job.base), ...packJobs.flatMap((pack) => pack.parts.map((part) => part.base))];
  const pagesBefore = Math.max(0, ...outputs.packs.map(({ file }) => ctx.prints?.reuse.pagesBefore(`${file}.pdf`) ?? 0));
  const stamps = new MeetingStamps(bases, (pages) => printStamps(pages, `${meeting.id} (stamps)`), pagesBefore);
  async function printStamps(pages: readonly PageStamps[], what: string): Promise<PDFDocument> {
    const doc = await loadPdf(await printPdf(browser, await stampsHtml(renderer, pages), what, { tagged: false, first: true }));
    if (doc.getPageCount() !== FIRST_STAMP_PAGE + pages.length) throw new BrowserError(`The stamps of ${what} came out on ${doc.getPageCount()} pages, not ${FIRST_STAMP_PAGE + pages.length}`, { rule: 'pack/stamps' });
    return doc;
  }
  /** The stamps of a paper's own pages, or of a pack's pages after a front sheet of `frontSheet` pages. */
  const paperStamps = (job: (typeof paperJobs)[number], pages: Pages) => pages.landscape.map((landscape, i) => stamps.page(landscape ? job.landscapeBase : job.base, i + 1));
  const packStamps = async (pack: (typeof packJobs)[number], frontSheet: number) => {
    const refs: ReturnType<MeetingStamps['page']>[] = [];
    for (const part of pack.parts) {
      for (const landscape of (await part.pages).landscape) refs.push(stamps.page(landscape ? part.landscapeBase : part.base, frontSheet + refs.length + 1));
    }
    return refs;
  };
  // Every page's stamps asked for, the landscape pages' can be printed.
  const paperRefs = new Map(paperJobs.map((job) => [job, held(job.kept.then(async (found) => (found ? [] : paperStamps(job, await job.pages))))]));
  // A pack's pages ask for their stamps as their entries are counted, so the prints of their
  // numbers go beside the papers' (before it is known whether the pack is kept: it is, only when
  // its papers are, and then nothing is printed).
  const packRefs = new Map(packJobs.map((pack) => [pack, held(pack.frontPages.then((frontSheet) => packStamps(pack, frontSheet)))]));
  held(Promise.allSettled([...paperRefs.values(), ...packRefs.values()]).then(() => stamps.finish()));

  /**
   * A paper's PDF: kept, or its print with its stamps laid over (printed with them, if that cannot
   * be done); and its pages as its packs take them, read once for them all: the PDF as read
   * (to count its pages, or to lay its stamps over) with its stamps taken off again.
   */
  const made = new Map(
    paperJobs.map((job) => [
      job,
      held(
        (async (): Promise<{ pdf: MadePdf; pages: () => Promise<PDFDocument> }> => {
          const found = await job.kept;
          if (found) return { pdf: found, pages: async () => unstamped(await (await job.pages).take()) };
          const printed = (await job.printed)!;
          let pdf: MadePdf;
          let doc: PDFDocument;
          try {
            const layers = await stamps.layers(await paperRefs.get(job)!);
            doc = await printed.take();
            for (const layer of layers) await overlayStamps(doc, layer.doc, layer.pairs);
            finishDocument(doc, job.metadata);
            pdf = { bytes: await savePdf(doc), pageCount: doc.getPageCount(), warnings: [] };
          } catch (error) {
            if (error instanceof CpbError) throw error;
            // Not to be kept: the next build tries again to make it the usual way. A paper the
            // browser stamped itself goes into the packs as printed without them.
            const whole = await printFinished(browser, await job.html(), `${job.file}.pdf (${job.shown})`, job.metadata);
            return { pdf: { ...whole, reusable: false }, pages: () => printed.take() };
          }
          ctx.prints?.reuse.note(`${job.file}.pdf`, await job.key, pdf.bytes, pdf.pageCount, pdf.warnings, printed.landscape.flatMap((wide, i) => (wide ? [i] : [])));
          // Saved already: what the packs read is what was written.
          return { pdf, pages: async () => unstamped(doc) };
        })(),
      ),
    ]),
  );
  const paperPages = new Map<(typeof paperJobs)[number], Promise<PDFDocument>>();
  /** What a pack's entry goes in as: the paper's pages without stamps, or the entry's print (an exempt notice, pages kept for a supplied PDF). */
  const partOf = async (part: (typeof packJobs)[number]['parts'][number], name: string): Promise<PackPart> => {
    const { html, paper } = await part.found;
    if (!paper) {
      const printed = await printBare(html, name);
      return { shared: () => printed.take(), own: () => printed.take() };
    }
    const { pdf, pages } = await made.get(paper)!;
    const shared = () => {
      let read = paperPages.get(paper);
      if (!read) paperPages.set(paper, (read = held(pages())));
      return read;
    };
    const own = async () => (pdf.reusable === false ? (await paper.printed)!.take() : unstamped(await loadPdf(pdf.bytes, { updateMetadata: false })));
    return { shared, own };
  };

  let publicRanges: Ranges = new Map();
  const packs = async () => {
    for (const pack of packJobs) {
      const printed = await makePack(pack);
      printed.warnings.forEach(ctx.warn);
      if (pack.plan.variant === 'public') publicRanges = printed.ranges;
      await write(pack.name, printed.bytes, { pages: printed.pageCount });
    }
  };
  // Each pack's pages are put together as its papers are made, beside the printing.
  const bodies = new Map(packJobs.map((pack) => [pack, held(pack.kept.then((found) => (found ? undefined : joinParts(pack.parts.map((part) => held(partOf(part, pack.name)))))))]));
  async function makePack(pack: (typeof packJobs)[number]): Promise<PrintedPack> {
    const counted = await pack.counted;
    const found = await pack.kept;
    ctx.progress(await printing(Promise.resolve(found !== undefined), pack.name));
    await ctx.keepPrintedHtml?.(`${pack.file}.html`, await pack.finalHtml);
    if (found) return { ...found, starts: counted.starts, ranges: counted.ranges };
    const { starts, ranges } = counted;
    let counts = counted.counts;
    try {
      const frontSheet = await printPdf(browser, await frontSheetHtml(renderer, board, pack.plan, pack.contents, ranges), `${pack.name} (front sheet)`, { first: true });
      const frontPages = (await loadPdf(frontSheet, { updateMetadata: false })).getPageCount();
      if (frontPages !== counts.frontSheet) {
        // With its ranges filled in, the front sheet took another number of pages (rare), and
        // every page after it moved: the pack is printed whole, from where they now are.
        counts = { ...counts, frontSheet: frontPages };
        throw new Error('the front sheet moved');
      }
      const body = await bodies.get(pack)!;
      const printed = await composePack({ job: pack.job, body, frontSheet, stamps: await stamps.layers(await packRefs.get(pack)!), starts, ranges });
      ctx.prints?.reuse.note(pack.name, await pack.key, printed.bytes, printed.pageCount, printed.warnings);
      return printed;
    } catch (error) {
      if (error instanceof CpbError) throw error;
      // The prints could not be put together: the pack is printed whole.
      return printPack(browser, {
        ...pack.job,
        compose: (r) => packHtml(renderer, board, pack.plan, pack.contents, r),
        measure: async () => counts,
      });
    }
  }

  const papers = async () => {
    for (const job of paperJobs) {
      const h = await job.html();
      await write(`${job.file}.html`, h, { text: htmlText(h) });
      ctx.progress(await printing(job.kept.then((k) => k !== undefined), `${job.file}.pdf`));
      await ctx.keepPrintedHtml?.(`${job.file}.html`, h);
      const { pdf } = await made.get(job)!;
      await write(`${job.file}.pdf`, pdf.bytes, { pages: pdf.pageCount });
    }
  };

  return { papers, packs, countedRanges: held(packJobs[0]!.counted.then((c) => c.ranges)), publicRanges: () => publicRanges };
}

function entryTitle(entry: PackEntry): string {
  return entry.kind === 'paper' ? paperPublicTitle(entry.item, entry.index) : 'Not for publication';
}

/**
 * A kept paper's pages as its build record gives them (its bytes are the ones recorded: their
 * SHA-256 was checked), read only when a pack takes them; read now if the record does not say.
 */
function keptPages(found: ReusedPrint): Promise<Printed> {
  if (!found.landscape) return printedPages(found.bytes);
  const wide = new Set(found.landscape);
  const landscape = Array.from({ length: found.pageCount }, (_, i) => wide.has(i));
  return Promise.resolve({ bytes: found.bytes, count: found.pageCount, landscape, take: () => loadPdf(found.bytes, { updateMetadata: false }) });
}

/** The pages of a print, and which of them are landscape. */
async function printedPages(bytes: Uint8Array): Promise<Printed> {
  let doc: PDFDocument | undefined = await loadPdf(bytes, { updateMetadata: false });
  const landscape = doc.getPages().map((page) => {
    const { width, height } = page.getSize();
    return width > height;
  });
  const take = async () => {
    const read = doc ?? (await loadPdf(bytes, { updateMetadata: false }));
    doc = undefined;
    return read;
  };
  return { bytes, count: landscape.length, landscape, take };
}

/** A paper's PDF as read, with the stamps cpb laid over it taken off. */
function unstamped(doc: PDFDocument): PDFDocument {
  stripStamps(doc);
  return doc;
}
