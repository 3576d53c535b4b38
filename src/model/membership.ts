/** The board's membership by kind, with roles, for the membership paper. Pure. */
import type { Board, Member } from './board.js';
import type { MemberKind } from '../domain/types.js';

const GROUPS: [label: string, kind: MemberKind][] = [
  ['Elected members', 'elected'],
  ['Co-opted members', 'co-opted'],
  ['Officers', 'officer'],
  ["Young people's representatives", 'young-person'],
];

/** What templates/fragments/membership.hbs receives; `termsOfReference` is added as HTML by the renderer. */
export interface MembershipView {
  boardName: string;
  council: string;
  roles: { role: string; name: string }[];
  groups: { label: string; caption: string; members: { name: string; role: string; represents: string }[] }[];
  /** A sentence on the young people's representatives, who are named by first name only. */
  youngPeopleNote?: string;
}

/** The name as the board prints it: young people's representatives by first name only. */
export function printedName(member: Member): string {
  return member.kind === 'young-person' ? member.name : member.fullName;
}

/** Whether the member was on the board on `date` (board.yaml's joined and left). */
export function onBoard(member: Member, date: string): boolean {
  return (member.joined === undefined || date >= member.joined) && (member.left === undefined || date <= member.left);
}

/** The membership on `date`, the meeting the paper or front sheet goes to: who had left, or not yet joined, is not listed. */
export function membershipView(board: Board, date: string): MembershipView {
  const order = (role: string) => (/^chair$/i.test(role) ? 0 : /^vice[- ]chair$/i.test(role) ? 1 : 2);
  const current = board.members.filter((m) => onBoard(m, date));
  const roles = current
    .filter((m) => m.role)
    .map((m) => ({ role: m.role!, name: printedName(m) }))
    .sort((a, b) => order(a.role) - order(b.role));
  const groups = GROUPS.flatMap(([label, kind]) => {
    const members = current.filter((m) => m.kind === kind);
    return members.length
      ? [{
          label,
          caption: `${label} of the ${board.name}`,
          members: members.map((m) => ({
            name: printedName(m),
            role: m.role ?? '',
            represents: (kind === 'officer' ? [m.post, m.service ?? m.organisation] : [m.organisation]).filter(Boolean).join(', '),
          })),
        }]
      : [];
  });
  return {
    boardName: board.name,
    council: board.council,
    roles,
    groups,
    ...(current.some((m) => m.kind === 'young-person')
      ? { youngPeopleNote: "Young people's representatives are named by their first name only." }
      : {}),
  };
}
