import { getVtimezoneComponent } from '@touch4it/ical-timezones';
import ical, { ICalEventStatus } from 'ical-generator';
import type { Board } from '../model/board.js';
import type { Meeting } from '../model/meeting.js';
import { MEETING_TIME_ZONE, meetingStart } from './london-time.js';

/** Meetings have no end time in the data; calendars are given this length. */
export const ASSUMED_LENGTH_HOURS = 2;

export interface CalendarInput {
  board: Pick<Board, 'name' | 'council'>;
  meetings: readonly Meeting[];
  /** DTSTAMP of each event: fixed by the data (or SOURCE_DATE_EPOCH), so rebuilds repeat. */
  stamp: (meeting: Meeting) => Date;
}

/** "Lancashire County Council" → "lancashire-county-council". */
export function slug(text: string): string {
  return text
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '');
}

/** The same meeting keeps the same UID across rebuilds, so calendars update it rather than add another. */
export function meetingUid(board: Pick<Board, 'name' | 'council'>, meeting: Pick<Meeting, 'date'>): string {
  return `${slug(board.council)}-${slug(board.name)}-${meeting.date}@cpb`;
}

/**
 * meetings.ics: one VEVENT per meeting at its London time (with the Europe/London VTIMEZONE, so
 * Outlook and Google place it right in GMT and BST), cancelled meetings as STATUS:CANCELLED.
 */
export function meetingsCalendar(input: CalendarInput): string {
  return boardsCalendar(`${input.board.name}, ${input.board.council}`, [input]);
}

/** One calendar named `name` of the meetings of several boards (a council's): each meeting keeps the UID it has in its board's own. */
export function boardsCalendar(name: string, boards: readonly CalendarInput[]): string {
  const calendar = ical({
    name,
    prodId: { company: 'cpb', product: 'Board papers', language: 'EN' },
  });
  // No calendar-wide zone (DTSTAMP must stay in UTC); the generator adds the VTIMEZONE each event names.
  calendar.timezone({ name: null, generator: getVtimezoneComponent });
  for (const { board, meetings, stamp } of boards) {
    for (const meeting of meetings) {
      const start = meetingStart(meeting.date, meeting.time);
      const cancelled = meeting.status === 'cancelled';
      calendar.createEvent({
        id: meetingUid(board, meeting),
        // A cancellation is a change to the event: a higher sequence makes importers apply it.
        sequence: cancelled ? 1 : 0,
        stamp: stamp(meeting),
        start,
        end: start.plus({ hours: ASSUMED_LENGTH_HOURS }),
        timezone: MEETING_TIME_ZONE,
        summary: `${cancelled ? 'Cancelled: ' : ''}${board.name}`,
        location: meeting.venue,
        description: description(meeting),
        ...(cancelled ? { status: ICalEventStatus.CANCELLED } : { status: ICalEventStatus.CONFIRMED }),
      });
    }
  }
  return calendar.toString();
}

function description(meeting: Meeting): string {
  const lines = meeting.items.map((item) => `${item.number}. ${item.title}${item.exempt ? ' (exempt)' : ''}`);
  return lines.length ? `Agenda:\n${lines.join('\n')}` : '';
}
