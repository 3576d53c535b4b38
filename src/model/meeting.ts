import { resolve } from 'node:path';
import type { Board } from './board.js';
import type { ExemptionData, ItemData, MeetingData, PaperData, PresenterData } from '../domain/types.js';
import { municipalYearOf } from '../domain/municipal-year.js';

/** Kept here for callers that import it with meetings; the rule lives in domain/municipal-year.ts. */

export interface Presenter {
  name: string;
  post?: string;
  service?: string;
}

/**
 * How a paper's content is made: from Markdown, from a Word document, inserted as a PDF, or
 * generated from the board's data (minutes, action log, RAG reports…).
 */
export type PaperFormat = 'markdown' | 'docx' | 'pdf' | 'generated';

/** What a generated paper is made from. */
export type Generator =
  | { kind: 'minutes'; meeting?: string }
  /** `lastUpdated`: the date the log says it was last updated, when the clerk sets it. */
  | { kind: 'action-log'; lastUpdated?: string }
  | { kind: 'plan'; plan: string; show: 'open' | 'all' }
  | { kind: 'performance'; year: string }
  /** `year`: the municipal year by the year it starts; the meeting's own when absent. */
  | { kind: 'schedule'; year?: number }
  /** `includeThisMeeting`: the plan starts with the meeting the paper goes to. */
  | { kind: 'forward-plan'; includeThisMeeting?: boolean }
  | { kind: 'training-plan' }
  | { kind: 'membership' }
  | { kind: 'attendance'; year?: number }
  /** `table`: the table's file, relative to the board folder. */
  | { kind: 'table'; table: string };

export interface Paper {
  title: string;
  /** As written in meeting.yaml, relative to the meeting folder ('' for a generated paper). */
  file: string;
  /** Absolute path ('' for a generated paper). */
  path: string;
  format: PaperFormat;
  generator?: Generator;
  /** A corrected version published after the agenda (meeting.yaml's `republished`). */
  republished?: Republication;
}

export interface Republication {
  /** YYYY-MM-DD. */
  date: string;
  note?: string;
}

export interface Exemption {
  paragraph: number;
  /** The public reason: as given, or the paragraph's own description. */
  reason: string;
}

export interface AgendaItem {
  number: number;
  title: string;
  purpose?: string;
  standing: boolean;
  /** The key-decision reference, as given. */
  keyDecision?: string;
  /** What the forward plan prints against the item. */
  forwardPlanNote?: string;
  presenter?: Presenter;
  showsNextMeeting: boolean;
  papers: Paper[];
  exempt?: Exemption;
  late: boolean;
  urgency?: string;
}

export interface Meeting {
  /** The meeting's folder name, which is its date. */
  id: string;
  date: string;
  time: string;
  venue: string;
  status: 'planned' | 'held' | 'cancelled';
  chair?: string;
  notices: string[];
  items: AgendaItem[];
  /**
   * Set by the board model: a paper of this meeting made from minutes (the minutes, the action log,
   * the register of interests) holds exempt business, so the meeting has a confidential pack.
   */
  drawsOnExemptMinutes?: boolean;
  nextMeeting?: { date: string; time: string; venue?: string };
}

/**
 * The typed meeting. `meetingDir` only resolves paper paths (no file is touched), which keeps
 * the model pure. Members are looked up on the board; validation has checked they exist.
 */
export function buildMeeting(
  data: MeetingData,
  board: Board,
  meetingDir: string,
  schedule12A: ReadonlyMap<number, string> = new Map(),
): Meeting {
  let previous = 0;
  return {
    id: data.date,
    date: data.date,
    time: data.time,
    venue: data.venue,
    status: data.status ?? 'planned',
    ...(data.chair ? { chair: data.chair } : {}),
    notices: data.notices ?? [],
    items: data.items.map((item) => buildItem(item, (previous = item.number ?? previous + 1), board, meetingDir, schedule12A)),
    ...(data.next_meeting ? { nextMeeting: data.next_meeting } : {}),
  };
}

function buildItem(data: ItemData, number: number, board: Board, meetingDir: string, schedule12A: ReadonlyMap<number, string>): AgendaItem {
  return {
    number,
    title: data.title,
    ...(data.purpose ? { purpose: data.purpose } : {}),
    standing: data.standing ?? false,
    ...(data.key_decision ? { keyDecision: data.key_decision } : {}),
    ...(data.forward_plan_note ? { forwardPlanNote: data.forward_plan_note } : {}),
    ...(data.presenter ? { presenter: buildPresenter(data.presenter, board) } : {}),
    showsNextMeeting: data.shows_next_meeting ?? false,
    papers: (data.papers ?? []).map((p) => buildPaper(p, meetingDir)),
    ...(data.exempt ? { exempt: exemption(data.exempt, schedule12A) } : {}),
    late: data.late ?? false,
    ...(data.urgency ? { urgency: data.urgency } : {}),
  };
}

/** An item's or a minute's exemption, with its public reason: as given, or the paragraph's own words. */
export function exemption(data: ExemptionData, schedule12A: ReadonlyMap<number, string>): Exemption {
  return { paragraph: data.paragraph, reason: data.reason ?? schedule12A.get(data.paragraph) ?? `paragraph ${data.paragraph}` };
}

function buildPresenter(data: PresenterData, board: Board): Presenter {
  const member = data.member ? board.member(data.member) : undefined;
  const post = data.post ?? member?.post;
  const service = data.service ?? member?.service;
  return {
    name: member?.shortName ?? data.name ?? data.member ?? '',
    ...(post ? { post } : {}),
    ...(service ? { service } : {}),
  };
}

function buildPaper(data: PaperData, meetingDir: string): Paper {
  const republished = data.republished ? { republished: { date: data.republished.date, ...(data.republished.note ? { note: data.republished.note } : {}) } } : {};
  if (data.file !== undefined) return { title: data.title, file: data.file, path: resolve(meetingDir, data.file), format: formatOf(data.file), ...republished };
  return { title: data.title, file: '', path: '', format: 'generated', generator: generatorOf(data), ...republished };
}

function generatorOf(data: PaperData): Generator {
  switch (data.generate) {
    case 'plan':
      return { kind: 'plan', plan: data.plan ?? '', show: data.show ?? 'open' };
    case 'performance':
      return { kind: 'performance', year: String(data.year ?? '') };
    case 'schedule':
    case 'attendance': {
      const year = municipalYearOf(data.year);
      return { kind: data.generate, ...(year !== undefined ? { year } : {}) };
    }
    case 'forward-plan':
      return { kind: 'forward-plan', ...(data.include_this_meeting ? { includeThisMeeting: true } : {}) };
    case 'training-plan':
    case 'membership':
      return { kind: data.generate };
    case 'table':
      return { kind: 'table', table: data.table ?? '' };
    case 'action-log':
      return { kind: 'action-log', ...(data.last_updated ? { lastUpdated: data.last_updated } : {}) };
    default:
      return { kind: 'minutes', ...(data.meeting ? { meeting: data.meeting } : {}) };
  }
}

export function formatOf(file: string): PaperFormat {
  const lower = file.toLowerCase();
  if (lower.endsWith('.pdf')) return 'pdf';
  if (lower.endsWith('.docx')) return 'docx';
  return 'markdown';
}
