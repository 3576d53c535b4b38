/**
 * The members' training plan (training.yaml), with the share of members who attended each
 * session worked out from its attendance list and the membership. Pure.
 */
import type { Board, Member } from './board.js';
import { longDate } from '../domain/dates.js';
import type { MemberKind, TrainingData, TrainingSessionData } from '../domain/types.js';
import { percentOf } from '../domain/numbers.js';
import { listWords } from '../domain/words.js';
import { onBoard, printedName } from './membership.js';

const ISO = /^\d{4}-\d{2}-\d{2}$/;

/** Who counts towards the percentage attending when training.yaml does not say. */
export const DEFAULT_COUNTED: readonly MemberKind[] = ['elected', 'co-opted'];

const KIND_WORDS: Record<MemberKind, string> = {
  elected: 'elected',
  'co-opted': 'co-opted',
  officer: 'officer',
  'young-person': "young people's representative",
};

/** How a substitute's kind of member is printed beside their name. */
const SUBSTITUTE_KIND: Record<MemberKind, string> = {
  elected: 'elected member',
  'co-opted': 'co-opted member',
  officer: 'officer',
  'young-person': "young people's representative",
};

export interface SessionAttendance {
  /** Counted members who attended. */
  attended: number;
  /** All counted members of the board on the day of the session (board.yaml's joined and left). */
  of: number;
  percentage: number;
}

/** Someone who attended in place of a member of the board. */
export interface Substitute {
  name: string;
  kind: MemberKind;
  /** The member they stood in for. */
  for: Member;
  /** They count for that member's seat: a counted kind, and the member did not attend too. */
  counted: boolean;
}

export interface TrainingSession {
  data: TrainingSessionData;
  /** Everyone recorded as attending, counted or not. */
  attendees: Member[];
  substitutes: Substitute[];
  /** Undefined until attendance is recorded. */
  attendance?: SessionAttendance;
}

export interface TrainingPlan {
  title: string;
  /** The introduction's Markdown, as written. */
  intro?: string;
  counted: readonly MemberKind[];
  countedMembers: Member[];
  sessions: TrainingSession[];
}

export function trainingPlan(board: Board, data: TrainingData): TrainingPlan {
  const counted = data.counted?.length ? data.counted : DEFAULT_COUNTED;
  const countedMembers = board.members.filter((m) => counted.includes(m.kind));
  return {
    title: data.title ?? "Members' training plan",
    ...(data.intro ? { intro: data.intro } : {}),
    counted,
    countedMembers,
    sessions: data.sessions.map((session) => {
      const attendees = (session.attended ?? []).map((id) => board.member(id)).filter((m) => m !== undefined);
      const substitutes = (session.substitutes ?? []).flatMap((s): Substitute[] => {
        const member = board.member(s.for);
        if (!member) return [];
        return [{ name: s.name, kind: s.kind, for: member, counted: counted.includes(s.kind) && counted.includes(member.kind) && !attendees.includes(member) }];
      });
      // Each seat counts once: a substitute stands for the member whose seat they fill.
      const seats = new Set([...attendees.filter((m) => counted.includes(m.kind)), ...substitutes.filter((s) => s.counted).map((s) => s.for)]);
      const attended = seats.size;
      // A dated session counts only those on the board that day; words ("Spring 2020") count everyone.
      const of = session.date !== undefined && ISO.test(session.date) ? countedMembers.filter((m) => onBoard(m, session.date!)).length : countedMembers.length;
      return {
        data: session,
        attendees,
        substitutes,
        ...(session.attended && of ? { attendance: { attended, of, percentage: percentOf(attended, of) } } : {}),
      };
    }),
  };
}

/** What templates/fragments/training-plan.hbs receives. */
export interface TrainingPlanView {
  boardName: string;
  title: string;
  /** The introduction's Markdown; the renderer turns it into HTML. */
  intro?: string;
  /** Which members the percentages are of, in a sentence. */
  basis: string;
  sessions: {
    subject: string;
    outcomes: string[];
    priority: string;
    date: string;
    dateIso?: string;
    deliveredBy: string;
    format: string;
    audience: string;
    attendance: string;
    attendees: string;
    /** "Councillor Jo Bell (elected member, substituting for County Councillor Ian Brown)". */
    substitutes?: string;
    notes?: string;
  }[];
  summary?: string;
  empty?: string;
}


export function trainingPlanView(board: Board, plan: TrainingPlan): TrainingPlanView {
  const kinds = listWords(plan.counted.map((k) => KIND_WORDS[k]));
  const held = plan.sessions.filter((s) => s.attendance);
  const mean = held.length ? Math.round(held.reduce((sum, s) => sum + s.attendance!.percentage, 0) / held.length) : undefined;
  return {
    boardName: board.name,
    title: plan.title,
    ...(plan.intro ? { intro: plan.intro } : {}),
    basis:
      (plan.countedMembers.some((m) => m.joined || m.left)
        ? `Percentages attending are of the board's ${kinds} members on the day of each session.`
        : `Percentages attending are of the board's ${plan.countedMembers.length} ${kinds} members.`) +
      (plan.counted.length < 4 ? ' Others who attend are listed but not counted.' : '') +
      (plan.sessions.some((s) => s.substitutes.length) ? " A substitute of a counted kind counts for the seat of the member they stood in for." : ''),
    sessions: plan.sessions.map((s) => {
      const d = s.data;
      const date = d.date === undefined ? 'To be arranged' : ISO.test(d.date) ? longDate(d.date, board.dateStyle) : capitalise(d.date);
      return {
        subject: d.subject,
        outcomes: d.outcomes ?? [],
        priority: d.priority ?? '',
        date,
        ...(d.date && ISO.test(d.date) ? { dateIso: d.date } : {}),
        deliveredBy: d.delivered_by ?? '',
        format: d.format ?? '',
        audience: d.audience ?? '',
        attendance: s.attendance ? `${s.attendance.percentage}% (${s.attendance.attended} of ${s.attendance.of})` : 'Not yet held',
        attendees: s.attendees.map((m) => (m.kind === 'young-person' ? m.name : m.fullName)).join(', '),
        ...(s.substitutes.length
          ? { substitutes: s.substitutes.map((sub) => `${sub.name} (${SUBSTITUTE_KIND[sub.kind]}, substituting for ${printedName(sub.for)})`).join(', ') }
          : {}),
        ...(d.notes ? { notes: d.notes } : {}),
      };
    }),
    ...(held.length
      ? { summary: `${held.length} of ${plan.sessions.length} sessions held; on average ${mean}% of ${kinds} members attended each.` }
      : {}),
    ...(plan.sessions.length ? {} : { empty: 'No training sessions are planned.' }),
  };
}

function capitalise(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}
