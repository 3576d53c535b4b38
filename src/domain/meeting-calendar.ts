/**
 * The calendar of a board's meetings and which of them is the next one. Validation (is there a
 * next meeting to show?) and the model (which one is it?) ask the same functions, so they cannot
 * disagree. Pure, and generic over what a folder's meeting carries.
 */

export type CalendarStatus = 'planned' | 'held' | 'cancelled' | 'moved';

/** A meeting that has its own folder. */
export interface FolderMeeting {
  date: string;
  time: string;
  venue: string;
  status: 'planned' | 'held' | 'cancelled';
}

/** A date in board.yaml's schedule, as written there. */
export interface ScheduleLine {
  date: string;
  time?: string | undefined;
  venue?: string | undefined;
  status?: CalendarStatus | undefined;
  moved_to?: string | undefined;
  note?: string | undefined;
}

export interface CalendarEntry<M extends FolderMeeting = FolderMeeting> {
  date: string;
  /** HH:MM; undefined when neither the entry nor an earlier meeting says. */
  time?: string;
  venue?: string;
  status: CalendarStatus;
  movedTo?: string;
  note?: string;
  /** The meeting's folder, when it has one: its agenda holds the items planned for it. */
  meeting?: M;
}

/**
 * The meetings in date order. A schedule entry whose date has a folder is left out (the folder
 * wins); one without a time or venue takes those of the latest meeting folder before it.
 */
export function meetingCalendar<M extends FolderMeeting>(meetings: readonly M[], schedule: readonly ScheduleLine[] = []): CalendarEntry<M>[] {
  const folders = [...meetings].sort((a, b) => a.date.localeCompare(b.date));
  const dates = new Set(folders.map((m) => m.date));
  const entries: CalendarEntry<M>[] = folders.map((meeting) => ({
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

/**
 * The next meeting after `date` that will take place (planned or held: not cancelled, not moved)
 * and has a time, if the calendar knows one: the meeting a "date of next meeting" item shows.
 */
export function nextMeetingAfter<E extends CalendarEntry<FolderMeeting>>(calendar: readonly E[], date: string): E | undefined {
  return calendar.find((e) => e.date > date && (e.status === 'planned' || e.status === 'held') && e.time !== undefined);
}
