import type { DateStyle } from '../domain/dates.js';
import type { BoardData, MemberData, MemberKind } from '../domain/types.js';

export interface Member {
  id: string;
  name: string;
  kind: MemberKind;
  /** "County Councillor Ian Brown", or the name alone. */
  fullName: string;
  /** "County Councillor Brown": how agendas name a titled member. */
  shortName: string;
  role?: string;
  organisation?: string;
  post?: string;
  service?: string;
  /** On the board from and to these dates (YYYY-MM-DD), when it is not for the whole time. */
  joined?: string;
  left?: string;
}

export interface Board {
  name: string;
  council: string;
  dateStyle: DateStyle;
  clerk?: { name: string; post?: string; email?: string; phone?: string };
  members: Member[];
  member(id: string): Member | undefined;
  /** How this council words its minutes (board.yaml minutes:). */
  minutesStyle: MinutesStyle;
  /** Meetings before the folder begins (board.yaml history), oldest first. */
  history: EarlierMeeting[];
  /** The council's word for each action status, and for an action not updated yet if it has one. */
  statusWords: StatusWords;
  /** What the agenda's front sheet prints besides the agenda (board.yaml front_sheet:). */
  frontSheet: FrontSheetSettings;
  /** How the action log names action owners. */
  logOwners: OwnerStyle;
}

export interface FrontSheetSettings {
  membership: boolean;
  signedBy?: { name: string; post?: string; address: string[] };
}

/** A meeting held before the folder begins: its minute numbers and the actions it raised, nothing else. */
export interface EarlierMeeting {
  date: string;
  first: number;
  last: number;
  actions: { id: string; minute: number; item: string; owners: string[]; ownerIds: string[]; action: string; due?: string }[];
}

/** An action's owner by the person, their post, or both. */
export type OwnerStyle = 'person' | 'post' | 'both';

/** An owner as printed: a member by name, post or both (a member without a post by name); anyone else as written. */
export function ownerName(board: Board, who: string, style: OwnerStyle): string {
  const member = board.member(who);
  if (!member) return who;
  if (style === 'person' || !member.post) return member.fullName;
  return style === 'post' ? member.post : `${member.fullName} (${member.post})`;
}

export interface StatusWords {
  open: string;
  'on-going': string;
  completed: string;
  /** For an action with no entry in actions.yaml; shown by its status (open) when absent. */
  notUpdated?: string;
}

export type DecisionLettering = NonNullable<NonNullable<BoardData['minutes']>['decision_lettering']>;

export interface MinutesStyle {
  /** "Resolved:", "RESOLVED –", "AGREED:"… */
  decisionWording: string;
  lettering: DecisionLettering;
  /** A minute with one decision letters it too. */
  letterSingle: boolean;
  /** Who signs: "Chair", "Chairman"… */
  signatureTitle: string;
  /** How a minute is cited ("CPB/{yy}/{number}"); without it "62." in the minutes and "62" in the log. */
  reference?: string;
  /** For {board} in the reference. */
  shortName?: string;
  /** Apologies listed in the attendance groups rather than in one list. */
  apologiesByGroup: boolean;
  /** Actions after the decisions, or where the discussion marks them. */
  actionPlacement: 'after-decisions' | 'inline';
  /** How the minutes name action owners. */
  actionOwners: OwnerStyle;
}

export function buildBoard(data: BoardData): Board {
  const members = data.membership.map(buildMember);
  const byId = new Map(members.map((m) => [m.id, m]));
  return {
    name: data.name,
    council: data.council,
    dateStyle: data.date_style ?? 'plain',
    ...(data.clerk ? { clerk: data.clerk } : {}),
    members,
    member: (id) => byId.get(id),
    minutesStyle: {
      decisionWording: data.minutes?.decision_wording ?? 'Resolved:',
      lettering: data.minutes?.decision_lettering ?? 'a)',
      letterSingle: data.minutes?.letter_single_decision ?? false,
      signatureTitle: data.minutes?.signature_title ?? 'Chair',
      apologiesByGroup: data.minutes?.apologies_by_group ?? false,
      actionPlacement: data.minutes?.action_placement ?? 'after-decisions',
      actionOwners: data.minutes?.action_owners ?? 'person',
      ...(data.minutes?.reference !== undefined ? { reference: data.minutes.reference } : {}),
      ...(data.minutes?.short_name !== undefined ? { shortName: data.minutes.short_name } : {}),
    },
    statusWords: statusWords(data.action_log?.status_words),
    frontSheet: frontSheet(data.front_sheet),
    logOwners: data.action_log?.action_owners ?? 'person',
    history: (data.history ?? [])
      .map((m) => ({
        date: m.date,
        first: m.minutes.first,
        last: m.minutes.last,
        // Owners are members by id, or people who have since left the board by name.
        actions: (m.actions ?? []).map((a) => ({
          id: a.id,
          minute: a.minute,
          item: a.item ?? '',
          owners: a.owners.map((o) => byId.get(o)?.fullName ?? o),
          ownerIds: a.owners,
          action: a.action,
          ...(a.due ? { due: a.due } : {}),
        })),
      }))
      .sort((a, b) => a.date.localeCompare(b.date)),
  };
}

function frontSheet(data: BoardData['front_sheet']): FrontSheetSettings {
  const signed = data?.signed_by;
  return {
    membership: data?.membership ?? false,
    ...(signed ? { signedBy: { name: signed.name, ...(signed.post ? { post: signed.post } : {}), address: signed.address ?? [] } } : {}),
  };
}

function statusWords(words: NonNullable<BoardData['action_log']>['status_words'] = {}): StatusWords {
  const notUpdated = words['not-updated'];
  return {
    open: words.open ?? 'Open',
    'on-going': words['on-going'] ?? 'On-going',
    completed: words.completed ?? 'Completed',
    ...(notUpdated !== undefined ? { notUpdated } : {}),
  };
}

function buildMember(data: MemberData): Member {
  const surname = data.surname ?? data.name.trim().split(/\s+/).pop() ?? data.name;
  return {
    id: data.id,
    name: data.name,
    kind: data.kind,
    fullName: data.title ? `${data.title} ${data.name}` : data.name,
    shortName: data.title ? `${data.title} ${surname}` : data.name,
    ...pick(data, ['role', 'organisation', 'post', 'service', 'joined', 'left']),
  };
}

function pick<T extends object, K extends keyof T>(obj: T, keys: K[]): Partial<Pick<T, K>> {
  const out: Partial<Pick<T, K>> = {};
  for (const k of keys) if (obj[k] !== undefined) out[k] = obj[k];
  return out;
}
