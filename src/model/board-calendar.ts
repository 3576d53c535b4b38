/**
 * The board's calendar by topic, gathered for callers that import it from here: the calendar and
 * the schedule of meetings (schedule.ts), the next meeting (next-meeting.ts), report deadlines
 * (report-deadlines.ts) and the forward plan (forward-plan.ts). New code imports the topic's file.
 */
export * from './schedule.js';
export * from './next-meeting.js';
export * from './report-deadlines.js';
export * from './forward-plan.js';
export { municipalYearLabel } from '../domain/municipal-year.js';
