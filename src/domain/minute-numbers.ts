import { municipalYear } from './municipal-year.js';
import type { BoardData } from './types.js';

/** How a board counts its minutes (board.yaml minutes.numbering). */
export type NumberingStyle = 'per-meeting' | 'continuous' | 'never-reset';

export interface Numbering {
  style: NumberingStyle;
  /** The first number of the earliest meeting counted, when the count began before it (board.yaml first_number). */
  first?: number;
  /** The last meeting before the folder begins (board.yaml history), whose numbers the count runs on from. */
  before?: { date: string; last: number };
}

/**
 * The first minute number of each meeting, in date order, by the board's rule: 1 at every
 * meeting; or running on, starting again at 1 each May (continuous) or never (never-reset).
 * A meeting's own first number overrides the count, which runs on from it.
 */
export function firstMinuteNumbers(numbering: Numbering, meetings: readonly { date: string; count: number; first?: number }[]): number[] {
  const firsts: number[] = [];
  let next: number | undefined;
  let year = numbering.before ? municipalYear(numbering.before.date) : undefined;
  if (numbering.before) next = numbering.before.last + 1;
  for (const [index, meeting] of meetings.entries()) {
    const thisYear = municipalYear(meeting.date);
    if (numbering.style === 'per-meeting') next = 1;
    else if (index === 0 && numbering.first !== undefined) next = numbering.first;
    else if (numbering.style === 'continuous' && year !== undefined && thisYear !== year) next = 1;
    else next ??= 1;
    if (meeting.first !== undefined) next = meeting.first;
    year = thisYear;
    firsts.push(next);
    next += meeting.count;
  }
  return firsts;
}

/** The board's numbering as board.yaml sets it: its style, first number and the last earlier meeting of its history. */
export function boardNumbering(data: BoardData): Numbering {
  const earlier = [...(data.history ?? [])].sort((a, b) => a.date.localeCompare(b.date)).at(-1);
  return {
    style: data.minutes?.numbering ?? 'per-meeting',
    ...(data.minutes?.first_number !== undefined ? { first: data.minutes.first_number } : {}),
    // The count runs on from the last meeting before the folder begins.
    ...(earlier ? { before: { date: earlier.date, last: earlier.minutes.last } } : {}),
  };
}
