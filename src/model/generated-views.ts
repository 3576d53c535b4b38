/**
 * What each paper made from data shows, computed from the board model: the templates in
 * templates/fragments/ receive these views, with only their Markdown turned into HTML.
 */
import { actionLog } from './action-log.js';
import { attendanceRegister, attendanceView, type AttendanceView } from './attendance.js';
import { minutesFor, type BoardModel } from './board-model.js';
import { forwardPlan, forwardPlanView, type ForwardPlanView } from './forward-plan.js';
import { scheduleView, type ScheduleView } from './schedule.js';
import { municipalYear, municipalYearLabel } from '../domain/municipal-year.js';
import { plural } from '../domain/words.js';
import type { DataTableView } from './data-table.js';
import { longDate } from '../domain/dates.js';
import type { Generator, Meeting } from './meeting.js';
import { membershipView, type MembershipView } from './membership.js';
import { ownerName } from './board.js';
import { minuteOwners, placeActions } from './minutes-actions.js';
import { letter, minuteCitation, minutesHeading, minutesShown, type Audience, type MinutesRecord } from './minutes.js';
import { performanceReportView, type PerformanceReportView } from './performance-view.js';
import { planReportView } from './plan-view.js';
import { trainingPlanView, type TrainingPlanView } from './training-plan.js';

export type GeneratedView =
  | { kind: 'minutes'; record: MinutesRecord }
  | { kind: 'action-log'; view: ActionLogView }
  | { kind: 'schedule'; view: ScheduleView }
  | { kind: 'forward-plan'; view: ForwardPlanView }
  | { kind: 'training-plan'; view: TrainingPlanView }
  | { kind: 'membership'; view: MembershipView; termsOfReference?: string }
  | { kind: 'attendance'; view: AttendanceView }
  | { kind: 'table'; view: DataTableView; notes?: string }
  | { kind: 'plan'; view: ReturnType<typeof planReportView> }
  | { kind: 'performance'; view: PerformanceReportView };

/**
 * The view of a paper made from data for `meeting`, for `audience` ('public' for the public and
 * supplementary packs, papers on their own and the website; 'confidential' for the confidential
 * pack, which picks the full minutes). Validation has checked that what it is made from exists;
 * a missing source here is a bug.
 */
export function generatedView(model: BoardModel, meeting: Meeting, generator: Generator, audience: Audience): GeneratedView {
  const { board } = model;
  switch (generator.kind) {
    case 'minutes':
      return { kind: 'minutes', record: paperMinutes(model, meeting, audience, generator.meeting) };
    case 'action-log':
      return { kind: 'action-log', view: actionLogView(model, meeting, audience, generator.lastUpdated) };
    case 'schedule':
      return { kind: 'schedule', view: scheduleView(board, model.calendar, generator.year ?? municipalYear(meeting.date)) };
    case 'forward-plan': {
      const plan = forwardPlan(board, model.calendar, meeting.date, model.forwardPlan, model.deadlines, model.bankHolidays, {
        ...(generator.includeThisMeeting ? { includeThisMeeting: true } : {}),
        typed: model.typedDeadlines,
      });
      return { kind: 'forward-plan', view: forwardPlanView(board, plan, model.deadlines) };
    }
    case 'training-plan':
      if (!model.training) throw new Error(`no training.yaml in ${model.dir}`);
      return { kind: 'training-plan', view: trainingPlanView(board, model.training) };
    case 'membership':
      return { kind: 'membership', view: membershipView(board, meeting.date), ...(model.termsOfReference !== undefined ? { termsOfReference: model.termsOfReference } : {}) };
    case 'attendance': {
      const register = attendanceRegister(board, model.meetings, minutesFor(model, audience), meeting.date, generator.year);
      return { kind: 'attendance', view: attendanceView(board, register, generator.year !== undefined ? municipalYearLabel(generator.year) : undefined) };
    }
    case 'table': {
      const table = model.tables.get(generator.table);
      if (!table) throw new Error(`no table ${generator.table} in ${model.dir}`);
      return { kind: 'table', view: table.view, ...(table.notes ? { notes: table.notes } : {}) };
    }
    case 'plan': {
      const plan = model.plans.get(generator.plan);
      if (!plan) throw new Error(`no plan ${generator.plan} in ${model.dir}`);
      return { kind: 'plan', view: planReportView(plan, model.rag, { show: generator.show, asOf: meeting.date }) };
    }
    case 'performance': {
      const report = model.performance.get(generator.year);
      if (!report) throw new Error(`no figures for ${generator.year}`);
      return { kind: 'performance', view: performanceReportView(report, model.rag, generator.year) };
    }
  }
}

/** Which minutes a paper shows: those of `meetingId`, by default the last meeting before this one that has minutes. */
export function paperMinutes(model: BoardModel, meeting: Meeting, audience: Audience, meetingId?: string): MinutesRecord {
  const record = minutesShown(meetingId ? { meeting: meetingId } : {}, meeting.date, minutesFor(model, audience));
  if (!record) throw new Error(`no minutes of ${meetingId ?? 'an earlier meeting'} to include`);
  return record;
}

export type ActionLogView = ReturnType<typeof actionLogView>;

/** The action log as it stands for this meeting: every earlier action, with its progress. */
function actionLogView(model: BoardModel, meeting: Meeting, audience: Audience, lastUpdatedSet?: string) {
  const { board } = model;
  const log = actionLog(board, minutesFor(model, audience), model.actionUpdates, meeting.date);
  // The clerk's date when the agenda gives one, else the newest update's.
  const lastUpdated = lastUpdatedSet ?? log.lastUpdated;
  const short = (iso: string) => iso.split('-').reverse().join('.').replace(/^(\d\d)\.(\d\d)\.\d\d(\d\d)$/, '$1.$2.$3');
  return {
    boardName: board.name,
    lastUpdated: lastUpdated ? longDate(lastUpdated, board.dateStyle) : undefined,
    groups: log.groups.map((g) => ({
      heading: g.heading,
      actions: g.actions.map((a) => ({
        minute: a.minuteReference,
        exempt: a.exempt,
        itemTitle: a.itemTitle,
        owners: a.ownerIds.map((o) => ownerName(board, o, board.logOwners)).join(', '),
        action: a.action,
        due: a.due ? longDate(a.due, board.dateStyle) : undefined,
        updates: a.updates.map((u) => `${short(u.date)}: ${u.text}`),
        status: !a.updated && board.statusWords.notUpdated !== undefined ? board.statusWords.notUpdated : board.statusWords[a.status],
        statusClass: a.status,
        overdue: a.overdue,
        chase: a.chase,
      })),
    })),
    summary: actionSummary(log.groups.flatMap((g) => g.actions)),
  };
}

function actionSummary(actions: { overdue: boolean; status: string }[]): string {
  const total = actions.length;
  const open = actions.filter((a) => a.status !== 'completed').length;
  const overdue = actions.filter((a) => a.overdue).length;
  return `${plural(total, 'action')}: ${open} not completed, ${overdue} overdue.`;
}

/** The minutes as templates/fragments/minutes.hbs receives them, each discussion still Markdown. */
export function minutesView(model: Pick<BoardModel, 'board'>, record: MinutesRecord) {
  const { board } = model;
  const style = board.minutesStyle;
  // Several decisions are lettered; a single one too where the council letters it.
  const lettered = (count: number) => count > 1 || (count === 1 && style.letterSingle);
  const chair = board.members.find((m) => m.id === record.meeting.chair) ?? board.members.find((m) => /^chair\b/i.test(m.role ?? ''));
  return {
    council: board.council,
    boardName: board.name,
    heading: minutesHeading(board, record.meeting, record),
    draft: record.approvedAt === undefined,
    approvedAt: record.approvedAt ? longDate(record.approvedAt, board.dateStyle) : undefined,
    attendance: record.attendance,
    apologies: record.apologies,
    apologyGroups: style.apologiesByGroup ? record.apologyGroups : [],
    declarations: record.declarations,
    minutes: record.minutes.map((m) => {
      const placed = placeActions(board, m.discussion, m.actions);
      return {
        number: m.number,
        reference: minuteCitation(board, m.number, record.meeting.date, 'heading'),
        title: m.title,
        ...(m.exempt ? { exempt: m.exempt } : {}),
        withheld: m.withheld === true,
        discussion: placed.discussion,
        resolved: m.resolved.map((text, i) => ({ text, label: lettered(m.resolved.length) ? letter(i, style.lettering) : undefined })),
        severalResolved: lettered(m.resolved.length),
        actions: placed.after.map((a) => ({
          action: a.action,
          owners: minuteOwners(board, a),
          due: a.due ? longDate(a.due, 'plain') : undefined,
        })),
      };
    }),
    chair: chair?.fullName,
    decisionWording: style.decisionWording,
    signatureTitle: style.signatureTitle,
  };
}

/**
 * Every Markdown text of the board's own that a paper made from data may show (minutes'
 * discussions, tables' notes, performance commentary, the terms of reference): load reads the
 * images they refer to before rendering.
 */
export function boardMarkdown(model: BoardModel): string[] {
  return [
    ...[...model.confidentialMinutes.values()].flatMap((r) => r.minutes.flatMap((m) => (m.discussion ? [m.discussion] : []))),
    ...[...model.tables.values()].flatMap((t) => (t.notes ? [t.notes] : [])),
    ...[...model.performance.values()].flatMap((r) => r.groups.flatMap((g) => (g.commentary ? [g.commentary] : []))),
    ...(model.termsOfReference ? [model.termsOfReference] : []),
  ];
}
