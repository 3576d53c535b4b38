import type { Board } from './board.js';
import { clockTime, longDate } from './dates.js';
import type { Meeting } from './meeting.js';

/** What the agenda template receives: strings ready to print, no arithmetic left to do. */
export interface AgendaView {
  lang: string;
  title: string;
  council: string;
  boardName: string;
  date: string;
  time: string;
  venue: string;
  cancelled: boolean;
  notices: string[];
  items: {
    number: number;
    title: string;
    presenter?: string;
    purpose?: string;
    papers: string[];
    pageRange?: string;
    nextMeeting?: string;
  }[];
  clerk?: { name: string; post?: string; email?: string; phone?: string };
}

/** Pages are not known until the pack is printed; this stands in their place until then. */
export const PAGE_RANGE_PLACEHOLDER = '(Pages to follow)';

export function agendaView(board: Board, meeting: Meeting): AgendaView {
  const date = longDate(meeting.date, board.dateStyle);
  const next = meeting.nextMeeting;
  return {
    lang: 'en-GB',
    title: `${board.name}, ${date}: Agenda`,
    council: board.council,
    boardName: board.name,
    date,
    time: clockTime(meeting.time),
    venue: meeting.venue,
    cancelled: meeting.status === 'cancelled',
    notices: meeting.notices,
    items: meeting.items.map((item) => ({
      number: item.number,
      title: item.title,
      ...(item.presenter
        ? { presenter: [item.presenter.name, item.presenter.post, item.presenter.service].filter(Boolean).join(', ') }
        : {}),
      ...(item.purpose ? { purpose: item.purpose } : {}),
      papers: item.papers.map((p) => p.title),
      ...(item.papers.length ? { pageRange: PAGE_RANGE_PLACEHOLDER } : {}),
      ...(item.showsNextMeeting && next
        ? {
            nextMeeting: `${longDate(next.date, board.dateStyle)} at ${clockTime(next.time)}${next.venue ? ` in ${next.venue}` : ''}.`,
          }
        : {}),
    })),
    ...(board.clerk ? { clerk: board.clerk } : {}),
  };
}
