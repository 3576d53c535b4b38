import type { Board, DecisionLettering } from './board.js';
import { clockTime, longDate, timeRange } from '../domain/dates.js';
import { exemption, type Exemption, type Meeting } from './meeting.js';
import type { MinutesData } from '../domain/types.js';
import { apologyGroups, apologyName, attendanceGroups, presentId, type AttendanceGroup } from './minutes-attendance.js';

export type { AttendanceGroup } from './minutes-attendance.js';
import { minuteReference } from '../domain/minute-reference.js';
import { minuteInText, replaceMinuteMarks } from '../domain/minute-marks.js';
import { markdownText } from '../domain/markdown-text.js';
import { firstMinuteNumbers, type Numbering } from '../domain/minute-numbers.js';

/**
 * Who minutes are drawn up for: the public (the website, public packs and papers) or the board in
 * private (the confidential pack). Every renderer of minutes, action logs and the register of
 * interests is given one, and takes the view of the minutes made for it.
 */
export type Audience = 'public' | 'confidential';

export interface MinuteAction {
  id: string;
  /** Names as printed. */
  owners: string[];
  /** As the minutes give them: member ids, or names of others. */
  ownerIds: string[];
  action: string;
  due?: string;
}

export interface Minute {
  /** Computed by the board's numbering (minute-numbers.ts), or from the meeting's own first number. */
  number: number;
  item: number;
  title: string;
  /**
   * Set when the minute is exempt: its agenda item is, or it was marked exempt itself (taken in
   * private on the day). In the public view such a minute has its number, title and this only.
   */
  exempt?: Exemption;
  /** True in the public view of an exempt minute: its discussion, decisions and actions are held back. */
  withheld?: boolean;
  discussion?: string;
  resolved: string[];
  actions: MinuteAction[];
}

export interface MinuteDeclaration {
  /** The name as printed. */
  who: string;
  /** As written in the minutes: the member's identifier. */
  member: string;
  item?: number;
  interest: string;
}

/** One view (public or confidential) of one meeting's minutes. */
export interface MinutesRecord {
  audience: Audience;
  meeting: Meeting;
  attendance: AttendanceGroup[];
  /** Identifiers of the members present, and of those who sent apologies (for the attendance register). */
  present: string[];
  apologyIds: string[];
  apologies: string[];
  /** The same apologies in the attendance groups, for boards that list them so. */
  apologyGroups: { label: string; names: string[] }[];
  /** In the public view, without the declarations on exempt items. */
  declarations: MinuteDeclaration[];
  minutes: Minute[];
  /** The meeting whose minutes approved these as an accurate record; undefined while draft. */
  approvedAt?: string;
  /** Whose minutes these approve, if any. */
  approves?: string;
  /** When the meeting began (if not at the agenda's time) and closed, as minutes.yaml records them. */
  started?: string;
  finished?: string;
}

/** Both views of every meeting's minutes, by meeting id, made once from the same record. */
export interface MinutesViews {
  public: Map<string, MinutesRecord>;
  confidential: Map<string, MinutesRecord>;
}

/**
 * Every meeting's minutes, numbered by the board's rule (see minute-numbers.ts): per meeting,
 * continuously across the municipal year, or running on across the years.
 * The confidential view holds everything; the public view is made from it by `publicRecord`.
 */
export function buildMinutes(
  board: Board,
  meetings: readonly Meeting[],
  data: ReadonlyMap<string, MinutesData>,
  numbering: Numbering,
  schedule12A: ReadonlyMap<number, string> = new Map(),
): MinutesViews {
  const records = new Map<string, MinutesRecord>();
  const held = meetings.filter((m) => data.has(m.id)).sort((a, b) => a.date.localeCompare(b.date));
  const firsts = firstMinuteNumbers(
    numbering,
    held.map((m) => {
      const minutes = data.get(m.id)!;
      return { date: m.date, count: minutes.minutes.length, ...(minutes.first_number !== undefined ? { first: minutes.first_number } : {}) };
    }),
  );
  for (const [index, meeting] of held.entries()) {
    const minutes = data.get(meeting.id)!;
    let next = firsts[index]!;
    const nameOf = (who: string) => board.member(who)?.fullName ?? who;
    records.set(meeting.id, {
      audience: 'confidential',
      meeting,
      attendance: attendanceGroups(board, minutes),
      present: minutes.present.flatMap((p) => presentId(p) ?? []),
      apologyIds: (minutes.apologies ?? []).filter((a): a is string => typeof a === 'string'),
      apologies: (minutes.apologies ?? []).map((a) => apologyName(board, a)),
      apologyGroups: apologyGroups(board, minutes.apologies ?? []),
      declarations: (minutes.declarations ?? []).map((d) => ({ ...d, who: nameOf(d.who), member: d.who })),
      minutes: minutes.minutes.map((m) => {
        const item = meeting.items.find((i) => i.number === m.item);
        // The minute's own exemption (taken in private on the day) wins over the agenda's.
        const exempt = m.exempt ? exemption(m.exempt, schedule12A) : item?.exempt;
        return {
          number: next++,
          item: m.item,
          title: m.title ?? item?.title ?? `Item ${m.item}`,
          ...(exempt ? { exempt } : {}),
          ...(m.discussion ? { discussion: citingMinutes(board, m.discussion, true) } : {}),
          resolved: (m.resolved ?? []).map((text) => citingMinutes(board, text, false)),
          actions: (m.actions ?? []).map((a) => ({ id: a.id, owners: a.owners.map(nameOf), ownerIds: a.owners, action: a.action, ...(a.due ? { due: a.due } : {}) })),
        };
      }),
      ...(minutes.approves_minutes_of ? { approves: minutes.approves_minutes_of } : {}),
      ...(minutes.started ? { started: minutes.started } : {}),
      ...(minutes.finished ? { finished: minutes.finished } : {}),
    });
  }
  for (const record of records.values()) {
    const approved = record.approves ? records.get(record.approves) : undefined;
    if (approved) approved.approvedAt = record.meeting.id;
  }
  return { confidential: records, public: new Map([...records].map(([id, record]) => [id, publicRecord(record)])) };
}

/**
 * Item numbers whose business is exempt in these minutes: items exempt on the agenda, and items
 * whose minute was marked exempt. A declaration of interest on one of them is exempt too.
 */
export function exemptItems(record: MinutesRecord): Set<number> {
  return new Set([...record.meeting.items.filter((i) => i.exempt).map((i) => i.number), ...record.minutes.filter((m) => m.exempt).map((m) => m.item)]);
}

/**
 * The minutes as the public may see them: an exempt minute keeps its number, its title and its
 * exemption, and loses its discussion, decisions and actions; declarations on exempt items go.
 */
export function publicRecord(record: MinutesRecord): MinutesRecord {
  const exempt = exemptItems(record);
  return {
    ...record,
    audience: 'public',
    declarations: record.declarations.filter((d) => d.item === undefined || !exempt.has(d.item)),
    minutes: record.minutes.map((m) =>
      m.exempt ? { number: m.number, item: m.item, title: m.title, exempt: m.exempt, withheld: true, resolved: [], actions: [] } : m,
    ),
  };
}

/** The last minutes before `date` (what a minutes paper without `meeting:` shows). */
export function minutesBefore(records: ReadonlyMap<string, MinutesRecord>, date: string): MinutesRecord | undefined {
  return [...records.values()].filter((r) => r.meeting.date < date).sort((a, b) => a.meeting.date.localeCompare(b.meeting.date)).at(-1);
}

/**
 * Which meeting's minutes a minutes paper of the meeting on `date` shows: the meeting it names, or
 * else the last one before it that has minutes. The pack, the confidential split and the site all ask here.
 */
export function minutesShownId(generator: { meeting?: string }, date: string, records: ReadonlyMap<string, MinutesRecord>): string | undefined {
  return generator.meeting ?? minutesBefore(records, date)?.meeting.id;
}

/** The minutes themselves that such a paper shows, from `records` (the public or the confidential view). */
export function minutesShown(generator: { meeting?: string }, date: string, records: ReadonlyMap<string, MinutesRecord>): MinutesRecord | undefined {
  const id = minutesShownId(generator, date, records);
  return id === undefined ? undefined : records.get(id);
}

/**
 * True when a paper this meeting makes from the minutes (the minutes, the action log, the register
 * of interests) would say more in private than in public: the meeting then has a confidential pack.
 */
export function drawsOnExemptMinutes(meeting: Meeting, records: ReadonlyMap<string, MinutesRecord>): boolean {
  const earlier = [...records.values()].filter((r) => r.meeting.date < meeting.date);
  return meeting.items.some((item) =>
    item.papers.some((paper) => {
      switch (paper.generator?.kind) {
        case 'minutes': {
          const record = minutesShown(paper.generator, meeting.date, records);
          return record !== undefined && withholdsAnything(record);
        }
        case 'action-log':
          return earlier.some((r) => r.minutes.some((m) => m.exempt && m.actions.length > 0));
        case 'attendance':
          return earlier.some((r) => r.declarations.some((d) => d.item !== undefined && exemptItems(r).has(d.item)));
        default:
          return false;
      }
    }),
  );
}

/** True when the public view of these minutes leaves something out. */
export function withholdsAnything(record: MinutesRecord): boolean {
  const exempt = exemptItems(record);
  return record.minutes.some((m) => m.exempt) || record.declarations.some((d) => d.item !== undefined && exempt.has(d.item));
}

/** "Minutes of the Meeting held on Tuesday, 17th September, 2019 at 6.00 pm in …". */
/** The minutes' first line: when and where the meeting was held, with the times it sat once the clerk records them. */
export function minutesHeading(board: Board, meeting: Meeting, sat: { started?: string; finished?: string } = {}): string {
  const date = longDate(meeting.date, board.dateStyle);
  const start = sat.started ?? meeting.time;
  if (sat.finished) return `Minutes of the Meeting held on ${date}, ${timeRange(start, sat.finished)}, in ${meeting.venue}`;
  return `Minutes of the Meeting held on ${date} at ${clockTime(start)} in ${meeting.venue}`;
}

/**
 * How the board cites minute `number` of the meeting on `date`: by its reference pattern, or else
 * "62." as the minutes head it and "62" as the action log and other papers cite it.
 */
export function minuteCitation(board: Board, number: number, date: string, place: 'heading' | 'citation'): string {
  const style = board.minutesStyle;
  return minuteReference(style.reference ?? (place === 'heading' ? '{number}.' : '{number}'), number, date, style.shortName);
}

/**
 * A minute's discussion (Markdown) or decision (plain text) with each "[minute: date/number]" mark
 * printed as the board cites that minute, "minute CPB/19/4". Validation has made sure the minute exists.
 */
function citingMinutes(board: Board, text: string, markdown: boolean): string {
  return replaceMinuteMarks(text, (mark) => {
    const cited = minuteInText(minuteCitation(board, mark.number, mark.date, 'citation'), mark.capital);
    return markdown ? markdownText(cited) : cited;
  });
}

/** The label of a minute's decision `index` (from 0) in the board's lettering: a), (a), i), (i) or 1. */
export function letter(index: number, lettering: DecisionLettering = 'a)'): string {
  const alpha = String.fromCharCode(97 + (index % 26));
  switch (lettering) {
    case 'a)':
      return `${alpha})`;
    case '(a)':
      return `(${alpha})`;
    case 'i)':
      return `${romanNumeral(index + 1)})`;
    case '(i)':
      return `(${romanNumeral(index + 1)})`;
    case '1.':
      return `${index + 1}.`;
  }
}

/** 1 → i, 4 → iv, 9 → ix, 14 → xiv: lower-case Roman numerals, as minutes letter decisions. */
function romanNumeral(n: number): string {
  const parts: [number, string][] = [[1000, 'm'], [900, 'cm'], [500, 'd'], [400, 'cd'], [100, 'c'], [90, 'xc'], [50, 'l'], [40, 'xl'], [10, 'x'], [9, 'ix'], [5, 'v'], [4, 'iv'], [1, 'i']];
  let out = '';
  for (const [value, numeral] of parts) for (; n >= value; n -= value) out += numeral;
  return out;
}
