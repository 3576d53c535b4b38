import { DateTime } from 'luxon';

/** Every board cpb knows meets in England; times in the data are wall-clock times there. */
export const MEETING_TIME_ZONE = 'Europe/London';

/**
 * A meeting's start as a zoned date-time: "2019-11-26" and "18:00" are 18:00 in London, whether
 * that is GMT or BST on the day, whatever the time zone of the machine building the site.
 */
export function meetingStart(date: string, time: string): DateTime {
  const start = DateTime.fromISO(`${date}T${time}`, { zone: MEETING_TIME_ZONE });
  if (!start.isValid) throw new Error(`Not a date and time: ${date} ${time} (${start.invalidExplanation ?? ''})`);
  return start;
}

/** ISO 8601 with the UTC offset of the day, e.g. "2019-11-26T18:00:00+00:00" or "2020-06-30T18:00:00+01:00". */
export function isoWithOffset(start: DateTime): string {
  return start.toISO({ suppressMilliseconds: true, includeOffset: true }) ?? '';
}
