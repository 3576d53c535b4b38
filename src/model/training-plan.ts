/**
 * The members' training plan (training.yaml), with the share of members who attended each
 * session worked out from its attendance list and the membership. Pure.
 */
import type { Board, Member } from './board.js';
import { longDate } from '../domain/dates.js';
import type { MemberKind, TrainingData, TrainingSessionData } from '../domain/types.js';
import { percentOf } from '../domain/numbers.js';
import { listWords } from '../domain/words.js';

/** Who counts towards the percentage attending when training.yaml does not say. */
export const DEFAULT_COUNTED: readonly MemberKind[] = ['elected', 'co-opted'];

const KIND_WORDS: Record<MemberKind, string> = {
  elected: 'elected',
  'co-opted': 'co-opted',
  officer: 'officer',
  'young-person': "young people's representative",
};

export interface SessionAttendance {
  /** Counted members who attended. */
  attended: number;
  /** All counted members of the board. */
  of: number;
  percentage: number;
}

export interface TrainingSession {
  data: TrainingSessionData;
  /** Everyone recorded as attending, counted or not. */
  attendees: Member[];
  /** Undefined until attendance is recorded. */
  attendance?: SessionAttendance;
}

export interface TrainingPlan {
  title: string;
  counted: readonly MemberKind[];
  countedMembers: Member[];
  sessions: TrainingSession[];
}

export function trainingPlan(board: Board, data: TrainingData): TrainingPlan {
  const counted = data.counted?.length ? data.counted : DEFAULT_COUNTED;
  const countedMembers = board.members.filter((m) => counted.includes(m.kind));
  return {
    title: data.title ?? "Members' training plan",
    counted,
    countedMembers,
    sessions: data.sessions.map((session) => {
      const attendees = (session.attended ?? []).map((id) => board.member(id)).filter((m) => m !== undefined);
      const attended = attendees.filter((m) => counted.includes(m.kind)).length;
      return {
        data: session,
        attendees,
        ...(session.attended && countedMembers.length
          ? { attendance: { attended, of: countedMembers.length, percentage: percentOf(attended, countedMembers.length) } }
          : {}),
      };
    }),
  };
}

/** What templates/fragments/training-plan.hbs receives. */
export interface TrainingPlanView {
  boardName: string;
  title: string;
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
    notes?: string;
  }[];
  summary?: string;
  empty?: string;
}

const ISO = /^\d{4}-\d{2}-\d{2}$/;

export function trainingPlanView(board: Board, plan: TrainingPlan): TrainingPlanView {
  const kinds = listWords(plan.counted.map((k) => KIND_WORDS[k]));
  const held = plan.sessions.filter((s) => s.attendance);
  const mean = held.length ? Math.round(held.reduce((sum, s) => sum + s.attendance!.percentage, 0) / held.length) : undefined;
  return {
    boardName: board.name,
    title: plan.title,
    basis:
      `Percentages attending are of the board's ${plan.countedMembers.length} ${kinds} members.` +
      (plan.counted.length < 4 ? ' Others who attend are listed but not counted.' : ''),
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
