/**
 * Members' attendance at the board's meetings and the register of interests declared there,
 * from one view of the minutes (the public view leaves out declarations on exempt items). Pure.
 */
import type { Board, Member } from './board.js';
import { shortDate } from '../domain/dates.js';
import type { Meeting } from './meeting.js';
import type { MinutesRecord } from './minutes.js';
import type { MemberKind } from '../domain/types.js';
import { municipalYear } from '../domain/municipal-year.js';
import { percentOf } from '../domain/numbers.js';

/** Kept here for callers that import it with attendance; the rule lives in domain/numbers.ts. */
import { listWords } from '../domain/words.js';
import { onBoard } from './membership.js';

export interface MemberAttendance {
  member: Member;
  /** Meetings the member was expected at: every meeting counted while they were on the board. */
  expected: number;
  attended: number;
  apologies: number;
  /** Whole per cent attended; undefined when no meeting is counted. */
  percentage?: number;
}

export interface Declaration {
  meeting: string;
  who: string;
  item?: { number: number; title: string };
  interest: string;
}

export interface AttendanceRegister {
  /** The meetings counted, oldest first. */
  meetings: Meeting[];
  members: MemberAttendance[];
  declarations: Declaration[];
}

/**
 * Counts every meeting before `before` that has minutes (and was not cancelled), in the municipal
 * year `year` when given. Each member of the board is expected at each of them.
 */
export function attendanceRegister(
  board: Board,
  meetings: readonly Meeting[],
  minutes: ReadonlyMap<string, MinutesRecord>,
  before: string,
  year?: number,
): AttendanceRegister {
  const counted = meetings
    .filter((m) => m.date < before && m.status !== 'cancelled' && minutes.has(m.id))
    .filter((m) => year === undefined || municipalYear(m.date) === year)
    .sort((a, b) => a.date.localeCompare(b.date));
  const members = board.members.map((member): MemberAttendance => {
    const records = counted.filter((m) => onBoard(member, m.date)).map((m) => minutes.get(m.id)!);
    const attended = records.filter((r) => r.present.includes(member.id)).length;
    const apologies = records.filter((r) => r.apologyIds.includes(member.id) && !r.present.includes(member.id)).length;
    return {
      member,
      expected: records.length,
      attended,
      apologies,
      ...(records.length ? { percentage: percentOf(attended, records.length) } : {}),
    };
  });
  const declarations = counted.flatMap((meeting) =>
    minutes.get(meeting.id)!.declarations.map((d): Declaration => {
      const item = d.item !== undefined ? meeting.items.find((i) => i.number === d.item) : undefined;
      const who = board.member(d.member);
      return {
        meeting: meeting.date,
        who: who ? (who.kind === 'young-person' ? who.name : who.fullName) : d.member,
        ...(d.item !== undefined ? { item: { number: d.item, title: item?.title ?? `Item ${d.item}` } } : {}),
        interest: d.interest,
      };
    }),
  );
  return { meetings: counted, members, declarations };
}


const GROUPS: [label: string, kind: MemberKind][] = [
  ['Elected members', 'elected'],
  ['Co-opted members', 'co-opted'],
  ["Young people's representatives", 'young-person'],
  ['Officers', 'officer'],
];

/** What templates/fragments/attendance.hbs receives. */
export interface AttendanceView {
  boardName: string;
  basis: string;
  groups: { label: string; rows: { name: string; expected: number; attended: number; apologies: number; percentage: string }[] }[];
  empty?: string;
  declarations: { meeting: string; dateIso: string; who: string; item: string; interest: string }[];
  noDeclarations?: string;
}

export function attendanceView(board: Board, register: AttendanceRegister, yearLabel?: string): AttendanceView {
  const n = register.meetings.length;
  const dates = register.meetings.map((m) => shortDate(m.date));
  const list = listWords(dates);
  return {
    boardName: board.name,
    basis: n
      ? `Attendance at the ${n === 1 ? 'meeting' : `${n} meetings`} of the ${board.name}${yearLabel ? ` in ${yearLabel}` : ''} with minutes: ${list}. ${board.members.some((m) => m.joined || m.left) ? 'Every member is counted as expected at each held while they were on the board' : 'Every member is counted as expected at each'}; the percentage is of those meetings.`
      : '',
    groups: n
      ? GROUPS.flatMap(([label, kind]) => {
          const rows = register.members.filter((r) => r.member.kind === kind);
          return rows.length
            ? [{
                label,
                rows: rows.map((r) => ({
                  name: kind === 'young-person' ? r.member.name : r.member.fullName,
                  expected: r.expected,
                  attended: r.attended,
                  apologies: r.apologies,
                  percentage: r.percentage === undefined ? '' : `${r.percentage}%`,
                })),
              }]
            : [];
        })
      : [],
    ...(n ? {} : { empty: `No meetings of the ${board.name}${yearLabel ? ` in ${yearLabel}` : ''} have minutes yet.` }),
    declarations: register.declarations.map((d) => ({
      meeting: shortDate(d.meeting),
      dateIso: d.meeting,
      who: d.who,
      item: d.item ? `${d.item.number}. ${d.item.title}` : 'General',
      interest: d.interest,
    })),
    ...(register.declarations.length ? {} : { noDeclarations: n ? 'No interests were declared at these meetings.' : 'No interests have been declared.' }),
  };
}
