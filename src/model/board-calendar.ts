/**
 * The board's calendar: every meeting it has held or plans, from the meeting folders and, for
 * dates without a folder, the `schedule` in board.yaml. The schedule of meetings and the forward
 * plan are both read from it, so a date is typed once. Pure: bank holidays come in as values.
 */
import type { Board } from './board.js';
import { clockTime, longDate, shortDate, weekday } from './dates.js';
import type { Meeting, Presenter } from './meeting.js';
import { municipalYear } from './minutes.js';
import type { DeadlinesData, ForwardPlanData, ScheduledMeetingData } from './types.js';
import { addWorkingDays } from './working-days.js';

export type CalendarStatus = 'planned' | 'held' | 'cancelled' | 'moved';

export interface CalendarEntry {
  date: string;
  /** HH:MM; undefined when neither the entry nor an earlier meeting says. */
  time?: string;
  venue?: string;
  status: CalendarStatus;
  movedTo?: string;
  note?: string;
  /** The meeting's folder, when it has one: its agenda holds the items planned for it. */
  meeting?: Meeting;
}

/**
 * The meetings in date order. A schedule entry whose date has a folder is left out (the folder
 * wins); one without a time or venue takes those of the latest meeting folder before it.
 */
export function boardCalendar(meetings: readonly Meeting[], schedule: readonly ScheduledMeetingData[] = []): CalendarEntry[] {
  const folders = [...meetings].sort((a, b) => a.date.localeCompare(b.date));
  const dates = new Set(folders.map((m) => m.date));
  const entries: CalendarEntry[] = folders.map((meeting) => ({
    date: meeting.date,
    time: meeting.time,
    venue: meeting.venue,
    status: meeting.status,
    meeting,
  }));
  const seen = new Set<string>();
  for (const s of schedule) {
    if (dates.has(s.date) || seen.has(s.date)) continue;
    seen.add(s.date);
    const before = folders.filter((m) => m.date < s.date).at(-1);
    const time = s.time ?? before?.time;
    const venue = s.venue ?? before?.venue;
    entries.push({
      date: s.date,
      ...(time ? { time } : {}),
      ...(venue ? { venue } : {}),
      status: s.status ?? 'planned',
      ...(s.moved_to ? { movedTo: s.moved_to } : {}),
      ...(s.note ? { note: s.note } : {}),
    });
  }
  return entries.sort((a, b) => a.date.localeCompare(b.date));
}

/** The next meeting after `date` that will take place and has a time, if the calendar knows one. */
export function nextMeetingAfter(calendar: readonly CalendarEntry[], date: string): CalendarEntry | undefined {
  return calendar.find((e) => e.date > date && (e.status === 'planned' || e.status === 'held') && e.time !== undefined);
}

/**
 * Each meeting with the next meeting it shows: its own next_meeting when given, otherwise the
 * next one in the calendar, so a date is typed once.
 */
export function withNextMeetings(meetings: readonly Meeting[], schedule: readonly ScheduledMeetingData[] = []): Meeting[] {
  const calendar = boardCalendar(meetings, schedule);
  return meetings.map((m) => {
    if (m.nextMeeting) return m;
    const next = nextMeetingAfter(calendar, m.date);
    return next?.time ? { ...m, nextMeeting: { date: next.date, time: next.time, ...(next.venue ? { venue: next.venue } : {}) } } : m;
  });
}

/** Working days before a meeting for each report deadline. */
export interface DeadlineRules {
  draftToLead: number;
  finalToDemocraticServices: number;
  despatch: number;
}

/** Despatch six working days before leaves the five clear working days the law asks for. */
export const DEFAULT_DEADLINES: DeadlineRules = { draftToLead: 15, finalToDemocraticServices: 10, despatch: 6 };

export function deadlineRules(data: DeadlinesData | undefined): DeadlineRules {
  return {
    draftToLead: data?.draft_to_lead ?? DEFAULT_DEADLINES.draftToLead,
    finalToDemocraticServices: data?.final_to_democratic_services ?? DEFAULT_DEADLINES.finalToDemocraticServices,
    despatch: data?.despatch ?? DEFAULT_DEADLINES.despatch,
  };
}

/** The dates (YYYY-MM-DD) by which a meeting's reports are due. */
export interface Deadlines {
  draftToLead: string;
  finalToDemocraticServices: string;
  despatch: string;
}

/** Each deadline counted back from the meeting in working days, skipping weekends and bank holidays. */
export function reportDeadlines(meetingDate: string, rules: DeadlineRules, holidays: ReadonlySet<string>): Deadlines {
  return {
    draftToLead: addWorkingDays(meetingDate, -rules.draftToLead, holidays),
    finalToDemocraticServices: addWorkingDays(meetingDate, -rules.finalToDemocraticServices, holidays),
    despatch: addWorkingDays(meetingDate, -rules.despatch, holidays),
  };
}

export interface ForwardPlanItem {
  title: string;
  lead?: string;
  standing: boolean;
  /** The key-decision reference, or "Not applicable". */
  keyDecision: string;
}

export interface ForwardPlanMeeting {
  entry: CalendarEntry;
  /** Only for meetings that will take place (not cancelled or moved). */
  deadlines?: Deadlines;
  items: ForwardPlanItem[];
}

export interface ToBeScheduled {
  title: string;
  lead?: string;
  notes?: string;
}

export interface ForwardPlan {
  /** The plan covers meetings after this date. */
  after: string;
  meetings: ForwardPlanMeeting[];
  toBeScheduled: ToBeScheduled[];
}

export const NOT_APPLICABLE = 'Not applicable';

/**
 * Every meeting after `after` with the items on its agenda and its report deadlines; then the
 * items waiting for a meeting: those in forward-plan.yaml, and those of future meetings that have
 * been cancelled (standing items recur anyway, so they are not carried over).
 */
export function forwardPlan(
  board: Board,
  calendar: readonly CalendarEntry[],
  after: string,
  data: ForwardPlanData | undefined,
  rules: DeadlineRules,
  holidays: ReadonlySet<string>,
): ForwardPlan {
  const future = calendar.filter((e) => e.date > after);
  const meetings = future.map((entry): ForwardPlanMeeting => {
    const takesPlace = entry.status !== 'cancelled' && entry.status !== 'moved';
    return {
      entry,
      ...(takesPlace ? { deadlines: reportDeadlines(entry.date, rules, holidays) } : {}),
      items: takesPlace
        ? (entry.meeting?.items ?? []).map((item) => ({
            title: item.title,
            ...(item.presenter ? { lead: presenterLine(item.presenter) } : {}),
            standing: item.standing,
            keyDecision: item.keyDecision ?? NOT_APPLICABLE,
          }))
        : [],
    };
  });
  const waiting: ToBeScheduled[] = (data?.to_be_scheduled ?? []).map((t) => {
    const lead = t.lead ? leadLine(board, t.lead) : undefined;
    return { title: t.title, ...(lead ? { lead } : {}), ...(t.notes ? { notes: t.notes } : {}) };
  });
  for (const entry of future) {
    if (entry.status !== 'cancelled' || !entry.meeting) continue;
    for (const item of entry.meeting.items.filter((i) => !i.standing)) {
      waiting.push({
        title: item.title,
        ...(item.presenter ? { lead: presenterLine(item.presenter) } : {}),
        notes: `Was planned for the meeting of ${shortDate(entry.date)}, which is cancelled.`,
      });
    }
  }
  return { after, meetings, toBeScheduled: waiting };
}

function presenterLine(p: Presenter): string {
  return [p.name, p.post].filter(Boolean).join(', ');
}

/** A lead given as a member's identifier reads as their name and post; anything else as written. */
function leadLine(board: Board, lead: string): string {
  const member = board.member(lead);
  return member ? [member.fullName, member.post].filter(Boolean).join(', ') : lead;
}

/** The entries of one municipal year (May to April), by the year it starts. */
export function entriesOfYear(calendar: readonly CalendarEntry[], year: number): CalendarEntry[] {
  return calendar.filter((e) => municipalYear(e.date) === year);
}

/** "2019/20". */
export function municipalYearLabel(year: number): string {
  return `${year}/${String((year + 1) % 100).padStart(2, '0')}`;
}

const STATUS_WORDS: Record<CalendarStatus, string> = { planned: 'Planned', held: 'Held', cancelled: 'Cancelled', moved: 'Moved' };

function statusWords(entry: CalendarEntry): string {
  if (entry.status !== 'moved') return STATUS_WORDS[entry.status];
  return entry.movedTo ? `Moved to ${shortDate(entry.movedTo)}` : 'Moved; new date to be confirmed';
}

const TBC = 'To be confirmed';

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

/** What templates/fragments/forward-plan.hbs receives. */
export interface ForwardPlanView {
  boardName: string;
  intro: string;
  rules: string;
  meetings: {
    heading: string;
    dateIso: string;
    when: string;
    status?: string;
    deadlines: { label: string; date: string; dateIso: string }[];
    items: { title: string; lead: string; standing: string; keyDecision: string }[];
    caption: string;
    noItems?: string;
  }[];
  empty?: string;
  toBeScheduled: { title: string; lead: string; notes: string }[];
  noneToBeScheduled?: string;
}

export function forwardPlanView(board: Board, plan: ForwardPlan, rules: DeadlineRules): ForwardPlanView {
  const style = board.dateStyle;
  return {
    boardName: board.name,
    intro: `Meetings of the ${board.name} after ${longDate(plan.after, style)}, the items planned for each, and the deadlines for their reports.`,
    rules:
      `Deadlines are counted in working days before the meeting, leaving out weekends and bank holidays: ` +
      `draft reports to the lead officer ${rules.draftToLead} working days before, final reports to Democratic Services ${rules.finalToDemocraticServices}, ` +
      `and the agenda despatched ${rules.despatch} (${rules.despatch >= 6 ? 'leaving the five clear working days the law requires' : 'fewer than the five clear working days the law requires'}).`,
    meetings: plan.meetings.map(({ entry, deadlines, items }) => {
      const heading = longDate(entry.date, style);
      const when = [entry.time ? clockTime(entry.time) : `time ${TBC.toLowerCase()}`, entry.venue ?? `venue ${TBC.toLowerCase()}`].join(', ');
      return {
        heading,
        dateIso: entry.date,
        when: entry.note ? `${when} (${entry.note})` : when,
        ...(entry.status === 'cancelled' || entry.status === 'moved' ? { status: statusWords(entry) } : {}),
        deadlines: deadlines
          ? [
              { label: 'Draft reports to lead officer', date: longDate(deadlines.draftToLead, style), dateIso: deadlines.draftToLead },
              { label: 'Final reports to Democratic Services', date: longDate(deadlines.finalToDemocraticServices, style), dateIso: deadlines.finalToDemocraticServices },
              { label: 'Agenda despatched', date: longDate(deadlines.despatch, style), dateIso: deadlines.despatch },
            ]
          : [],
        items: items.map((i) => ({ title: i.title, lead: i.lead ?? TBC, standing: i.standing ? 'Yes' : 'No', keyDecision: i.keyDecision })),
        caption: `Items planned for the meeting of ${heading}`,
        ...(items.length === 0 && deadlines ? { noItems: 'No items are planned for this meeting yet.' } : {}),
      };
    }),
    ...(plan.meetings.length ? {} : { empty: 'No further meetings are scheduled yet.' }),
    toBeScheduled: plan.toBeScheduled.map((t) => ({ title: t.title, lead: t.lead ?? TBC, notes: t.notes ?? '' })),
    ...(plan.toBeScheduled.length ? {} : { noneToBeScheduled: 'None: every item the board expects has a meeting.' }),
  };
}
