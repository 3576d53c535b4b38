import { normalize, relative } from 'node:path';
import type { PaperData } from '../../domain/types.js';
import { usable, type RuleContext } from './context.js';
import { meetingCalendar, nextMeetingAfter, type FolderMeeting } from '../../domain/meeting-calendar.js';
import { isTwoYearsRunning, municipalYearWritten } from '../../domain/municipal-year.js';

/** A problem with what a generated paper draws on, pointed at one of the paper's fields. */
export interface BoardPaperProblem {
  message: string;
  rule: string;
  hint: string;
  field?: string;
}

const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;

/**
 * Whether a meeting after `date` will take place, in meetings/ or board.yaml's schedule: whether
 * the board calendar gives a meeting without next_meeting one to show, by the model's own rule
 * (domain/meeting-calendar.ts).
 */
export function hasLaterMeeting(date: string, ctx: RuleContext): boolean {
  const folders = ctx.loaded.meetings.filter((m) => m.meeting && ISO_DATE.test(m.id));
  // A later meeting.yaml that cannot be read may well be the next meeting: no false problem for it.
  if (folders.some((m) => m.id > date && !usable(m.meeting, ctx))) return true;
  const meetings = folders.flatMap((m): FolderMeeting[] => {
    if (!usable(m.meeting, ctx)) return [];
    const data = m.meeting.data as { time: string; venue: string; status?: FolderMeeting['status'] };
    return [{ date: m.id, time: data.time, venue: data.venue, status: data.status ?? 'planned' }];
  });
  return nextMeetingAfter(meetingCalendar(meetings, ctx.board.schedule ?? []), date) !== undefined;
}

/**
 * The board's own papers need their data: training.yaml for a training plan, the table's file
 * for a table; a municipal year written YYYY-YY must be two years running.
 */
export function boardPaperProblem(paper: PaperData, ctx: RuleContext): BoardPaperProblem | undefined {
  if (paper.generate === 'training-plan' && !ctx.loaded.training) {
    return { message: 'there is no training.yaml for a training plan', rule: 'meeting/training-missing', hint: "Write the members' training plan in training.yaml in the board folder." };
  }
  if (paper.generate === 'table') {
    if (!paper.table) return { message: "a table paper needs 'table', the table's file", rule: 'meeting/table-missing', hint: 'e.g. table: tables/participation.yaml' };
    if (!(ctx.loaded.tables ?? []).some((t) => relative(ctx.loaded.dir, t.path) === normalize(paper.table!))) {
      return { message: `there is no table ${paper.table}`, rule: 'meeting/table-missing', hint: "Tables are files in the board's tables/ folder, e.g. tables/participation.yaml.", field: 'table' };
    }
  }
  if ((paper.generate === 'schedule' || paper.generate === 'attendance') && typeof paper.year === 'string') {
    const [first, second] = paper.year.split('-').map(Number) as [number, number];
    if (!isTwoYearsRunning(first, second)) {
      return { message: `${paper.year} is not a municipal year`, rule: 'meeting/year', hint: `Write the year it starts, e.g. ${first}, or ${municipalYearWritten(first)}.`, field: 'year' };
    }
  }
  return undefined;
}
