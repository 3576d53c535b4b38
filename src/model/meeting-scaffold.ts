/**
 * A planned meeting's agenda to start from (`cpb new meeting DATE`): the standing items, time and
 * venue of the latest meeting, with status planned. No next_meeting: the meeting shows the next
 * one in the calendar. Pure: returns data for the command to write.
 */
import type { CalendarEntry } from './schedule.js';
import { shortDate } from '../domain/dates.js';
import type { ItemData, MeetingData, PaperData, ScheduledMeetingData } from '../domain/types.js';

export interface MeetingScaffold {
  meeting: MeetingData;
  /** Things the clerk should check, said as comments at the top of the file. */
  notes: string[];
}

/**
 * `latest` is the latest meeting's agenda as written (so presenters stay member ids); `scheduled`
 * the board.yaml schedule entry for the date, if any; `next` the next meeting in the calendar
 * after the date, if any; `beforeLatest` the date of the meeting before the latest: where a
 * standing item's title names it ("Minutes … from 26 November 2019"), it names the latest now.
 */
export function meetingScaffold(
  date: string,
  latest: MeetingData | undefined,
  scheduled: ScheduledMeetingData | undefined,
  next: CalendarEntry | undefined,
  beforeLatest?: string,
): MeetingScaffold {
  const notes: string[] = [];
  const time = scheduled?.time ?? latest?.time ?? '18:00';
  const venue = scheduled?.venue ?? latest?.venue ?? 'To be confirmed';
  if (!scheduled?.time && !latest?.time) notes.push('No earlier meeting gives a time: 18:00 is a placeholder.');
  if (!scheduled?.venue && !latest?.venue) notes.push('No earlier meeting gives a venue: set it.');

  const items: ItemData[] = (latest?.items ?? [])
    .filter((item) => item.standing)
    .flatMap((item): ItemData[] => {
      if (item.shows_next_meeting && !next) {
        notes.push(`"${item.title}" is left out until a later meeting is planned (its folder, or board.yaml's schedule); then add it back.`);
        return [];
      }
      // "Minutes … from 26 November 2019" at the latest meeting is "… from" the latest meeting now.
      const retitle = (title: string) => (beforeLatest && latest ? title.replaceAll(shortDate(beforeLatest), shortDate(latest.date)) : title);
      const papers = (item.papers ?? []).filter((p) => p.generate !== undefined).map((p) => ({ ...generatedPaper(p), title: retitle(p.title) }));
      // A forward plan note is about that meeting's item, so it stays behind.
      const { number: _number, papers: _papers, late: _late, urgency: _urgency, exempt: _exempt, forward_plan_note: _note, ...rest } = item;
      return [{ ...rest, title: retitle(item.title), ...(papers.length ? { papers } : {}) }];
    });
  const updated = latest ? shortDate(latest.date) : undefined;
  if (items.some((i) => [i.title, ...(i.papers ?? []).map((p) => p.title)].some((title) => /\d{4}/.test(title) && !(updated && title.includes(updated))))) {
    notes.push('Some standing items or their papers name a date or year in their titles: check that they are right for this meeting.');
  }
  if (items.length === 0) {
    notes.push('The latest meeting has no standing items: add the agenda.');
    items.push({ title: 'Introductions and Apologies', standing: true, purpose: 'To note who is attending and any apologies for absence.' });
  }
  return {
    meeting: {
      date,
      time,
      venue,
      status: 'planned',
      ...(latest?.notices?.length ? { notices: latest.notices } : {}),
      // Deadlines typed in the schedule move with the date into the meeting's own folder.
      ...(scheduled?.deadlines ? { deadlines: scheduled.deadlines } : {}),
      items,
    },
    notes,
  };
}

/** A standing item's paper made from data, without anything that ties it to the earlier meeting. */
function generatedPaper(paper: PaperData): PaperData {
  const { meeting: _meeting, ...rest } = paper;
  return rest;
}
