/** Who attended a meeting and who sent apologies, as its minutes print them. Pure. */
import type { Board, Member } from './board.js';
import { clockTime } from '../domain/dates.js';
import type { MemberKind, MinutesData, PersonData } from '../domain/types.js';

export interface AttendanceGroup {
  label: string;
  people: Attendee[];
}

export interface Attendee {
  name: string;
  organisation?: string;
  /** Their part at this meeting: "Chairman", "Vice-Chair". */
  role?: string;
  /** What the clerk adds: "from item 4; to 6.20 pm", "substituting for …". */
  note?: string;
}

type Present = MinutesData['present'][number];
type Apology = NonNullable<MinutesData['apologies']>[number];

const GROUPS: [label: string, kind: MemberKind][] = [
  ['Members', 'elected'],
  ['Co-opted members', 'co-opted'],
  ["Young people's representatives", 'young-person'],
  ['Officers', 'officer'],
];

/** The identifier of a member present (a substitute from outside the board has none). */
export function presentId(entry: Present): string | undefined {
  return typeof entry === 'string' ? entry : entry.member;
}

/** The name as the minutes print it: young people by first name. */
function printed(member: Member): string {
  return member.kind === 'young-person' ? member.name : member.fullName;
}

/** "from 6.20 pm", "to item 6". */
function stay(word: 'from' | 'to', at: string | number | undefined): string[] {
  if (at === undefined) return [];
  return [`${word} ${typeof at === 'number' ? `item ${at}` : clockTime(at)}`];
}

/** Those present in groups by kind (a substitute in the group of the member they stood in for), then others present. */
export function attendanceGroups(board: Board, minutes: MinutesData): AttendanceGroup[] {
  const present = minutes.present.flatMap((entry) => {
    const detail = typeof entry === 'string' ? { member: entry } : entry;
    const member = detail.member !== undefined ? board.member(detail.member) : undefined;
    const standingFor = detail.substituting_for !== undefined ? board.member(detail.substituting_for) : undefined;
    const kind = member?.kind ?? standingFor?.kind;
    if (kind === undefined || (member === undefined && detail.name === undefined)) return [];
    // Officers are known by their service; others by the organisation they represent.
    const organisation = detail.organisation ?? (member ? (member.kind === 'officer' ? member.service ?? member.organisation : member.organisation) : undefined);
    const notes = [
      ...(standingFor ? [`substituting for ${printed(standingFor)}`] : []),
      ...stay('from', detail.from),
      ...stay('to', detail.to),
    ];
    const attendee: Attendee = {
      name: member ? printed(member) : detail.name!,
      ...(organisation ? { organisation } : {}),
      ...(detail.role ? { role: detail.role } : {}),
      ...(notes.length ? { note: notes.join('; ') } : {}),
    };
    return [{ kind, attendee }];
  });
  const groups = GROUPS.map(([label, kind]) => ({ label, people: present.filter((p) => p.kind === kind).map((p) => p.attendee) }));
  const others = (minutes.also_present ?? []).map((p: PersonData) => ({ name: p.name, ...(p.organisation ? { organisation: p.organisation } : {}) }));
  return [...groups, { label: 'Also present', people: others }].filter((g) => g.people.length > 0);
}

/** The name an apology is printed with. */
export function apologyName(board: Board, apology: Apology): string {
  return typeof apology === 'string' ? board.member(apology)?.fullName ?? apology : apology.name;
}

/** Apologies in the attendance groups, each kept in its own; others without a group last. */
export function apologyGroups(board: Board, apologies: readonly Apology[]): { label: string; names: string[] }[] {
  const kindOf = (a: Apology) => (typeof a === 'string' ? board.member(a)?.kind : a.group);
  return [...GROUPS, ['Others', undefined] as const]
    .map(([label, kind]) => ({ label, names: apologies.filter((a) => kindOf(a) === kind).map((a) => apologyName(board, a)) }))
    .filter((g) => g.names.length > 0);
}
