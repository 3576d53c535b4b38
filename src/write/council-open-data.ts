import type { Board } from '../model/board.js';
import type { SiteMeeting } from '../model/site/site-meeting.js';
import { MEETING_TIME_ZONE } from './london-time.js';
import { openData, type OpenDataDocument, type OpenDataEvent } from './open-data.js';

/**
 * The council's meetings.json: every committee's meetings as its own meetings.json has them
 * (public only, by the same function), with each link made relative to the council's site.
 */
export interface CouncilOpenData {
  name: string;
  timezone: string;
  committees: { name: string; council: string; site: string; meetings: string }[];
  meetings: (OpenDataEvent & { committee: string })[];
}

export interface CommitteeData {
  label: string;
  board: Pick<Board, 'name' | 'council'>;
  /** The committee's site inside the council's, e.g. "lancashire/site/". */
  base: string;
  meetings: readonly SiteMeeting[];
}

export function councilOpenData(name: string, committees: readonly CommitteeData[]): CouncilOpenData {
  const meetings = committees.flatMap((c) => openData(c.board, c.meetings).meetings.map((e) => ({ ...rebased(e, c.base), committee: c.label })));
  meetings.sort((a, b) => a.start_date.localeCompare(b.start_date));
  return {
    name,
    timezone: MEETING_TIME_ZONE,
    committees: committees.map((c) => ({ name: c.label, council: c.board.council, site: `${c.base}index.html`, meetings: `${c.base}meetings.json` })),
    meetings,
  };
}

function rebased(event: OpenDataEvent, base: string): OpenDataEvent {
  const docs = (documents: OpenDataDocument[]) => documents.map((d) => ({ ...d, links: d.links.map((l) => ({ ...l, url: `${base}${l.url}` })) }));
  return {
    ...event,
    links: event.links.map((l) => ({ ...l, url: `${base}${l.url}` })),
    documents: docs(event.documents),
    agenda: event.agenda.map((item) => ({ ...item, documents: docs(item.documents) })),
  };
}
