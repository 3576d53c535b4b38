import type { Board } from './board.js';
import { clockTime, longDate } from './dates.js';
import type { Meeting } from './meeting.js';
import type { MinutesData, PersonData } from './types.js';

export interface MinuteAction {
  id: string;
  /** Names as printed. */
  owners: string[];
  action: string;
  due?: string;
}

export interface Minute {
  /** Computed: per meeting (1, 2, 3…) or running on across the municipal year. */
  number: number;
  item: number;
  title: string;
  discussion?: string;
  resolved: string[];
  actions: MinuteAction[];
}

export interface AttendanceGroup {
  label: string;
  people: { name: string; organisation?: string }[];
}

export interface MinutesRecord {
  meeting: Meeting;
  attendance: AttendanceGroup[];
  apologies: string[];
  declarations: { who: string; item?: number; interest: string }[];
  minutes: Minute[];
  /** The meeting whose minutes approved these as an accurate record; undefined while draft. */
  approvedAt?: string;
  /** Whose minutes these approve, if any. */
  approves?: string;
}

const GROUPS: [label: string, kind: string][] = [
  ['Members', 'elected'],
  ['Co-opted members', 'co-opted'],
  ["Young people's representatives", 'young-person'],
  ['Officers', 'officer'],
];

/** Which municipal year (May to April) a date falls in, by the year it starts. */
export function municipalYear(iso: string): number {
  const [year, month] = iso.split('-').map(Number) as [number, number];
  return month >= 5 ? year : year - 1;
}

/**
 * Every meeting's minutes, numbered by the board's rule: per meeting, or continuously across the
 * municipal year (starting again each May; the earliest meeting may start at `first_number`).
 */
export function buildMinutes(
  board: Board,
  meetings: readonly Meeting[],
  data: ReadonlyMap<string, MinutesData>,
  numbering: { style: 'per-meeting' | 'continuous'; first: number },
): Map<string, MinutesRecord> {
  const records = new Map<string, MinutesRecord>();
  const held = meetings.filter((m) => data.has(m.id)).sort((a, b) => a.date.localeCompare(b.date));
  let next = numbering.first;
  let year: number | undefined;
  for (const [index, meeting] of held.entries()) {
    const minutes = data.get(meeting.id)!;
    if (numbering.style === 'per-meeting') next = 1;
    else if (year !== undefined && municipalYear(meeting.date) !== year) next = 1;
    else if (index === 0) next = numbering.first;
    year = municipalYear(meeting.date);
    const nameOf = (who: string) => board.member(who)?.fullName ?? who;
    records.set(meeting.id, {
      meeting,
      attendance: attendance(board, minutes),
      apologies: (minutes.apologies ?? []).map((a) => (typeof a === 'string' ? nameOf(a) : a.name)),
      declarations: (minutes.declarations ?? []).map((d) => ({ ...d, who: nameOf(d.who) })),
      minutes: minutes.minutes.map((m) => ({
        number: next++,
        item: m.item,
        title: m.title ?? meeting.items.find((i) => i.number === m.item)?.title ?? `Item ${m.item}`,
        ...(m.discussion ? { discussion: m.discussion } : {}),
        resolved: m.resolved ?? [],
        actions: (m.actions ?? []).map((a) => ({ id: a.id, owners: a.owners.map(nameOf), action: a.action, ...(a.due ? { due: a.due } : {}) })),
      })),
      ...(minutes.approves_minutes_of ? { approves: minutes.approves_minutes_of } : {}),
    });
  }
  for (const record of records.values()) {
    const approved = record.approves ? records.get(record.approves) : undefined;
    if (approved) approved.approvedAt = record.meeting.id;
  }
  return records;
}

function attendance(board: Board, minutes: MinutesData): AttendanceGroup[] {
  const present = minutes.present.map((id) => board.member(id)).filter((m) => m !== undefined);
  const groups = GROUPS.map(([label, kind]) => ({
    label,
    people: present
      .filter((m) => m.kind === kind)
      .map((m) => {
        // Officers are known by their service; others by the organisation they represent.
        const organisation = m.kind === 'officer' ? m.service ?? m.organisation : m.organisation;
        return { name: m.kind === 'young-person' ? m.name : m.fullName, ...(organisation ? { organisation } : {}) };
      }),
  }));
  const others = (minutes.also_present ?? []).map((p: PersonData) => ({ name: p.name, ...(p.organisation ? { organisation: p.organisation } : {}) }));
  return [...groups, { label: 'Also present', people: others }].filter((g) => g.people.length > 0);
}

/** "Minutes of the Meeting held on Tuesday, 17th September, 2019 at 6.00 pm in …". */
export function minutesHeading(board: Board, meeting: Meeting): string {
  return `Minutes of the Meeting held on ${longDate(meeting.date, board.dateStyle)} at ${clockTime(meeting.time)} in ${meeting.venue}`;
}

/** a), b), c)… for several decisions of one minute. */
export function letter(index: number): string {
  return `${String.fromCharCode(97 + (index % 26))})`;
}
