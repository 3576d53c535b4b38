import { setImmediate as nextTurn } from 'node:timers/promises';
import type { PDFDocument } from '../pdf-lib.js';
import { loadPdf } from '../load/pdf-parse.js';
import { finishPack, type PackJob, type PrintedPack, type Ranges } from './pack-printer.js';
import { namedDestinationPages } from './pdf-dests.js';
import { joinTagged, prependFrontSheet } from './pdf-join.js';
import { overlayStamps } from './pdf-stamps.js';

/** One entry of a pack as printed on its own, without stamps (a paper's PDF with its stamps taken off). */
export interface PackPart {
  /** The entry's pages, read once for every pack that holds them: read here, never changed. */
  shared: () => Promise<PDFDocument>;
  /** The same pages read anew, for the first part of a pack, which the join builds the pack on. */
  own: () => Promise<PDFDocument>;
}

/** A print of stamps, and which of its pages go over which page (0-based) of the pack after its front sheet. */
export interface StampLayer {
  doc: PDFDocument;
  pairs: readonly { page: number; stamp: number }[];
}

/**
 * The pages of a pack after its front sheet: its entries' prints one after another, as if
 * printed as one (each paper's own stamps taken off). Each is put in as soon as it is there, so
 * the joining goes on while the rest print.
 *
 * Throws an Error if a print is not shaped as expected: the caller then prints the pack whole.
 */
export async function joinParts(parts: readonly Promise<PackPart>[]): Promise<PDFDocument | undefined> {
  // Each part is read as soon as it is there, whatever its place: after one paper is edited, the
  // papers kept from the last build are read while the browser prints it, not after it, when it
  // comes first. One read at a time, each after what else waits on cpb's thread (the browser's
  // messages). The joining goes in the pack's order.
  let queue: Promise<unknown> = Promise.resolve();
  const read = parts.map((pending, i) => {
    const pages = pending.then((part) => {
      const turn = queue.then(nextTurn).then(() => (i === 0 ? part.own() : part.shared()));
      queue = turn.catch(() => undefined);
      return turn;
    });
    pages.catch(() => undefined);
    return pages;
  });
  let body: PDFDocument | undefined;
  for (const pages of read) {
    const doc = await pages;
    await nextTurn();
    if (body) await joinTagged(body, doc, { before: false });
    else body = doc;
  }
  return body;
}

/**
 * The pack made of its entries' prints (joinParts): the pack's stamps laid over them and the
 * front sheet, printed with its page ranges, before them. Where each entry starts is known from
 * the parts' page counts; each part's print names its own start (paper.hbs), and the front
 * sheet's links lead there.
 *
 * Throws an Error if the prints are not shaped as expected: the caller then prints the pack whole.
 */
export async function composePack(pack: {
  job: Pick<PackJob, 'plan' | 'supplied' | 'bookmarks' | 'metadata' | 'name'>;
  /** Undefined for a pack of nothing but its front sheet. */
  body: PDFDocument | undefined;
  frontSheet: Uint8Array;
  stamps: readonly StampLayer[];
  starts: Map<string, number>;
  ranges: Ranges;
}): Promise<PrintedPack> {
  const { job } = pack;
  const front = await loadPdf(pack.frontSheet);
  const body = pack.body ?? front;
  if (pack.body) {
    for (const layer of pack.stamps) await overlayStamps(body, layer.doc, layer.pairs);
    await prependFrontSheet(body, front, new Set(job.plan.entries.map((e) => e.id)));
  }
  const found = namedDestinationPages(body);
  const moved = job.plan.entries.find((e) => found.get(e.id) !== pack.starts.get(e.id));
  if (moved) throw new Error(`${moved.id} starts on page ${found.get(moved.id)} of ${job.name}, not ${pack.starts.get(moved.id)}`);
  return finishPack(body, job, pack.starts, pack.ranges);
}
