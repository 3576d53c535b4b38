import type { Board } from './board.js';
import { clockTime, longDate } from '../domain/dates.js';
import type { AgendaItem, Meeting } from './meeting.js';
import { nextMeetingSentence } from './next-meeting.js';
import { formatRange, type PackPlan } from './pack-plan.js';
import { presenterLine } from './presenter-line.js';
import { membershipView } from './membership.js';

export interface AgendaItemView {
  number: number;
  title: string;
  presenter?: string;
  purpose?: string;
  /** The item's papers (linked in the pack); never those of an exempt item outside the confidential pack. */
  papers: { title: string; href?: string }[];
  pageRange?: string;
  /** Anchor of the item's first paper in the pack, for a link from the front sheet. */
  href?: string;
  nextMeeting?: string;
  exempt?: { paragraph: number; reason: string };
  /** The item's papers come in the supplementary pack. */
  toFollow: boolean;
  /** Print the resolution to exclude the press and public before this item. */
  exclusionBefore: boolean;
}

/** What the agenda template receives: strings ready to print, no arithmetic left to do. */
export interface AgendaView {
  lang: string;
  title: string;
  council: string;
  boardName: string;
  heading: string;
  date: string;
  time: string;
  venue: string;
  cancelled: boolean;
  confidential: boolean;
  notices: string[];
  items: AgendaItemView[];
  clerk?: { name: string; post?: string; email?: string; phone?: string };
  /** With front_sheet.membership: each kind of member with their names (and roles) in one line. */
  membership?: { label: string; names: string }[];
  /** With front_sheet.signed_by: the officer's signature block and address. */
  signedBy?: { name: string; post?: string; address: string[] };
}

/** Stands in the front sheet's page ranges on the first pass, as wide as any real range. */
export const PAGE_RANGE_PLACEHOLDER = '(Pages 000 - 000)';

export interface AgendaOptions {
  plan: PackPlan;
  /** Page ranges by item number; absent on the first pass, when the placeholder is printed (an empty map prints none). */
  ranges?: ReadonlyMap<number, { first: number; last: number }> | undefined;
  /** Links from items to their papers (in the pack, not in the agenda on its own). */
  links?: boolean;
}

export function agendaView(board: Board, meeting: Meeting, options: AgendaOptions): AgendaView {
  const { plan } = options;
  const date = longDate(meeting.date, board.dateStyle);
  const confidential = plan.variant === 'confidential';
  const firstExempt = plan.items.find((i) => i.exempt);
  const heading = plan.variant === 'supplementary' ? 'Supplementary agenda' : 'Agenda';
  return {
    lang: 'en-GB',
    title: `${board.name}, ${date}: ${heading}${confidential ? ' (confidential)' : ''}`,
    council: board.council,
    boardName: board.name,
    heading,
    date,
    time: clockTime(meeting.time),
    venue: meeting.venue,
    cancelled: meeting.status === 'cancelled',
    confidential,
    notices: meeting.notices,
    items: plan.items.map((item) => itemView(board, meeting, item, options, item === firstExempt)),
    ...(board.clerk ? { clerk: board.clerk } : {}),
    ...(board.frontSheet.membership ? { membership: frontSheetMembership(board, meeting.date) } : {}),
    ...(board.frontSheet.signedBy ? { signedBy: board.frontSheet.signedBy } : {}),
  };
}

/** The membership as a front sheet lists it: one line per kind of member, roles in brackets. */
function frontSheetMembership(board: Board, date: string): { label: string; names: string }[] {
  return membershipView(board, date).groups.map((g) => ({
    label: g.label,
    names: g.members.map((m) => (m.role ? `${m.name} (${m.role})` : m.name)).join(', '),
  }));
}

function itemView(board: Board, meeting: Meeting, item: AgendaItem, options: AgendaOptions, exclusionBefore: boolean): AgendaItemView {
  const { plan, ranges } = options;
  const withheld = item.exempt !== undefined && plan.variant !== 'confidential';
  const toFollow = item.late && plan.variant === 'public' && !withheld;
  const entry = plan.entries.find((e) => e.item === item);
  const range = ranges?.get(item.number);
  const next = meeting.nextMeeting;
  return {
    number: item.number,
    title: item.title,
    ...(item.presenter
      ? { presenter: presenterLine(item.presenter) }
      : {}),
    ...(item.purpose ? { purpose: item.purpose } : {}),
    papers: withheld || toFollow ? [] : item.papers.map((p) => {
      const paperEntry = plan.entries.find((e) => e.kind === 'paper' && e.paper === p);
      return { title: p.title, ...(paperEntry && options.links ? { href: `#${paperEntry.id}` } : {}) };
    }),
    ...(entry && range ? { pageRange: formatRange(range) } : {}),
    ...(entry && !ranges ? { pageRange: PAGE_RANGE_PLACEHOLDER } : {}),
    ...(entry && options.links ? { href: `#${entry.id}` } : {}),
    ...(item.showsNextMeeting && next
      ? { nextMeeting: nextMeetingSentence(next, board.dateStyle) }
      : {}),
    ...(item.exempt ? { exempt: item.exempt } : {}),
    toFollow,
    exclusionBefore,
  };
}
