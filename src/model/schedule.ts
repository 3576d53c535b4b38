/**
 * The board's calendar: every meeting it has held or plans, from the meeting folders and, for
 * dates without a folder, the `schedule` in board.yaml; and the schedule of meetings printed from
 * it. The next meeting (next-meeting.ts) and the forward plan (forward-plan.ts) are read from the
 * same calendar, so a date is typed once. Pure.
 */
import type { Board } from './board.js';
import { clockTime, shortDate, weekday } from '../domain/dates.js';
import { municipalYear, municipalYearLabel } from '../domain/municipal-year.js';
import { meetingCalendar, type CalendarEntry as DomainCalendarEntry, type CalendarStatus } from '../domain/meeting-calendar.js';
import type { Meeting } from './meeting.js';
import type { ScheduledMeetingData } from '../domain/types.js';

export type { CalendarStatus } from '../domain/meeting-calendar.js';

export type CalendarEntry = DomainCalendarEntry<Meeting>;

/** The board's meetings and its schedule as one calendar (see domain/meeting-calendar.ts). */
export function boardCalendar(meetings: readonly Meeting[], schedule: readonly ScheduledMeetingData[] = []): CalendarEntry[] {
  return meetingCalendar(meetings, schedule);
}

/** The entries of one municipal year (May to April), by the year it starts. */
export function entriesOfYear(calendar: readonly CalendarEntry[], year: number): CalendarEntry[] {
  return calendar.filter((e) => municipalYear(e.date) === year);
}

const STATUS_WORDS: Record<CalendarStatus, string> = { planned: 'Planned', held: 'Held', cancelled: 'Cancelled', moved: 'Moved' };

export function statusWords(entry: CalendarEntry): string {
  if (entry.status !== 'moved') return STATUS_WORDS[entry.status];
  return entry.movedTo ? `Moved to ${shortDate(entry.movedTo)}` : 'Moved; new date to be confirmed';
}

/** What the schedule and the forward plan print for a time or venue not yet known. */
export const TBC = 'To be confirmed';

/** What templates/fragments/schedule.hbs receives. */
export interface ScheduleView {
  boardName: string;
  period: string;
  caption: string;
  rows: {
    date: string;
    dateIso: string;
    day: string;
    time: string;
    venue: string;
    status: string;
    statusClass: CalendarStatus;
    note?: string;
  }[];
  empty?: string;
  contact?: string;
}

export function scheduleView(board: Board, calendar: readonly CalendarEntry[], year: number): ScheduleView {
  const entries = entriesOfYear(calendar, year);
  const label = municipalYearLabel(year);
  const clerk = board.clerk;
  const how = clerk ? [clerk.phone ? `by telephone on ${clerk.phone}` : '', clerk.email ? `by email to ${clerk.email}` : ''].filter(Boolean).join(' or ') : '';
  return {
    boardName: board.name,
    period: `Meetings of the ${board.name} in the municipal year ${label}, from May ${year} to April ${year + 1}.`,
    caption: `Meetings of the ${board.name}, ${label}: date, day, time, venue and status`,
    rows: entries.map((e) => ({
      date: shortDate(e.date),
      dateIso: e.date,
      day: weekday(e.date),
      time: e.time ? clockTime(e.time) : TBC,
      venue: e.venue ?? TBC,
      status: statusWords(e),
      statusClass: e.status,
      ...(e.note ? { note: e.note } : {}),
    })),
    ...(entries.length ? {} : { empty: `No meetings are scheduled for ${label} yet.` }),
    ...(clerk ? { contact: `If you have any queries about the ${board.name}, please contact ${clerk.name}${clerk.post ? `, ${clerk.post}` : ''}${how ? `, ${how}` : ''}.` } : {}),
  };
}
