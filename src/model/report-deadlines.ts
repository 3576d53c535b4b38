/** When a meeting's reports are due: counted back from the meeting in working days. Pure. */
import type { DeadlinesData, MeetingData, ScheduledMeetingData } from '../domain/types.js';
import { addWorkingDays } from '../domain/working-days.js';

/** Working days before a meeting for each report deadline. */
export interface DeadlineRules {
  draftToLead: number;
  finalToDemocraticServices: number;
  despatch: number;
  /** The one person drafts go to (a member id or a name as printed), when not each item's lead officer. */
  draftsTo?: string;
}

/** Despatch six working days before leaves the five clear working days the law asks for. */
export const DEFAULT_DEADLINES: DeadlineRules = { draftToLead: 15, finalToDemocraticServices: 10, despatch: 6 };

export function deadlineRules(data: DeadlinesData | undefined): DeadlineRules {
  return {
    draftToLead: data?.draft_to_lead ?? DEFAULT_DEADLINES.draftToLead,
    finalToDemocraticServices: data?.final_to_democratic_services ?? DEFAULT_DEADLINES.finalToDemocraticServices,
    despatch: data?.despatch ?? DEFAULT_DEADLINES.despatch,
    ...(data?.drafts_to ? { draftsTo: data.drafts_to } : {}),
  };
}

/** The dates (YYYY-MM-DD) by which a meeting's reports are due. */
export interface Deadlines {
  draftToLead: string;
  finalToDemocraticServices: string;
  despatch: string;
}

/** Deadlines the clerk typed for one meeting, by meeting date; each replaces the counted one. */
export type TypedDeadlines = ReadonlyMap<string, Partial<Deadlines>>;

type TypedData = NonNullable<MeetingData['deadlines']>;

/** The deadlines typed in meeting folders and in board.yaml's schedule (a folder wins over the schedule). */
export function typedDeadlines(meetings: readonly MeetingData[], schedule: readonly ScheduledMeetingData[] = []): TypedDeadlines {
  const typed = new Map<string, Partial<Deadlines>>();
  const put = (date: string, data: TypedData | undefined) => {
    if (!data) return;
    typed.set(date, {
      ...(data.draft_to_lead ? { draftToLead: data.draft_to_lead } : {}),
      ...(data.final_to_democratic_services ? { finalToDemocraticServices: data.final_to_democratic_services } : {}),
      ...(data.despatch ? { despatch: data.despatch } : {}),
    });
  };
  for (const entry of schedule) put(entry.date, entry.deadlines);
  for (const meeting of meetings) put(meeting.date, meeting.deadlines);
  return typed;
}

/**
 * Each deadline counted back from the meeting in working days, skipping weekends and bank
 * holidays, unless `typed` gives that deadline's date for this meeting.
 */
export function reportDeadlines(meetingDate: string, rules: DeadlineRules, holidays: ReadonlySet<string>, typed: Partial<Deadlines> = {}): Deadlines {
  return {
    draftToLead: typed.draftToLead ?? addWorkingDays(meetingDate, -rules.draftToLead, holidays),
    finalToDemocraticServices: typed.finalToDemocraticServices ?? addWorkingDays(meetingDate, -rules.finalToDemocraticServices, holidays),
    despatch: typed.despatch ?? addWorkingDays(meetingDate, -rules.despatch, holidays),
  };
}
