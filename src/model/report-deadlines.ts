/** When a meeting's reports are due: counted back from the meeting in working days. Pure. */
import type { DeadlinesData } from '../domain/types.js';
import { addWorkingDays } from '../domain/working-days.js';

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
