/**
 * The forward plan: every meeting after a date with the items planned for it and its report
 * deadlines, then the items still waiting for a meeting. Pure: bank holidays come in as values.
 */
import type { Board } from './board.js';
import { clockTime, longDate, shortDate } from '../domain/dates.js';
import { statusWords, TBC, type CalendarEntry } from './schedule.js';
import { leadLine } from './presenter-line.js';
import { reportDeadlines, type DeadlineRules, type Deadlines, type TypedDeadlines } from './report-deadlines.js';
import type { ForwardPlanData } from '../domain/types.js';

export interface ForwardPlanItem {
  title: string;
  lead?: string;
  standing: boolean;
  /** The key-decision reference, or "Not applicable". */
  keyDecision: string;
  /** The item's forward_plan_note, as given. */
  note?: string;
}

export interface ForwardPlanMeeting {
  entry: CalendarEntry;
  /** Only for meetings that will take place (not cancelled or moved). */
  deadlines?: Deadlines;
  /** Which of the deadlines the clerk typed for this meeting rather than had counted. */
  typed: (keyof Deadlines)[];
  items: ForwardPlanItem[];
}

export interface ToBeScheduled {
  title: string;
  lead?: string;
  notes?: string;
}

export interface ForwardPlan {
  /** The plan covers meetings after this date (or from it, with `fromThisMeeting`). */
  after: string;
  fromThisMeeting: boolean;
  meetings: ForwardPlanMeeting[];
  toBeScheduled: ToBeScheduled[];
}

export const NOT_APPLICABLE = 'Not applicable';

/** What the forward-plan paper asks for beyond the board's data. */
export interface ForwardPlanOptions {
  /** Start with the meeting on `after`, the one the paper goes to. */
  includeThisMeeting?: boolean;
  /** Deadlines typed for single meetings, replacing the counted ones. */
  typed?: TypedDeadlines;
}

/**
 * Every meeting after `after` (or from it, with `includeThisMeeting`) with the items on its agenda and its report deadlines; then the
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
  options: ForwardPlanOptions = {},
): ForwardPlan {
  const fromThisMeeting = options.includeThisMeeting ?? false;
  const shown = calendar.filter((e) => e.date > after || (fromThisMeeting && e.date === after));
  const future = calendar.filter((e) => e.date > after);
  const meetings = shown.map((entry): ForwardPlanMeeting => {
    const takesPlace = entry.status !== 'cancelled' && entry.status !== 'moved';
    const typed = takesPlace ? options.typed?.get(entry.date) ?? {} : {};
    return {
      entry,
      typed: Object.keys(typed) as (keyof Deadlines)[],
      ...(takesPlace ? { deadlines: reportDeadlines(entry.date, rules, holidays, typed) } : {}),
      items: takesPlace
        ? (entry.meeting?.items ?? []).map((item) => ({
            title: item.title,
            ...(item.presenter ? { lead: leadLine(item.presenter) } : {}),
            standing: item.standing,
            keyDecision: item.keyDecision ?? NOT_APPLICABLE,
            ...(item.forwardPlanNote ? { note: item.forwardPlanNote } : {}),
          }))
        : [],
    };
  });
  const waiting: ToBeScheduled[] = (data?.to_be_scheduled ?? []).map((t) => {
    const lead = t.lead ? memberLead(board, t.lead) : undefined;
    return { title: t.title, ...(lead ? { lead } : {}), ...(t.notes ? { notes: t.notes } : {}) };
  });
  for (const entry of future) {
    if (entry.status !== 'cancelled' || !entry.meeting) continue;
    for (const item of entry.meeting.items.filter((i) => !i.standing)) {
      waiting.push({
        title: item.title,
        ...(item.presenter ? { lead: leadLine(item.presenter) } : {}),
        notes: `Was planned for the meeting of ${shortDate(entry.date)}, which is cancelled.`,
      });
    }
  }
  return { after, fromThisMeeting, meetings, toBeScheduled: waiting };
}

/** A lead given as a member's identifier reads as their name and post; anything else as written. */
function memberLead(board: Board, lead: string): string {
  const member = board.member(lead);
  return member ? leadLine({ name: member.fullName, post: member.post }) : lead;
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
    /** `note`: says a date was set for this meeting rather than counted. */
    deadlines: { label: string; date: string; dateIso: string; note?: string }[];
    items: { title: string; lead: string; standing: string; keyDecision: string; note?: string }[];
    /** Some item has a note, so the table has a Notes column. */
    hasNotes: boolean;
    caption: string;
    noItems?: string;
  }[];
  empty?: string;
  toBeScheduled: { title: string; lead: string; notes: string }[];
  noneToBeScheduled?: string;
}

export function forwardPlanView(board: Board, plan: ForwardPlan, rules: DeadlineRules): ForwardPlanView {
  const style = board.dateStyle;
  const draftsTo = rules.draftsTo ? draftsToName(board, rules.draftsTo) : undefined;
  return {
    boardName: board.name,
    intro: `Meetings of the ${board.name} ${plan.fromThisMeeting ? 'from' : 'after'} ${longDate(plan.after, style)}, the items planned for each, and the deadlines for their reports.`,
    rules:
      `Deadlines are counted in working days before the meeting, leaving out weekends and bank holidays: ` +
      `draft reports to ${draftsTo ?? 'the lead officer'} ${rules.draftToLead} working days before, final reports to Democratic Services ${rules.finalToDemocraticServices}, ` +
      `and the agenda despatched ${rules.despatch} (${rules.despatch >= 6 ? 'leaving the five clear working days the law requires' : 'fewer than the five clear working days the law requires'}).`,
    meetings: plan.meetings.map(({ entry, deadlines, typed, items }) => {
      const set = (key: keyof Deadlines) => (typed.includes(key) ? { note: 'set for this meeting' } : {});
      const heading = longDate(entry.date, style);
      const when = [entry.time ? clockTime(entry.time) : `time ${TBC.toLowerCase()}`, entry.venue ?? `venue ${TBC.toLowerCase()}`].join(', ');
      return {
        heading,
        dateIso: entry.date,
        when: entry.note ? `${when} (${entry.note})` : when,
        ...(entry.status === 'cancelled' || entry.status === 'moved' ? { status: statusWords(entry) } : {}),
        deadlines: deadlines
          ? [
              { label: draftsTo ? `Draft reports to ${draftsTo}` : 'Draft reports to lead officer', date: longDate(deadlines.draftToLead, style), dateIso: deadlines.draftToLead, ...set('draftToLead') },
              { label: 'Final reports to Democratic Services', date: longDate(deadlines.finalToDemocraticServices, style), dateIso: deadlines.finalToDemocraticServices, ...set('finalToDemocraticServices') },
              { label: 'Agenda despatched', date: longDate(deadlines.despatch, style), dateIso: deadlines.despatch, ...set('despatch') },
            ]
          : [],
        items: items.map((i) => ({ title: i.title, lead: i.lead ?? TBC, standing: i.standing ? 'Yes' : 'No', keyDecision: i.keyDecision, ...(i.note ? { note: i.note } : {}) })),
        hasNotes: items.some((i) => i.note),
        caption: `Items planned for the meeting of ${heading}`,
        ...(items.length === 0 && deadlines ? { noItems: 'No items are planned for this meeting yet.' } : {}),
      };
    }),
    ...(plan.meetings.length ? {} : { empty: 'No further meetings are scheduled yet.' }),
    toBeScheduled: plan.toBeScheduled.map((t) => ({ title: t.title, lead: t.lead ?? TBC, notes: t.notes ?? '' })),
    ...(plan.toBeScheduled.length ? {} : { noneToBeScheduled: 'None: every item the board expects has a meeting.' }),
  };
}

/** The person drafts go to: a member by their name (a typed name as written). */
function draftsToName(board: Board, draftsTo: string): string {
  return board.member(draftsTo)?.fullName ?? draftsTo;
}
