import { setImmediate as nextTurn } from 'node:timers/promises';
import { relative } from 'node:path';
import { displayPathOf } from '../load/display-path.js';
import { loadPaperFile } from '../load/paper-file.js';
import { sha256Of } from '../load/pdf-check.js';
import { agendaView } from '../model/agenda-view.js';
import type { BoardModel } from '../model/board-model.js';
import { longDate } from '../domain/dates.js';
import type { Meeting, Paper } from '../model/meeting.js';
import { meetingOutputs, type MeetingOutputs } from '../model/outputs.js';
import { minutesShownId } from '../model/minutes.js';
import { packBookmarks, pageRanges, paperFileName, paperPublicTitle, type PackEntry, type PackPlan } from '../model/pack-plan.js';
import { publishedFile, type MeetingPublished, type PublishedFile } from '../model/site/published.js';
import { frontSheetHtml, packBodyHtml, packComposes, packHtml, packPrintsInParts, paperHtml } from '../render/pack-html.js';
import { generatedContent } from '../render/generated/generated-content.js';
import { paperContent, type PaperContent } from '../render/paper-content.js';
import { readInTurns, suppliedWords } from '../render/site/pdf-text.js';
import { htmlText } from '../render/site/search-text.js';
import type { BrowserSession } from '../print/browser-session.js';
import { printedPageCount, printPack, startsFrom, type PageCounts, type Ranges } from '../print/pack-printer.js';
import { ReadSupplied } from '../print/pdf-insert.js';
import { publishablePdf } from '../print/pdf-sanitise.js';
import { startMinutesDocuments } from './build-minutes.js';
import { composedPrints } from './composed-prints.js';
import { documentMetadata } from './document-metadata.js';
import { packSupplied } from './pack-supplied.js';
import { keyOf, printFinished, printing, printOnce } from './print-once.js';
import type { MeetingBuildContext } from './meeting-context.js';

export type { MeetingBuildContext } from './meeting-context.js';

/**
 * Everything one meeting produces: papers on their own, the packs, and the agenda; and what the
 * site needs of its public files (pages, words to search), so that nothing written is read back.
 */
export async function buildMeetingOutputs(ctx: MeetingBuildContext, meeting: Meeting): Promise<MeetingOutputs & { published: MeetingPublished }> {
  const { model, renderer, browser } = ctx;
  const outputs = meetingOutputs(meeting);
  const published: MeetingPublished = { files: [], supplied: new Map(), minutes: new Map(), suppliedSha256: new Map() };
  const output = {
    write: async (relPath: string, data: string | Uint8Array, facts: { pages?: number; text?: string } = {}) => {
      await ctx.output.write(relPath, data);
      const file = publishedFile(meeting, relPath, data, facts);
      if (file) published.files.push(file);
    },
  };
  // Papers made from minutes may say more in private: when the model says this meeting's do, the
  // confidential pack gets its own, with the exempt minutes; everything else gets the public ones.
  let reading: Promise<void> = Promise.resolve();
  const readSupplied = new ReadSupplied();
  /** The supplied PDFs' words still to read: once the prints are under way, or when a pack takes the document. */
  const wordsToRead: (() => void)[] = [];
  // The meeting's minutes need nothing else it prints: they go to the browser now, as it starts,
  // while the papers' contents are made.
  const minutes = startMinutesDocuments(ctx, meeting);
  const publicContents = new Map<Paper, PaperContent>();
  const confidentialContents = new Map<Paper, PaperContent>();
  const contentsFor = (plan: PackPlan) => (plan.variant === 'confidential' ? confidentialContents : publicContents);
  for (const item of meeting.items) {
    for (const [index, paper] of item.papers.entries()) {
      // Each paper lets the browser's messages through first (the minutes' print, the pages it opens).
      await nextTurn();
      const file = paper.generator ? undefined : await loadPaperFile(paper, model.dir, model.markdownPapers.get(paper.path), model.checkedPdfs.get(paper.path), model.parsedPdfs);
      let content = await paperContent(paper, file, (generator) => generatedContent(generator, { model, meeting, renderer, audience: 'public' }));
      if (content.format === 'pdf') {
        // The packs get the supplied PDF without scripts, actions or attached files; cleaned in
        // the document loading parsed, when it kept one of these bytes.
        const original = { bytes: content.bytes, sha256: sha256Of(content.bytes) };
        const sanitised = await publishablePdf(content.bytes, relative(model.dir, paper.path), model.parsedPdfs?.take(original.sha256));
        if (sanitised.warning) ctx.warn(sanitised.warning);
        content = { ...content, bytes: sanitised.bytes };
        if (item.exempt) readSupplied.keep(sanitised.bytes, sanitised.doc);
        else {
          const name = `${paperFileName(item, index)}.pdf`;
          const at = published.files.push(placeholder(name)) - 1;
          const supplied = content;
          const sha256 = supplied.bytes === original.bytes ? original.sha256 : sha256Of(supplied.bytes);
          published.suppliedSha256.set(name, sha256);
          // The same bytes as last time's: the words read from them then are the words now.
          // Otherwise they are read from the document the sanitising parsed, while the browser
          // prints (not before: they held up the first print by half a second for 500 pages), and
          // before a pack takes that document (see suppliedWords).
          const kept = ctx.earlier?.supplied[name] === sha256 ? ctx.earlier.files.find((f) => f.name === name && f.supplied && f.text !== undefined) : undefined;
          const words = kept ? undefined : suppliedWords(sanitised.doc, sanitised.bytes);
          if (words) wordsToRead.push(words.now);
          readSupplied.keep(sanitised.bytes, sanitised.doc, words?.now);
          const read = kept ? Promise.resolve(keptFile(kept, supplied, sanitised.warning)) : words!.words.then((text) => suppliedFile(name, supplied, text, sanitised.warning));
          reading = Promise.all([reading, read]).then(([, file]) => void (published.files[at] = file));
          // Awaited at the end; a build that fails before then does not wait for it.
          reading.catch(() => undefined);
          published.supplied.set(name, content.bytes);
        }
      }
      if (paper.generator?.kind === 'minutes' && content.format === 'html') {
        const of = minutesShownId(paper.generator, meeting.date, model.minutes);
        if (of) published.minutes.set(of, { html: content.html, warnings: content.warnings });
      }
      const confidential = paper.generator && meeting.drawsOnExemptMinutes ? await generatedContent(paper.generator, { model, meeting, renderer, audience: 'confidential' }) : content;
      confidential.warnings.forEach((w) => ctx.warn(`${paper.path ? displayPathOf(paper.path) : paperPublicTitle(item, index)}: ${w}`));
      publicContents.set(paper, content);
      confidentialContents.set(paper, confidential);
    }
  }

  // Papers on their own and the packs go to the browser side by side, through its pool of pages.
  // A paper's own print tells the packs how many pages it takes, so each pack is printed once.
  const ownPages = new Map<PaperContent, Promise<number>>();
  const papers = async () => {
    const prints = outputs.papers.map(({ plan, entry, file }) => {
      const html = paperHtml(renderer, model.board, plan, entry, contentsFor(plan));
      const paperTitle = entry.kind === 'paper' ? entry.paper.title : 'Not for publication';
      const metadata = documentMetadata(ctx, meeting, `${paperTitle}: Agenda Item ${entry.item.number}`);
      // The PDF's own title is the paper's; what the terminal shows of it is the public one.
      const shown = entry.kind === 'paper' ? paperPublicTitle(entry.item, entry.index) : paperTitle;
      const printed = browser
        ? printOnce(ctx, `${file}.pdf`, html.then((h) => keyOf(ctx, 'paper', h, metadata)), async () => printFinished(browser, await html, `${file}.pdf (${shown})`, metadata))
        : undefined;
      // Held here and awaited in turn below (or by a pack): a failure is reported where awaited.
      html.catch(() => undefined);
      const content = entry.kind === 'paper' ? contentsFor(plan).get(entry.paper) : undefined;
      if (printed && content) {
        const pages = printed.made.then((p) => p.pageCount);
        pages.catch(() => undefined);
        ownPages.set(content, pages);
      }
      return { file, html, printed };
    });
    for (const { file, html, printed } of prints) {
      const h = await html;
      await output.write(`${file}.html`, h, { text: htmlText(h) });
      if (printed) {
        ctx.progress(await printing(printed.reused, `${file}.pdf`));
        await ctx.keepPrintedHtml?.(`${file}.html`, h);
        const { bytes, pageCount } = await printed.made;
        await output.write(`${file}.pdf`, bytes, { pages: pageCount });
      }
    }
  };
  /** Pages of the front sheet and of each entry of a pack, each printed on its own. */
  const measure = (browser: BrowserSession, plan: PackPlan, file: string): { frontSheet: Promise<number>; all: Promise<PageCounts> } => {
    const contents = contentsFor(plan);
    const entryPages = async (entry: PackEntry): Promise<number> => {
      const content = entry.kind === 'paper' ? contents.get(entry.paper) : undefined;
      if (content?.format === 'pdf') return content.pageCount;
      const own = content && ownPages.get(content);
      if (own) return own;
      // Exempt notices, and papers whose confidential content is not printed on its own.
      const title = entry.kind === 'paper' ? paperPublicTitle(entry.item, entry.index) : 'Not for publication';
      return printedPageCount(browser, await paperHtml(renderer, model.board, plan, entry, contents), `${file}.pdf (${title})`);
    };
    // First of all: the rest of the pack is printed once its front sheet's pages are known.
    const frontSheet = frontSheetHtml(renderer, model.board, plan, contents).then((html) => printedPageCount(browser, html, `${file}.pdf (front sheet)`, { first: true }));
    frontSheet.catch(() => undefined);
    const all = Promise.all([frontSheet, ...plan.entries.map(entryPages)]).then(([front, ...counts]) => ({ frontSheet: front!, entries: new Map(plan.entries.map((e, i) => [e.id, counts[i]!])) }));
    all.catch(() => undefined);
    return { frontSheet, all };
  };
  let publicRanges: Ranges = new Map();
  /** The public pack's page ranges as its parts' page counts give them, before the pack is printed. */
  let countedRanges: Promise<Ranges> | undefined;
  const packs = async () => {
    if (!browser) return;
    // Every pack's parts are measured at once, so the small prints fill the pool beside the papers.
    const measured = outputs.packs.map(({ plan, file }) => measure(browser, plan, file));
    const inParts = packPrintsInParts(renderer);
    const publicPack = outputs.packs[0]!.plan;
    countedRanges = measured[0]!.all.then((counts) => {
      const { starts, pageCount } = startsFrom(publicPack, counts);
      return pageRanges(publicPack, starts, pageCount);
    });
    countedRanges.catch(() => undefined);
    for (const [index, { plan, file }] of outputs.packs.entries()) {
      const metadata = documentMetadata(ctx, meeting, packTitle(model, meeting, plan));
      const { supplied, hashes: suppliedHashes } = packSupplied(plan, contentsFor(plan), readSupplied);
      const printed = await printPack(browser, {
        plan,
        name: `${file}.pdf`,
        compose: (ranges) => packHtml(renderer, model.board, plan, contentsFor(plan), ranges),
        measure: () => measured[index]!.all,
        ...(inParts
          ? {
              parts: {
                frontSheetPages: () => measured[index]!.frontSheet,
                body: (frontSheetPages: number) => packBodyHtml(renderer, model.board, plan, contentsFor(plan), frontSheetPages),
                frontSheet: (ranges: Ranges) => frontSheetHtml(renderer, model.board, plan, contentsFor(plan), ranges),
                entryIds: new Set(plan.entries.map((e) => e.id)),
              },
            }
          : {}),
        supplied,
        bookmarks: (starts) => packBookmarks(plan, starts),
        ...(ctx.keepPrintedHtml ? { onFinalHtml: (html: string) => ctx.keepPrintedHtml!(`${file}.html`, html) } : {}),
        metadata,
        // Printed whole, the pack's HTML holds its page ranges, so the same HTML means the same
        // pages; printed in parts, its HTML with placeholders, from which the ranges follow.
        print: (html, print) => {
          const { reused, made } = printOnce(ctx, `${file}.pdf`, Promise.resolve(keyOf(ctx, inParts ? 'pack in parts' : 'pack', html, metadata, suppliedHashes)), print);
          return printing(reused, `${file}.pdf`).then((line) => {
            ctx.progress(line);
            return made;
          });
        },
      });
      printed.warnings.forEach(ctx.warn);
      if (plan.variant === 'public') publicRanges = printed.ranges;
      await output.write(`${file}.pdf`, printed.bytes, { pages: printed.pageCount });
    }
  };
  // Every page printed once, the packs made of their papers' prints, when the board's templates allow.
  const composed = browser && packComposes(renderer) ? composedPrints(ctx, browser, meeting, outputs, contentsFor, output.write, (plan) => packTitle(model, meeting, plan), readSupplied) : undefined;
  if (composed) countedRanges = composed.countedRanges;
  // allSettled: when one side fails, the other finishes before the build unwinds and cleans up.
  const printed = Promise.allSettled(composed ? [composed.papers(), composed.packs()] : [papers(), packs()]);
  // The agenda needs only the public pack's page ranges, known from its parts' counts: it prints while the pack does.
  const publicPlan = outputs.packs[0]!.plan;
  const agendaMetadata = documentMetadata(ctx, meeting, `${model.board.name}, ${longDate(meeting.date, model.board.dateStyle)}: Agenda`);
  const agenda = (ranges: Ranges) => {
    const html = renderer.render('agenda', agendaView(model.board, meeting, { plan: publicPlan, ranges }));
    const pdf = browser
      ? html.then((h) => printOnce(ctx, `${outputs.agenda}.pdf`, Promise.resolve(keyOf(ctx, 'agenda', h, agendaMetadata)), () => printFinished(browser, h, `${outputs.agenda}.pdf`, agendaMetadata)))
      : undefined;
    html.catch(() => undefined);
    pdf?.catch(() => undefined);
    return { ranges, html, pdf };
  };
  const early = countedRanges?.then(agenda);
  early?.catch(() => undefined);
  // Everything this meeting prints is on its way to the browser: the words are read while it prints.
  readInTurns(wordsToRead);
  /** An agenda printed again after the pack (see below). */
  const agendas: ReturnType<typeof agenda>[] = [];
  try {
    for (const result of await printed) if (result.status === 'rejected') throw result.reason;
    if (composed) publicRanges = composed.publicRanges();
    let chosen = early ? await early : undefined;
    if (!chosen || !sameRanges(chosen.ranges, publicRanges)) {
      // The pack's pages moved from where the counts put them (rare): the agenda follows the pack.
      await (await chosen?.pdf)?.made.catch(() => undefined);
      chosen = agenda(publicRanges);
      agendas.push(chosen);
    }
    const agendaHtml = await chosen.html;
    await output.write(`${outputs.agenda}.html`, agendaHtml);
    if (chosen.pdf) {
      const { reused, made } = await chosen.pdf;
      ctx.progress(await printing(reused, `${outputs.agenda}.pdf`));
      await ctx.keepPrintedHtml?.(`${outputs.agenda}.html`, agendaHtml);
      const finished = await made;
      await output.write(`${outputs.agenda}.pdf`, finished.bytes, { pages: finished.pageCount });
    }
    await minutes.write(output.write);
  } catch (error) {
    // Nothing this meeting asked the browser for is left waiting for a page once the build
    // unwinds and closes the browser: a print that got one after that would start it again.
    const agendaPrinted = (a: ReturnType<typeof agenda>) => a.pdf?.then((p) => p.made);
    await Promise.allSettled([minutes.settled(), early?.then(agendaPrinted), ...agendas.map(agendaPrinted)]);
    throw error;
  }
  // Any words not read yet (a build of no prints at all ends here first).
  for (const read of wordsToRead.splice(0)) read();
  await reading;
  return { ...outputs, published };
}

/** Holds a supplied PDF's place among the published files until its words are read. */
function placeholder(name: string): PublishedFile {
  return { name, bytes: 0, supplied: true };
}

/** A supplied PDF unchanged since the last build: its words as read then, the rest as now. */
function keptFile(earlier: PublishedFile, content: { bytes: Uint8Array; pageCount: number }, warning: string | undefined): PublishedFile {
  return { name: earlier.name, bytes: content.bytes.length, pages: content.pageCount, text: earlier.text!, supplied: true, ...(warning ? { warning } : {}) };
}

/** What the site needs of a supplied PDF as cpb publishes it (the packs' sanitised copy): its pages and its words. */
function suppliedFile(name: string, content: { bytes: Uint8Array; pageCount: number }, text: string | undefined, warning: string | undefined): PublishedFile {
  return { name, bytes: content.bytes.length, pages: content.pageCount, ...(text !== undefined ? { text } : {}), supplied: true, ...(warning ? { warning } : {}) };
}

function sameRanges(a: Ranges, b: Ranges): boolean {
  return a.size === b.size && [...a].every(([item, r]) => b.get(item)?.first === r.first && b.get(item)?.last === r.last);
}

function packTitle(model: BoardModel, meeting: Meeting, plan: PackPlan): string {
  const kind = { public: 'Agenda pack', supplementary: 'Supplementary agenda pack', confidential: 'Confidential agenda pack' }[plan.variant];
  return `${model.board.name}, ${longDate(meeting.date, model.board.dateStyle)}: ${kind}`;
}
