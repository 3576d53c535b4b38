import { slug } from '../domain/slug.js';
import type { AgendaItem, Meeting, Paper } from './meeting.js';

/**
 * Which pack: the public pack (exempt papers replaced by a notice, late papers left for the
 * supplementary pack), the confidential pack (everything), or the public supplementary pack
 * (late papers only).
 */
export type PackVariant = 'public' | 'confidential' | 'supplementary';

/** One unit of the pack after the front sheet: a paper, or the notice that stands for exempt papers. */
export type PackEntry =
  | { kind: 'paper'; id: string; item: AgendaItem; paper: Paper; index: number }
  | { kind: 'exempt-notice'; id: string; item: AgendaItem };

export interface PackPlan {
  variant: PackVariant;
  meeting: Meeting;
  /** Items listed on the front sheet (the supplementary pack lists only items with late papers). */
  items: AgendaItem[];
  entries: PackEntry[];
}

/** A stable id per paper for anchors in the pack: "item4-paper2". */
export function paperId(item: AgendaItem, index: number): string {
  return `item${item.number}-paper${index + 1}`;
}

/**
 * A paper's file name in its meeting's folder, without the extension: the item number (two
 * digits, so they sort), the paper's place in the item and its title, e.g.
 * "04-2-children-in-care-performance-information". It stays the same while the title does; the
 * place keeps two papers with the same title apart, and the leading digits keep it from ever
 * being "agenda", "pack" or "minutes". A paper of an exempt item is named from the item's title,
 * which the public agenda prints, never its own: its name is in the build's record, its progress
 * messages and build logs, which are not kept as confidential as its folder.
 */
export function paperFileName(item: AgendaItem, index: number): string {
  return `${String(item.number).padStart(2, '0')}-${index + 1}-${slug(paperPublicTitle(item, index))}`;
}

/**
 * What cpb calls a paper wherever it may be seen outside the confidential folder (its file name,
 * --dry-run, progress, warnings and errors, which CI logs may publish): its own title, or for a
 * paper of an exempt item the item's title, which the public agenda prints.
 */
export function paperPublicTitle(item: AgendaItem, index: number): string {
  return item.exempt ? item.title : item.papers[index]!.title;
}

export function packPlan(meeting: Meeting, variant: PackVariant): PackPlan {
  const entries: PackEntry[] = [];
  const items = variant === 'supplementary' ? meeting.items.filter((i) => i.late && !i.exempt && i.papers.length > 0) : meeting.items;
  for (const item of items) {
    if (item.exempt && variant !== 'confidential') {
      // The public sees that the item has papers, and why they are withheld; nothing of the papers.
      if (item.papers.length > 0 && variant === 'public') entries.push({ kind: 'exempt-notice', id: `item${item.number}-exempt`, item });
      continue;
    }
    if (item.late && variant === 'public') continue;
    item.papers.forEach((paper, i) => entries.push({ kind: 'paper', id: paperId(item, i), item, paper, index: i }));
  }
  return { variant, meeting, items, entries };
}

/** The pages each item's papers occupy, from the page where each entry starts (1-based). */
export function pageRanges(plan: PackPlan, starts: ReadonlyMap<string, number>, totalPages: number): Map<number, { first: number; last: number }> {
  const ranges = new Map<number, { first: number; last: number }>();
  plan.entries.forEach((entry, i) => {
    const first = starts.get(entry.id);
    if (first === undefined) return;
    const next = plan.entries[i + 1];
    const last = (next ? starts.get(next.id) ?? totalPages + 1 : totalPages + 1) - 1;
    const range = ranges.get(entry.item.number);
    ranges.set(entry.item.number, { first: range?.first ?? first, last: Math.max(range?.last ?? last, last) });
  });
  return ranges;
}

export function formatRange(range: { first: number; last: number }): string {
  return range.first === range.last ? `(Page ${range.first})` : `(Pages ${range.first} - ${range.last})`;
}

/** A bookmark: a title, the page (1-based) it opens, and bookmarks nested under it. */
export interface Bookmark {
  title: string;
  page: number;
  children?: Bookmark[];
}

/** The pack's outline: the agenda, then one entry per item (at its first page) with its papers under it. */
export function packBookmarks(plan: PackPlan, starts: ReadonlyMap<string, number>): Bookmark[] {
  return [
    { title: plan.variant === 'supplementary' ? 'Supplementary agenda' : 'Agenda', page: 1 },
    ...plan.items.map((item) => {
      const entries = plan.entries.filter((e) => e.item === item);
      return {
        title: `Agenda Item ${item.number}: ${item.title}`,
        page: entries[0] ? starts.get(entries[0].id) ?? 1 : 1,
        children: entries.map((e) => ({ title: e.kind === 'paper' ? e.paper.title : 'Not for publication', page: starts.get(e.id) ?? 1 })),
      };
    }),
  ];
}
