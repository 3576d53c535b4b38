/**
 * The next meeting a meeting shows under its "date of next meeting" item: its own next_meeting
 * when given, otherwise the next meeting in the board's calendar, so a date is typed once. Pure.
 */
import { clockTime, longDate, type DateStyle } from '../domain/dates.js';
import { nextMeetingAfter } from '../domain/meeting-calendar.js';
import { boardCalendar } from './schedule.js';
import type { Meeting } from './meeting.js';
import type { ScheduledMeetingData } from '../domain/types.js';


/** Each meeting with the next meeting it shows (see the file's comment). */
export function withNextMeetings(meetings: readonly Meeting[], schedule: readonly ScheduledMeetingData[] = []): Meeting[] {
  const calendar = boardCalendar(meetings, schedule);
  return meetings.map((m) => {
    if (m.nextMeeting) return m;
    const next = nextMeetingAfter(calendar, m.date);
    return next?.time ? { ...m, nextMeeting: { date: next.date, time: next.time, ...(next.venue ? { venue: next.venue } : {}) } } : m;
  });
}

/** "Tuesday, 12 May 2020 at 6.00 pm in County Hall.", printed under the item in the pack and on the website. */
export function nextMeetingSentence(next: NonNullable<Meeting['nextMeeting']>, style: DateStyle): string {
  return `${longDate(next.date, style)} at ${clockTime(next.time)}${next.venue ? ` in ${next.venue}` : ''}.`;
}
