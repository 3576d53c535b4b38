import { createHash } from 'node:crypto';
import { PDFDocument } from 'pdf-lib';
import type { BoardModel } from '../model/board-model.js';
import type { PackEntry, PackPlan } from '../model/pack-plan.js';
import { paperHtml, paperStampsHtml, type Contents, type ReservedPage } from '../render/pack-html.js';
import type { Renderer } from '../render/renderer.js';
import type { BrowserSession } from '../print/browser-session.js';
import { finishDocument } from '../print/pdf-finish.js';
import type { PdfMetadata } from '../print/pdf-metadata.js';
import { savePdf } from '../print/pdf-save.js';
import { stampPages } from '../print/pdf-stamps.js';
import { printPdf } from '../print/print-pdf.js';
import { keyOf, printOnce, type MadePdf, type PrintsKept } from './print-once.js';

/** Stamps printed, by HTML, for each browser session (one build). */
const stampPrints = new WeakMap<BrowserSession, Map<string, Promise<Uint8Array>>>();

/** A print of one entry of a pack, as the packs draw it: its bytes and the shape of each page. */
export interface EntryPdf {
  bytes: Uint8Array;
  /** The bytes read (only to be read: the packs share it). */
  doc: PDFDocument;
  pages: ReservedPage[];
  /**
   * What the pack's fingerprint holds of it: the SHA-256 of the HTML printed bare (the bytes of a
   * print carry the browser's clock), whether the pack takes that print or the paper's PDF kept.
   */
  sha256: string;
}

interface PrintsContext {
  model: BoardModel;
  renderer: Renderer;
  browser: BrowserSession;
  prints?: PrintsKept | undefined;
}

/**
 * The prints of one meeting's papers, each made once: a paper is printed bare (without its stamps,
 * see BARE_PAGE_CSS), tagged, and that one print is both the paper's own PDF (its stamps, printed
 * apart on empty pages, laid over it) and its pages in every pack it is in (drawn onto the pages
 * the pack kept for it, whose stamps the pack's own print gives). A paper's PDF kept from the last
 * build (see PrintReuse) serves the packs too, so an unchanged paper is not printed at all.
 */
export class MeetingPrints {
  private readonly bare = new Map<string, Promise<EntryPdf>>();
  private readonly own = new Map<string, Promise<EntryPdf>>();

  constructor(private readonly ctx: PrintsContext) {}

  /** A paper's own PDF, `file` as in outputs (e.g. "2019-11-26/04-1-…"), `what` names it in messages. */
  async paper(plan: PackPlan, entry: PackEntry, contents: Contents, file: string, metadata: PdfMetadata, what: string): Promise<{ reused: Promise<boolean>; made: Promise<MadePdf> }> {
    const { model, renderer } = this.ctx;
    const bareHtml = await paperHtml(renderer, model.board, plan, entry, contents, { bare: true });
    // What the stamps' template makes of a portrait and a landscape page stands for the stamps in the key.
    const probe = await paperStampsHtml(renderer, model.board, plan, entry, contents, [{ landscape: false }, { landscape: true }]);
    const once = printOnce(this.ctx, `${file}.pdf`, Promise.resolve(keyOf(this.ctx, 'paper', bareHtml, metadata, [probe])), async () => {
      const bare = await this.printBare(bareHtml, what);
      const stamps = await this.printStamps(await paperStampsHtml(renderer, model.board, plan, entry, contents, bare.pages), what);
      const doc = await PDFDocument.load(bare.bytes, { updateMetadata: false });
      await stampPages(doc, stamps);
      finishDocument(doc, metadata);
      return { bytes: await savePdf(doc), pageCount: doc.getPageCount(), warnings: [] };
    });
    // The packs take the paper's finished PDF, kept or printed now, so a pack comes out the same either way.
    const pdf = once.made.then((made) => entryPdf(made.bytes, bareHtml));
    pdf.catch(() => undefined);
    if (!this.own.has(bareHtml)) this.own.set(bareHtml, pdf);
    return once;
  }

  /** An entry of a pack made for the pack (not a supplied PDF), as the pack draws it. */
  async entry(plan: PackPlan, entry: PackEntry, contents: Contents, what: string): Promise<EntryPdf> {
    const { model, renderer } = this.ctx;
    const bareHtml = await paperHtml(renderer, model.board, plan, entry, contents, { bare: true });
    // The paper's own PDF when there is one (its stamps are left out where the pack draws it).
    return this.own.get(bareHtml) ?? this.printBare(bareHtml, what);
  }

  /** One print of each set of stamps in the whole build: papers of the same item and length share theirs. */
  private printStamps(html: string, what: string): Promise<Uint8Array> {
    let prints = stampPrints.get(this.ctx.browser);
    if (!prints) stampPrints.set(this.ctx.browser, (prints = new Map()));
    let printed = prints.get(html);
    if (!printed) {
      printed = printPdf(this.ctx.browser, html, what, { tagged: false });
      prints.set(html, printed);
      // A print that failed is not kept: the build stops, and nothing else asks again.
      printed.catch(() => prints!.delete(html));
    }
    return printed;
  }

  private printBare(html: string, what: string): Promise<EntryPdf> {
    let printed = this.bare.get(html);
    if (!printed) {
      printed = printPdf(this.ctx.browser, html, what, { tagged: true }).then((bytes) => entryPdf(bytes, html));
      printed.catch(() => undefined);
      this.bare.set(html, printed);
    }
    return printed;
  }
}

async function entryPdf(bytes: Uint8Array, html: string): Promise<EntryPdf> {
  const doc = await PDFDocument.load(bytes, { updateMetadata: false });
  const pages = doc.getPages().map((page) => {
    const { width, height } = page.getSize();
    return { landscape: width > height };
  });
  return { bytes, doc, pages, sha256: createHash('sha256').update(html).digest('hex') };
}
