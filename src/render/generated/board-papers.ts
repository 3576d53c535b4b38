/**
 * The board's own papers, made from its data: the schedule of meetings, the forward plan, the
 * members' training plan, the membership and terms of reference, attendance, and tables.
 */
import { normalize, relative } from 'node:path';
import { tableSourcePath } from '../../load/board-folder.js';
import { loadBankHolidays } from '../../load/bank-holidays.js';
import { attendanceRegister, attendanceView } from '../../model/attendance.js';
import { minutesFor } from '../../model/board-model.js';
import { boardCalendar, deadlineRules, forwardPlan, forwardPlanView, municipalYearLabel, scheduleView } from '../../model/board-calendar.js';
import { dataTable } from '../../model/data-table.js';
import { membershipView } from '../../model/membership.js';
import { municipalYear } from '../../model/minutes.js';
import { trainingPlan, trainingPlanView } from '../../model/training-plan.js';
import type { BoardData, ForwardPlanData, TableData, TableValue, TrainingData } from '../../model/types.js';
import type { PaperContent } from '../paper-content.js';
import { renderMarkdown } from '../markdown.js';
import type { GeneratorContext } from './context.js';

function boardData(ctx: GeneratorContext): BoardData {
  return ctx.model.sources.board.data as BoardData;
}

function calendarOf(ctx: GeneratorContext) {
  return boardCalendar(ctx.model.meetings, boardData(ctx).schedule);
}

/** The meetings of a municipal year (by default the one the meeting falls in), from folders and schedule. */
export async function schedulePaper(ctx: GeneratorContext, year?: number): Promise<PaperContent> {
  const view = scheduleView(ctx.model.board, calendarOf(ctx), year ?? municipalYear(ctx.meeting.date));
  return { format: 'html', html: await ctx.renderer.renderFragment('schedule', view), warnings: [] };
}

/** Meetings after this one, their items and report deadlines, then the items still to be scheduled. */
export async function forwardPlanPaper(ctx: GeneratorContext): Promise<PaperContent> {
  const rules = deadlineRules(boardData(ctx).deadlines);
  const data = ctx.model.sources.forwardPlan?.data as ForwardPlanData | undefined;
  const plan = forwardPlan(ctx.model.board, calendarOf(ctx), ctx.meeting.date, data, rules, await loadBankHolidays());
  return { format: 'html', html: await ctx.renderer.renderFragment('forward-plan', forwardPlanView(ctx.model.board, plan, rules)), warnings: [] };
}

export async function trainingPlanPaper(ctx: GeneratorContext): Promise<PaperContent> {
  const source = ctx.model.sources.training;
  // Validation has checked that training.yaml exists; reaching this is a bug.
  if (!source) throw new Error(`no training.yaml in ${ctx.model.dir}`);
  const view = trainingPlanView(ctx.model.board, trainingPlan(ctx.model.board, source.data as TrainingData));
  return { format: 'html', html: await ctx.renderer.renderFragment('training-plan', view), warnings: [] };
}

export async function membershipPaper(ctx: GeneratorContext): Promise<PaperContent> {
  const terms = ctx.model.sources.termsOfReference;
  const rendered = terms ? await renderMarkdown(terms.text, { baseDir: ctx.model.dir, boardDir: ctx.model.dir }) : undefined;
  const view = { ...membershipView(ctx.model.board), ...(rendered ? { termsOfReference: rendered.html } : {}) };
  return { format: 'html', html: await ctx.renderer.renderFragment('membership', view), warnings: rendered?.warnings ?? [] };
}

/** Attendance and the register of interests; in public, without declarations on exempt items. */
export async function attendancePaper(ctx: GeneratorContext, year?: number): Promise<PaperContent> {
  const register = attendanceRegister(ctx.model.board, ctx.model.meetings, minutesFor(ctx.model, ctx.audience), ctx.meeting.date, year);
  const view = attendanceView(ctx.model.board, register, year !== undefined ? municipalYearLabel(year) : undefined);
  return { format: 'html', html: await ctx.renderer.renderFragment('attendance', view), warnings: [] };
}

export async function tablePaper(ctx: GeneratorContext, tablePath: string): Promise<PaperContent> {
  const { sources } = ctx.model;
  const source = (sources.tables ?? []).find((t) => relative(sources.dir, t.path) === normalize(tablePath));
  // Validation has checked that the table and its CSV exist; reaching this is a bug.
  if (!source) throw new Error(`no table ${tablePath} in ${sources.dir}`);
  const data = source.data as TableData;
  let rows: Record<string, TableValue>[] = data.rows ?? [];
  const csvPath = tableSourcePath(source);
  if (csvPath) {
    const csv = (sources.tableData ?? []).find((c) => c.path === csvPath);
    if (!csv) throw new Error(`no CSV ${csvPath} for ${tablePath}`);
    rows = csv.rows.map((r) => r.cells);
  }
  const notes = data.notes ? await renderMarkdown(data.notes, { baseDir: ctx.model.dir, boardDir: ctx.model.dir }) : undefined;
  const view = { ...dataTable(data, rows), ...(notes ? { notes: notes.html } : {}) };
  return { format: 'html', html: await ctx.renderer.renderFragment('table', view), warnings: notes?.warnings ?? [] };
}
