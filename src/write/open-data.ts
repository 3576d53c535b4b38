import type { Board } from '../model/board.js';
import type { SiteDocument, SiteMeeting } from '../model/site/site-meeting.js';
import { meetingUid } from './calendar.js';
import { isoWithOffset, MEETING_TIME_ZONE, meetingStart } from './london-time.js';

/**
 * meetings.json: every meeting in the shape of an Open Civic Data event (name, start_date,
 * location, status, agenda with order, description and related entities, documents with links
 * and media types, participants), plus a few fields of cpb's own (exempt, late, bytes, pages).
 * URLs are relative to the file itself, so the site can be hosted anywhere.
 */
export interface OpenData {
  name: string;
  council: string;
  timezone: string;
  meetings: OpenDataEvent[];
}

export interface OpenDataLink {
  url: string;
  media_type: string;
  bytes: number;
  pages?: number;
}

export interface OpenDataDocument {
  note: string;
  date: string;
  links: OpenDataLink[];
}

export interface OpenDataEvent {
  id: string;
  name: string;
  classification: 'committee-meeting';
  start_date: string;
  timezone: string;
  all_day: false;
  status: 'confirmed' | 'passed' | 'cancelled';
  location: { name: string };
  links: { note: string; url: string }[];
  documents: OpenDataDocument[];
  agenda: OpenDataAgendaItem[];
  participants: { entity_type: 'organization' | 'person'; name: string; note: string; group?: string; organisation?: string }[];
}

export interface OpenDataAgendaItem {
  order: string;
  description: string;
  notes: string[];
  classification: string[];
  related_entities: { entity_type: 'person'; name: string; note: string }[];
  documents: OpenDataDocument[];
  exempt?: { paragraph: number; reason: string };
  late?: true;
}

const STATUS = { planned: 'confirmed', held: 'passed', cancelled: 'cancelled' } as const;

export function openData(board: Pick<Board, 'name' | 'council'>, meetings: readonly SiteMeeting[]): OpenData {
  return { name: board.name, council: board.council, timezone: MEETING_TIME_ZONE, meetings: meetings.map((m) => event(board, m)) };
}

function event(board: Pick<Board, 'name' | 'council'>, site: SiteMeeting): OpenDataEvent {
  const { meeting } = site;
  const doc = (note: string, files: (SiteDocument | undefined)[]): OpenDataDocument[] => {
    const links = files.filter((f): f is SiteDocument => f !== undefined).map(link);
    return links.length ? [{ note, date: meeting.date, links }] : [];
  };
  return {
    id: meetingUid(board, meeting).replace(/@cpb$/, ''),
    name: board.name,
    classification: 'committee-meeting',
    start_date: isoWithOffset(meetingStart(meeting.date, meeting.time)),
    timezone: MEETING_TIME_ZONE,
    all_day: false,
    status: STATUS[meeting.status],
    location: { name: meeting.venue },
    links: [{ note: 'Meeting page', url: site.page }],
    documents: [
      ...doc('Agenda', site.agenda),
      ...doc('Agenda pack', [site.pack]),
      ...doc('Supplementary agenda pack', [site.supplementary]),
      ...doc(site.minutes?.record.approvedAt ? 'Minutes' : 'Minutes (draft)', [site.minutes?.html, site.minutes?.pdf]),
    ],
    agenda: site.items.map(({ item, papers }) => ({
      order: String(item.number),
      description: item.title,
      notes: item.purpose ? [item.purpose] : [],
      classification: [...(item.standing ? ['standing'] : []), ...(item.exempt ? ['exempt'] : [])],
      related_entities: item.presenter ? [{ entity_type: 'person', name: item.presenter.name, note: 'presenter' }] : [],
      documents: papers.flatMap((p) => doc(p.title, [p.html, p.pdf])),
      ...(item.exempt ? { exempt: { paragraph: item.exempt.paragraph, reason: item.exempt.reason } } : {}),
      ...(item.late && !item.exempt ? { late: true as const } : {}),
    })),
    participants: [
      { entity_type: 'organization', name: board.name, note: 'host' },
      ...(site.minutes?.record.attendance ?? []).flatMap((group) =>
        group.people.map((p) => ({
          entity_type: 'person' as const,
          name: p.name,
          note: 'present',
          group: group.label,
          ...(p.organisation ? { organisation: p.organisation } : {}),
        })),
      ),
      ...(site.minutes?.record.apologies ?? []).map((name) => ({ entity_type: 'person' as const, name, note: 'apologies' })),
    ],
  };
}

function link(file: SiteDocument): OpenDataLink {
  return { url: file.path, media_type: file.mediaType, bytes: file.bytes, ...(file.pages !== undefined ? { pages: file.pages } : {}) };
}
