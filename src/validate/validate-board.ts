import type { Problem } from '../errors.js';
import { allSources, type AnySource, type LoadedBoard } from '../load/board-folder.js';
import type { BoardData } from '../model/types.js';
import { csvSchemaProblems } from './csv-schema-problems.js';
import { actionsProblems } from './rules/actions-rules.js';
import { boardPapersProblems } from './rules/board-papers-rules.js';
import type { RuleContext } from './rules/context.js';
import { meetingProblems } from './rules/meeting-rules.js';
import { paperFilesProblems } from './rules/paper-files-rules.js';
import { minutesProblems } from './rules/minutes-rules.js';
import { definedIndicators, figuresProblems, indicatorProblems } from './rules/performance-rules.js';
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

/** Every problem of one source on its own: reading, then its schema. */
export function sourceProblems(source: AnySource): Problem[] {
  if ('doc' in source) return [...source.problems, ...schemaProblems(source)];
  return [...source.problems, ...csvSchemaProblems(source)];
}

/** A file checked without its board: its schema, and for figures the rules that need no other file. */
export function singleFileProblems(source: AnySource): Problem[] {
  const problems = sourceProblems(source);
  if (source.kind === 'figures' && !problems.some((p) => p.severity === 'error') && !('doc' in source)) {
    problems.push(...figuresProblems(source, undefined));
  }
  return problems;
}

/** Validates a whole board folder. Returns diagnostics; never throws for bad data. */
export function validateBoard(loaded: LoadedBoard, context: ValidationContext): Diagnostics {
  const sources = allSources(loaded);
  const perFile = sources.flatMap(sourceProblems);
  const broken = new Set(perFile.filter((p) => p.severity === 'error').map((p) => p.file));
  if (broken.has(loaded.board.displayPath)) return split(perFile, sources.length);

  const board = loaded.board.data as BoardData;
  const ctx: RuleContext = { loaded, board, memberIds: board.membership.map((m) => m.id), broken, ...context };
  const actionIds = new Map<string, string>();
  const crossFile = [
    ...duplicateMemberProblems(ctx),
    ...themeProblems(ctx),
    ...loaded.meetings.flatMap((m) => meetingProblems(m, ctx)),
    ...loaded.meetings.flatMap((m) => minutesProblems(m, ctx, actionIds)),
    ...actionsProblems(ctx, actionIds),
    ...loaded.plans.flatMap((p) => planProblems(p, ctx)),
    ...boardPapersProblems(ctx),
    ...paperFilesProblems(ctx),
    ...indicatorProblems(ctx),
    ...loaded.figures.filter((f) => !broken.has(f.displayPath)).flatMap((f) => figuresProblems(f, definedIndicators(ctx))),
  ];
  return split([...perFile, ...crossFile], sources.length);
}

export function split(problems: Problem[], files: number): Diagnostics {
  const order = (a: Problem, b: Problem) => a.file.localeCompare(b.file) || a.line - b.line || a.column - b.column;
  return {
    errors: problems.filter((p) => p.severity === 'error').sort(order),
    warnings: problems.filter((p) => p.severity === 'warning').sort(order),
    files,
  };
}
