import type { Board } from '../model/board.js';
import type { CoverReportView } from '../model/cover-report.js';
import { longDate } from '../domain/dates.js';
import { agendaView } from '../model/agenda-view.js';
import type { Paper } from '../model/meeting.js';
import type { PackEntry, PackPlan } from '../model/pack-plan.js';
import type { PaperContent } from './paper-content.js';
import type { Renderer } from './renderer.js';
import { NO_STAMPS_CSS, type PageStamps } from './stamps-html.js';

/** One section of the pack after the front sheet, as the templates receive it. */
export interface PaperView {
  id: string;
  itemNumber: number;
  itemTitle: string;
  title: string;
  /** CSS class giving the section its named page, so its pages carry "Agenda Item N". */
  pageClass: string;
  boardName: string;
  meetingDate: string;
  html?: string;
  cover?: CoverReportView;
  /** One entry per page kept free for an inserted PDF. */
  reserved?: number[];
  notice?: { paragraph: number; reason: string };
}

export type Contents = ReadonlyMap<Paper, PaperContent>;

export function paperView(board: Board, plan: PackPlan, entry: PackEntry, contents: Contents): PaperView {
  const base = {
    id: entry.id,
    itemNumber: entry.item.number,
    itemTitle: entry.item.title,
    pageClass: `item-${entry.item.number}`,
    boardName: board.name,
    meetingDate: longDate(plan.meeting.date, board.dateStyle),
  };
  if (entry.kind === 'exempt-notice') {
    return { ...base, title: 'Not for publication', notice: entry.item.exempt ?? { paragraph: 0, reason: '' } };
  }
  const content = contents.get(entry.paper);
  if (!content) throw new Error(`No content for paper ${entry.paper.file}`);
  if (content.format === 'pdf') {
    return { ...base, title: entry.paper.title, reserved: Array.from({ length: content.pageCount }, (_, i) => i) };
  }
  return {
    ...base,
    ...(content.draft ? { pageClass: `item-${entry.item.number}-draft` } : {}),
    title: entry.paper.title,
    html: content.html,
    ...(content.cover ? { cover: content.cover } : {}),
  };
}

/**
 * Named pages stamp each item's papers ("Agenda Item 4"); the confidential pack says so on every
 * page. Generated from numbers only, so it is safe to insert as CSS.
 */
export function pageCss(plan: PackPlan, contents: Contents): string {
  const numbers = [...new Set(plan.entries.map((e) => e.item.number))];
  const rules = numbers.map(
    (n) => `@page item-${n} { @top-right { content: "Agenda Item ${n}"; } }\n.item-${n} { page: item-${n}; }`,
  );
  // Draft minutes say so on every page until a later meeting approves them.
  const drafts = new Set(plan.entries.flatMap((e) => (e.kind === 'paper' && draftOf(contents.get(e.paper)) ? [e.item.number] : [])));
  for (const n of drafts) {
    rules.push(`@page item-${n}-draft { @top-right { content: "Agenda Item ${n}"; } @top-center { content: "DRAFT"; font-weight: bold; } }\n.item-${n}-draft { page: item-${n}-draft; }`);
  }
  if (plan.variant === 'confidential') rules.unshift('@page { @top-left { content: "CONFIDENTIAL"; font-weight: bold; } }');
  return rules.join('\n');
}

/** The whole pack as one HTML document: the front sheet, then every entry on pages of its own. */
export async function packHtml(
  renderer: Renderer,
  board: Board,
  plan: PackPlan,
  contents: Contents,
  ranges?: ReadonlyMap<number, { first: number; last: number }>,
): Promise<string> {
  const agenda = agendaView(board, plan.meeting, { plan, ranges, links: true });
  return renderer.render('pack', {
    ...agenda,
    pageCss: pageCss(plan, contents),
    entries: plan.entries.map((e) => paperView(board, plan, e, contents)),
  });
}

/**
 * The pack's front sheet alone: with placeholder page ranges, printed to count its pages (the
 * ranges filled in later are never wider than the placeholder); with the ranges, printed to go
 * before the rest of the pack (packBodyHtml). It holds an empty target for each of its links to
 * the entries, so that the print keeps the links (prependFrontSheet leads them to the entries).
 */
export async function frontSheetHtml(renderer: Renderer, board: Board, plan: PackPlan, contents: Contents, ranges?: ReadonlyMap<number, { first: number; last: number }>): Promise<string> {
  const agenda = agendaView(board, plan.meeting, { plan, ranges, links: true });
  return renderer.render('front-sheet', { ...agenda, pageCss: pageCss(plan, contents), linkTargets: plan.entries.map((e) => e.id) });
}

/**
 * The pack without its front sheet, its page numbers following on from the front sheet's
 * `frontSheetPages`: printed beside the papers, before their page counts (and so the front
 * sheet's ranges) are known. Links to every entry, not shown, make the print name where each starts.
 */
export async function packBodyHtml(renderer: Renderer, board: Board, plan: PackPlan, contents: Contents, frontSheetPages: number): Promise<string> {
  const agenda = agendaView(board, plan.meeting, { plan, links: true });
  return renderer.render('pack-body', {
    ...agenda,
    pageCss: `${pageCss(plan, contents)}\nhtml { counter-reset: page ${Math.trunc(frontSheetPages)}; }`,
    entries: plan.entries.map((e) => paperView(board, plan, e, contents)),
  });
}

/** Whether the pack can be printed in two parts: its templates are cpb's own, whose parts are the front sheet's and the body's. */
export function packPrintsInParts(renderer: Renderer): boolean {
  return (['pack', 'front-sheet', 'pack-body'] as const).every((name) => renderer.isOwn(name));
}

/**
 * Whether a meeting's packs can be made from its entries' own prints, stamps laid over after:
 * every template and the stylesheet that shape a paper's pages and their margins are cpb's own,
 * so a paper prints the same alone as in the pack, and its margins hold only cpb's stamps.
 */
export function packComposes(renderer: Renderer): boolean {
  const files = ['pack', 'front-sheet', 'pack-body', 'paper', 'stamps'].map((name) => `documents/${name}.hbs`);
  return [...files, 'partials/layout.hbs', 'partials/paper-section.hbs', 'css/document.css'].every((file) => renderer.isOwnFile(file));
}

/**
 * The stamps on the pages of an entry of `plan` (see pageCss) but for the page number: what a
 * print without stamps has laid over it. A landscape page (a wide table's) is on a page of its
 * own name, so it has neither the item's number nor "DRAFT", as when the browser stamps it.
 */
export function entryStamps(plan: PackPlan, entry: PackEntry, contents: Contents, landscape: boolean): PageStamps {
  const confidential = plan.variant === 'confidential' ? { topLeft: 'CONFIDENTIAL' } : {};
  if (landscape) return { ...confidential, landscape };
  const draft = entry.kind === 'paper' && draftOf(contents.get(entry.paper));
  return { ...confidential, ...(draft ? { topCenter: 'DRAFT' } : {}), topRight: `Agenda Item ${entry.item.number}` };
}

/**
 * One paper on its own, for readers who want a single report. With `stamps: false`, its pages
 * carry no stamps and no page numbers (they are laid over the print afterwards: overlayStamps).
 */
export async function paperHtml(renderer: Renderer, board: Board, plan: PackPlan, entry: PackEntry, contents: Contents, options: { stamps?: boolean } = {}): Promise<string> {
  const view = paperView(board, plan, entry, contents);
  return renderer.render('paper', {
    lang: 'en-GB',
    council: board.council,
    title: `${view.title}: ${board.name}, ${view.meetingDate}, Agenda Item ${view.itemNumber}`,
    pageCss: options.stamps === false ? NO_STAMPS_CSS : pageCss({ ...plan, entries: [entry] }, contents),
    entry: view,
  });
}

function draftOf(content: PaperContent | undefined): boolean {
  return content?.format === 'html' && content.draft === true;
}
