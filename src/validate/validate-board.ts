import type { Problem } from '../errors.js';
import { allSources, type AnySource, type LoadedBoard } from '../load/board-folder.js';
import type { BoardData } from '../domain/types.js';
import { csvSchemaProblems } from './csv-schema-problems.js';
import { withSheetCells } from '../load/xlsx-sheet.js';
import { overdueActionProblems, unknownActionProblems } from './rules/actions-rules.js';
import { deadlineProblems, forwardPlanProblems, scheduleProblems, tableProblems, trainingProblems } from './rules/board-papers-rules.js';
import type { RuleContext } from './rules/context.js';
import { meetingProblems } from './rules/meeting-rules.js';
import { republishedProblems } from './rules/republished-rules.js';
import { boardDeadlineSettingProblems, meetingPaperSettingProblems, trainingSubstituteProblems } from './rules/house-papers-rules.js';
import { minutesAgendaProblems, minutesProblems } from './rules/minutes-rules.js';
import { historyProblems } from './rules/history-rules.js';
import { minuteMarkProblems } from './rules/minute-marks-rules.js';
import { minutesStyleProblems } from './rules/minutes-style-rules.js';
import { paperFilesProblems } from './rules/paper-files-rules.js';
import { definedIndicators, figureIndicatorProblems, figuresProblems, indicatorProblems } from './rules/performance-rules.js';
import { planProblems } from './rules/plan-rules.js';
import { duplicateMemberProblems } from './rules/board-rules.js';
import { themeProblems } from './rules/theme-rules.js';
import { schemaProblems } from './schema-problems.js';

export interface Diagnostics {
  errors: Problem[];
  warnings: Problem[];
  /** How many files were checked. */
  files: number;
}

/** What rules need from outside the data: the date, and the bank holidays. */
export interface ValidationContext {
  today: string;
  holidays: ReadonlySet<string>;
}

/**
 * A check across files. `needs` lists every file the check reads (undefined: an optional file the
 * board does not have). The check runs only when each of them was read and passed its schema, so
 * one fault in a file is reported once, by that file, and not again by every rule that reads it.
 */
export interface CrossFileRule {
  needs: readonly (AnySource | undefined)[];
  check: () => Problem[];
}

const rule = (needs: CrossFileRule['needs'], check: CrossFileRule['check']): CrossFileRule => ({ needs, check });

/** Every problem of one source on its own: reading, then its schema. */
export function sourceProblems(source: AnySource): Problem[] {
  if ('doc' in source) return [...firstSyntaxError(source.problems), ...schemaProblems(source)];
  return withSheetCells(source, [...source.problems, ...csvSchemaProblems(source)]);
}

/**
 * After one YAML syntax error the parser's further errors in the file are mostly its echoes (one
 * unclosed bracket gives dozens): only the first is reported, with that said in its hint.
 */
function firstSyntaxError(problems: readonly Problem[]): Problem[] {
  const syntax = problems.filter((p) => p.rule === 'yaml/syntax' && p.severity === 'error');
  if (syntax.length < 2) return [...problems];
  const first = syntax.reduce((a, b) => (b.line < a.line || (b.line === a.line && b.column < a.column) ? b : a));
  const hint = [first.hint, 'Fix this first: what follows it in the file could not be read.'].filter(Boolean).join(' ');
  return problems.flatMap((p) => (p === first ? [{ ...p, hint }] : syntax.includes(p) ? [] : [p]));
}

/** A file checked without its board: its schema, and for figures the rules that need no other file. */
export function singleFileProblems(source: AnySource): Problem[] {
  const problems = sourceProblems(source);
  if (source.kind === 'figures' && !problems.some((p) => p.severity === 'error') && !('doc' in source)) {
    problems.push(...figuresProblems(source));
  }
  return problems;
}

/** Validates a whole board folder. Returns diagnostics; never throws for bad data. */
export function validateBoard(loaded: LoadedBoard, context: ValidationContext): Diagnostics {
  const sources = allSources(loaded);
  // A paper, logo or template the reader refused is a problem of that file, like a syntax error.
  const perFile = [...sources.flatMap(sourceProblems), ...paperFilesProblems(loaded)];
  const broken = new Set(perFile.filter((p) => p.severity === 'error').map((p) => p.file));
  const sound = (source: AnySource | undefined) =>
    source === undefined || (!('doc' in source && source.data === undefined) && !broken.has(source.displayPath));
  // Every rule reads board.yaml (the context holds its data), so with it unsound none can run.
  if (!sound(loaded.board)) return split(perFile, sources.length);

  const board = loaded.board.data as BoardData;
  const ctx: RuleContext = { loaded, board, memberIds: board.membership.map((m) => m.id), broken, ...context };
  const crossFile = crossFileRules(ctx)
    .filter((r) => r.needs.every(sound))
    .flatMap((r) => r.check());
  return split([...perFile, ...crossFile], sources.length);
}

/** Every cross-file rule of a board, each with the files it reads (all read board.yaml's data through ctx). */
function crossFileRules(ctx: RuleContext): CrossFileRule[] {
  const { loaded } = ctx;
  const board = loaded.board;
  const allMinutes = loaded.meetings.map((m) => m.minutes);
  const actionIds = new Map<string, string>();
  const tablesReported = new Set<string>();
  return [
    rule([board], () => duplicateMemberProblems(ctx)),
    rule([board], () => themeProblems(ctx)),
    rule([board], () => minutesStyleProblems(ctx)),
    rule([board], () => scheduleProblems(ctx)),
    rule([board], () => deadlineProblems(ctx)),
    rule([board], () => boardDeadlineSettingProblems(ctx)),
    ...loaded.meetings.map((m) => rule([m.meeting], () => meetingPaperSettingProblems(m))),
    ...loaded.meetings.map((m) => rule([m.meeting], () => republishedProblems(m))),
    ...loaded.meetings.map((m) => rule([board, m.meeting], () => meetingProblems(m, ctx))),
    rule([board], () => historyProblems(ctx, actionIds)),
    ...loaded.meetings.map((m) => rule([board, m.minutes], () => minutesProblems(m, ctx, actionIds))),
    ...loaded.meetings.map((m) => rule([m.meeting, m.minutes], () => minutesAgendaProblems(m))),
    // Minute numbers run on across meetings, so a cited minute's number needs every minutes file.
    rule([board, ...allMinutes], () => minuteMarkProblems(ctx)),
    ...(loaded.actions ? [rule([loaded.actions, ...allMinutes], () => unknownActionProblems(loaded.actions!, ctx))] : []),
    ...loaded.meetings.map((m) => rule([loaded.actions, m.minutes], () => overdueActionProblems(m, ctx))),
    ...loaded.plans.map((p) => rule([board, p], () => planProblems(p, ctx))),
    ...(loaded.training ? [rule([board, loaded.training], () => trainingProblems(loaded.training!, ctx))] : []),
    ...(loaded.training ? [rule([board, loaded.training], () => trainingSubstituteProblems(loaded.training!, ctx))] : []),
    ...(loaded.forwardPlan ? [rule([board, loaded.forwardPlan], () => forwardPlanProblems(loaded.forwardPlan!, ctx))] : []),
    ...(loaded.tables ?? []).map((t) => rule([t], () => tableProblems(t, ctx, tablesReported))),
    ...(loaded.indicators ? [rule([loaded.indicators], () => indicatorProblems(loaded.indicators!))] : []),
    ...loaded.figures.map((f) => rule([f], () => figuresProblems(f))),
    ...loaded.figures.map((f) => rule([f, loaded.indicators], () => figureIndicatorProblems(f, definedIndicators(ctx)))),
  ];
}

export function split(problems: Problem[], files: number): Diagnostics {
  const order = (a: Problem, b: Problem) => a.file.localeCompare(b.file) || a.line - b.line || a.column - b.column;
  return {
    errors: problems.filter((p) => p.severity === 'error').sort(order),
    warnings: problems.filter((p) => p.severity === 'warning').sort(order),
    files,
  };
}
