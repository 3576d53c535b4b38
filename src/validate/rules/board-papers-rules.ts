import { isAbsolute, relative } from 'node:path';
import type { Problem } from '../../errors.js';
import { tableSourcePath } from '../../load/board-folder.js';
import { cellPosition, type CsvSource } from '../../load/csv-file.js';
import type { YamlSource } from '../../load/source.js';
import type { ForwardPlanData, MeetingData, TableData, TrainingData } from '../../domain/types.js';
import { didYouMean } from '../did-you-mean.js';
import { parseFigure } from '../../domain/figure-value.js';
import { at, usable, type RuleContext } from './context.js';
import { CLEAR_DAYS_REQUIRED, unknownMember } from './meeting-rules.js';

// The data behind the board's own papers: schedule, deadlines, training, forward plan and tables.

/** board.yaml's schedule: dates typed once, moves that lead somewhere. */
export function scheduleProblems(ctx: RuleContext): Problem[] {
  const schedule = ctx.board.schedule ?? [];
  const folders = new Set(ctx.loaded.meetings.filter((m) => m.meeting).map((m) => m.id));
  const dates = new Set(schedule.map((s) => s.date));
  const seen = new Set<string>();
  const problems: Problem[] = [];
  schedule.forEach((entry, i) => {
    if (folders.has(entry.date)) {
      problems.push(at(ctx.loaded.board, ['schedule', i, 'date'], `the meeting of ${entry.date} has a folder in meetings/, so this entry is not used`, 'board/schedule-has-folder', {
        severity: 'warning',
        hint: `Remove it from schedule: meetings/${entry.date}/meeting.yaml now gives the meeting's date, time, venue and status.`,
      }));
    }
    if (seen.has(entry.date)) {
      problems.push(at(ctx.loaded.board, ['schedule', i, 'date'], `${entry.date} is in the schedule twice`, 'board/schedule-duplicate', {
        hint: 'List each meeting date once; a meeting that moves gets status: moved and moved_to.',
      }));
    }
    seen.add(entry.date);
    if (entry.moved_to && !folders.has(entry.moved_to) && !dates.has(entry.moved_to)) {
      problems.push(at(ctx.loaded.board, ['schedule', i, 'moved_to'], `the meeting is moved to ${entry.moved_to}, but no meeting is scheduled on that date`, 'board/schedule-moved-to', {
        severity: 'warning',
        hint: `Add ${entry.moved_to} to schedule, or create its folder with \`cpb new meeting ${entry.moved_to}\`.`,
      }));
    }
  });
  return problems;
}

export function deadlineProblems(ctx: RuleContext): Problem[] {
  const d = ctx.board.deadlines;
  if (!d) return [];
  const problems: Problem[] = [];
  if (d.despatch !== undefined && d.despatch < CLEAR_DAYS_REQUIRED + 1) {
    problems.push(at(ctx.loaded.board, ['deadlines', 'despatch'], `despatch ${d.despatch} working days before a meeting leaves fewer than the ${CLEAR_DAYS_REQUIRED} clear working days the law asks for`, 'board/despatch-notice', {
      severity: 'warning',
      hint: `Despatch at least ${CLEAR_DAYS_REQUIRED + 1} working days before: neither the day of despatch nor the day of the meeting counts.`,
    }));
  }
  const draft = d.draft_to_lead ?? 15;
  const final = d.final_to_democratic_services ?? 10;
  const despatch = d.despatch ?? 6;
  if (!(draft > final && final > despatch)) {
    problems.push(at(ctx.loaded.board, ['deadlines'], `the deadlines are out of order: drafts ${draft}, final reports ${final} and despatch ${despatch} working days before the meeting`, 'board/deadline-order', {
      severity: 'warning',
      hint: 'Drafts go to the lead officer first, final reports to Democratic Services later, and the agenda is despatched last.',
    }));
  }
  return problems;
}

const ISO = /^\d{4}-\d{2}-\d{2}$/;

/** Who attended each session must be members; attendance wants a session that has happened. */
export function trainingProblems(source: YamlSource, ctx: RuleContext): Problem[] {
  const problems: Problem[] = [];
  (source.data as TrainingData).sessions.forEach((session, i) => {
    session.attended?.forEach((id, j) => {
      if (!ctx.memberIds.includes(id)) problems.push(unknownMember(source, id, ['sessions', i, 'attended', j], ctx.memberIds));
    });
    if (!session.attended) return;
    if (!session.date || !ISO.test(session.date)) {
      problems.push(at(source, ['sessions', i, ...(session.date ? ['date'] : [])], `attendance is recorded for '${session.subject}', which has no date`, 'training/attended-undated', {
        severity: 'warning',
        hint: 'Give the date the session was held, YYYY-MM-DD; leave attended out until it has been.',
      }));
    } else if (session.date > ctx.today) {
      problems.push(at(source, ['sessions', i, 'attended'], `attendance is recorded for '${session.subject}' on ${session.date}, which is still to come`, 'training/attended-future', {
        severity: 'warning',
        hint: 'Leave attended out until the session has been held.',
      }));
    }
  });
  return problems;
}

const MEMBER_ID = /^[a-z0-9]+(-[a-z0-9]+)+$/;

/** Leads given as member ids must be members; an item on a planned agenda is no longer waiting. */
export function forwardPlanProblems(source: YamlSource, ctx: RuleContext): Problem[] {
  const planned = ctx.loaded.meetings.flatMap((m) => {
    const data = usable(m.meeting, ctx) ? (m.meeting.data as MeetingData) : undefined;
    return data && (data.status ?? 'planned') === 'planned' ? data.items.map((item) => ({ date: data.date, title: item.title.trim().toLowerCase() })) : [];
  });
  const problems: Problem[] = [];
  (source.data as ForwardPlanData).to_be_scheduled.forEach((item, i) => {
    if (item.lead && MEMBER_ID.test(item.lead) && !ctx.memberIds.includes(item.lead)) {
      problems.push(unknownMember(source, item.lead, ['to_be_scheduled', i, 'lead'], ctx.memberIds));
    }
    const on = planned.find((p) => p.title === item.title.trim().toLowerCase());
    if (on) {
      problems.push(at(source, ['to_be_scheduled', i, 'title'], `'${item.title}' is already on the agenda of the meeting of ${on.date}`, 'forward-plan/already-scheduled', {
        severity: 'warning',
        hint: 'Remove it from to_be_scheduled: the forward plan lists it under that meeting.',
      }));
    }
  });
  return problems;
}

/**
 * A table's rows exist and have the fields its columns name; numbers are numbers. A CSV shared by
 * several tables is reported once: `reported` holds those already done.
 */
export function tableProblems(source: YamlSource, ctx: RuleContext, reported: Set<string>): Problem[] {
  const data = source.data as TableData;
  const problems: Problem[] = [];
  data.columns.forEach((c, i) => {
    if ((c.format ?? 'text') === 'text' && c.total && c.total !== 'none') {
      problems.push(at(source, ['columns', i, 'total'], `column '${c.field}' is text, so it cannot have a ${c.total}`, 'table/total-on-text', {
        hint: 'Give the column format: number or percentage, or leave total out.',
      }));
    }
  });

  let fields: string[] | undefined;
  let csv: CsvSource | undefined;
  const path = tableSourcePath(source);
  if (path && data.source) {
    const rel = relative(ctx.loaded.dir, path);
    csv = (ctx.loaded.tableData ?? []).find((c) => c.path === path);
    if (rel.startsWith('..') || isAbsolute(rel)) {
      problems.push(at(source, ['source'], `the table's source '${data.source}' is outside the board folder`, 'table/source-outside', {
        hint: 'Keep the CSV inside the board folder, e.g. beside the table in tables/.',
      }));
    } else if (!csv) {
      problems.push(at(source, ['source'], `the table's source '${data.source}' does not exist`, 'table/source-missing', {
        hint: "The source is relative to the table's own file, e.g. participation.csv beside it in tables/.",
      }));
    } else {
      if (!reported.has(csv.path)) problems.push(...csv.problems);
      if (csv.header.length) fields = csv.header;
    }
  } else if (data.rows) {
    fields = [...new Set(data.rows.flatMap((r) => Object.keys(r)))];
  }
  if (!fields) return problems;

  const known = fields;
  const unknownField = (field: string, path: (string | number)[]) => {
    const guess = didYouMean(field, known);
    problems.push(at(source, path, `'${field}' is not a field of the table's ${csv ? 'CSV file' : 'rows'}`, 'table/unknown-field', {
      hint: guess ? `Did you mean '${guess}'?` : `Fields: ${known.join(', ')}.`,
    }));
  };
  data.columns.forEach((c, i) => {
    if (!known.includes(c.field)) unknownField(c.field, ['columns', i, 'field']);
  });
  if (data.group_by && !known.includes(data.group_by)) unknownField(data.group_by, ['group_by']);

  // Figures in number and percentage columns, read as performance figures are.
  for (const column of data.columns) {
    if ((column.format ?? 'text') === 'text' || !known.includes(column.field)) continue;
    const bad = (text: string) => {
      const figure = parseFigure(text);
      return figure.kind === 'invalid' ? figure : undefined;
    };
    if (csv && !reported.has(csv.path)) {
      for (const row of csv.rows) {
        const figure = bad(row.cells[column.field] ?? '');
        if (figure) {
          problems.push({
            severity: 'error',
            file: csv.displayPath,
            ...cellPosition(row, column.field),
            message: `'${(row.cells[column.field] ?? '').trim()}' in column '${column.field}' is not a figure: ${figure.reason}`,
            rule: 'table/value',
            ...(figure.hint ? { hint: figure.hint } : {}),
          });
        }
      }
    } else if (!csv) {
      data.rows?.forEach((row, r) => {
        const value = row[column.field];
        const figure = typeof value === 'string' ? bad(value) : undefined;
        if (figure) {
          problems.push(at(source, ['rows', r, column.field], `'${String(value).trim()}' in field '${column.field}' is not a figure: ${figure.reason}`, 'table/value', figure.hint ? { hint: figure.hint } : {}));
        }
      });
    }
  }
  if (csv) reported.add(csv.path);
  return problems;
}
