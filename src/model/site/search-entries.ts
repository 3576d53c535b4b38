import type { Board } from '../board.js';
import { clockTime, longDate } from '../../domain/dates.js';
import type { Meeting } from '../meeting.js';
import { presenterLine } from '../presenter-line.js';

/** Text of one public document, for the search index. */
export interface DocumentText {
  title: string;
  kind: 'agenda' | 'minutes' | 'paper';
  path: string;
  text: string;
}

/** One document the site's search can find. */
export interface SearchEntry {
  id: number;
  title: string;
  text: string;
  /** Paths inside the site. */
  url: string;
  meetingUrl: string;
  meeting: string;
  kind: string;
}

export function searchEntries(board: Pick<Board, 'dateStyle'>, pages: ReadonlyMap<string, string>, texts: readonly { meeting: Meeting; doc: DocumentText }[]): SearchEntry[] {
  const kinds = { agenda: 'Agenda', minutes: 'Minutes', paper: 'Paper' } as const;
  return texts.map(({ meeting, doc }, id) => ({
    id,
    title: doc.title,
    text: doc.text,
    url: doc.path,
    meetingUrl: pages.get(meeting.id) ?? 'index.html',
    meeting: longDate(meeting.date, board.dateStyle),
    kind: doc.path.endsWith('.pdf') ? `${kinds[doc.kind]} (PDF)` : kinds[doc.kind],
  }));
}

/** What the public agenda says, as words to search: exempt items by title and reason only. */
export function agendaText(meeting: Meeting): string {
  return [
    `${clockTime(meeting.time)} ${meeting.venue}`,
    ...meeting.notices,
    ...meeting.items.flatMap((item) => [
      `${item.number}. ${item.title}`,
      item.presenter ? presenterLine(item.presenter) : '',
      item.purpose ?? '',
      item.exempt ? `Exempt: ${item.exempt.reason}` : '',
    ]),
  ]
    .filter(Boolean)
    .join(' ');
}
