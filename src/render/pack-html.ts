import type { Board } from '../model/board.js';
import type { CoverReportView } from '../model/cover-report.js';
import { longDate } from '../domain/dates.js';
import { agendaView } from '../model/agenda-view.js';
import type { Paper } from '../model/meeting.js';
import type { PackEntry, PackPlan } from '../model/pack-plan.js';
import type { PaperContent } from './paper-content.js';
import type { Renderer } from './renderer.js';

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
  /** One entry per page kept free for a PDF drawn onto it (a supplied one, or cpb's own print of the paper). */
  reserved?: ReservedPage[];
  notice?: { paragraph: number; reason: string };
}

export type Contents = ReadonlyMap<Paper, PaperContent>;

/** A page kept free in a pack or a paper's stamps: landscape when what is drawn onto it is. */
export interface ReservedPage {
  landscape: boolean;
}

/** By pack entry id: the pages of each entry printed on its own, which the pack keeps for them. */
export type EntryPages = ReadonlyMap<string, readonly ReservedPage[]>;

/**
 * Page rules that leave every margin box empty, whatever the templates and the stamps say: a
 * paper printed so has only its content, and its stamps ("Page 3", "Agenda Item 4") are printed
 * apart and laid over it, so that the same print serves the paper on its own and in the packs.
 */
export const BARE_PAGE_CSS = `@page { ${['top-left-corner', 'top-left', 'top-center', 'top-right', 'top-right-corner', 'right-top', 'right-middle', 'right-bottom', 'bottom-right-corner', 'bottom-right', 'bottom-center', 'bottom-left', 'bottom-left-corner', 'left-bottom', 'left-middle', 'left-top']
  .map((box) => `@${box} { content: none !important; }`)
  .join(' ')} }`;

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
    return { ...base, title: entry.paper.title, reserved: Array.from({ length: content.pageCount }, () => ({ landscape: false })) };
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
  // Each named page has a landscape twin, for the pages kept for a landscape page of a paper.
  const named = (name: string, boxes: string) =>
    `@page ${name} { ${boxes} }\n.${name} { page: ${name}; }\n@page ${name}-landscape { size: A4 landscape; ${boxes} }\n.${name} .landscape-page-kept { page: ${name}-landscape; }`;
  const rules = numbers.map((n) => named(`item-${n}`, `@top-right { content: "Agenda Item ${n}"; }`));
  // Draft minutes say so on every page until a later meeting approves them.
  const drafts = new Set(plan.entries.flatMap((e) => (e.kind === 'paper' && draftOf(contents.get(e.paper)) ? [e.item.number] : [])));
  for (const n of drafts) {
    rules.push(named(`item-${n}-draft`, `@top-right { content: "Agenda Item ${n}"; } @top-center { content: "DRAFT"; font-weight: bold; }`));
  }
  if (plan.variant === 'confidential') rules.unshift('@page { @top-left { content: "CONFIDENTIAL"; font-weight: bold; } }');
  return rules.join('\n');
}

/**
 * The whole pack as one HTML document: the front sheet, then every entry on pages of its own.
 * With `kept`, every entry is pages kept free for its own print (see composePack), so the print of
 * this HTML is the front sheet and the stamps of every page.
 */
export async function packHtml(
  renderer: Renderer,
  board: Board,
  plan: PackPlan,
  contents: Contents,
  ranges?: ReadonlyMap<number, { first: number; last: number }>,
  kept?: EntryPages,
): Promise<string> {
  const agenda = agendaView(board, plan.meeting, { plan, ranges, links: true });
  return renderer.render('pack', {
    ...agenda,
    pageCss: pageCss(plan, contents),
    entries: plan.entries.map((e) => keptFor(paperView(board, plan, e, contents), kept?.get(e.id))),
  });
}

/** An entry as the pages kept for it, when there are any. */
function keptFor(view: PaperView, pages: readonly ReservedPage[] | undefined): PaperView {
  if (!pages) return view;
  const { html: _html, cover: _cover, notice: _notice, ...rest } = view;
  return { ...rest, reserved: [...pages] };
}

/**
 * The pack's front sheet alone, with placeholder page ranges: printed, its page count is where
 * the pack's first entry starts (the ranges filled in later are never wider than the placeholder).
 */
export async function frontSheetHtml(renderer: Renderer, board: Board, plan: PackPlan, contents: Contents): Promise<string> {
  const agenda = agendaView(board, plan.meeting, { plan, links: true });
  return renderer.render('front-sheet', { ...agenda, pageCss: pageCss(plan, contents) });
}

/**
 * One paper on its own, for readers who want a single report. `bare`: without its stamps (see
 * BARE_PAGE_CSS); `kept`: the stamps alone, on pages kept free for the bare print.
 */
export async function paperHtml(
  renderer: Renderer,
  board: Board,
  plan: PackPlan,
  entry: PackEntry,
  contents: Contents,
  print: { bare?: boolean; kept?: readonly ReservedPage[] } = {},
): Promise<string> {
  const view = keptFor(paperView(board, plan, entry, contents), print.kept);
  const css = pageCss({ ...plan, entries: [entry] }, contents);
  return renderer.render('paper', {
    lang: 'en-GB',
    council: board.council,
    title: `${view.title}: ${board.name}, ${view.meetingDate}, Agenda Item ${view.itemNumber}`,
    // Bare, a paper prints the same whichever pack it is for: no named pages, no stamps.
    pageCss: print.bare ? BARE_PAGE_CSS : css,
    entry: view,
  });
}

/**
 * A paper's stamps alone, on pages kept free for its bare print: made from its item, whether it is
 * a draft, the pack it is for and its pages' shapes, and nothing of its own (no title), so that
 * papers whose stamps are the same share one print of them.
 */
export async function paperStampsHtml(renderer: Renderer, board: Board, plan: PackPlan, entry: PackEntry, contents: Contents, pages: readonly ReservedPage[]): Promise<string> {
  const view = keptFor(paperView(board, plan, entry, contents), pages);
  return renderer.render('paper', {
    lang: 'en-GB',
    council: board.council,
    title: `${board.name}, Agenda Item ${view.itemNumber}`,
    pageCss: pageCss({ ...plan, entries: [entry] }, contents),
    entry: { ...view, id: `item${view.itemNumber}-stamps`, title: `Agenda Item ${view.itemNumber}`, itemTitle: '' },
  });
}

function draftOf(content: PaperContent | undefined): boolean {
  return content?.format === 'html' && content.draft === true;
}
