import type { Problem } from '../../errors.js';
import type { TableSource } from '../../load/board-folder.js';
import type { YamlSource } from '../../load/source.js';
import { ragScheme } from '../../domain/rag-scheme.js';
import type { PlanActionData, PlanData } from '../../domain/types.js';
import { didYouMean } from '../did-you-mean.js';
import { checkpointCell, checkpointFault, checkpointOfColumn, ratingCell } from '../../domain/plan-cells.js';
import { at, type RuleContext } from './context.js';

/** Ratings must be the board's own; Red and Amber want a commentary. */
export function planProblems(source: YamlSource | TableSource, ctx: RuleContext): Problem[] {
  const names = ragScheme(ctx.board).map((r) => r.name);
  const flagged = names.slice(0, 2);
  if ('doc' in source) return yamlPlanProblems(source, names, flagged);
  const problems: Problem[] = [];
  const checkpointColumns = source.header.filter((heading) => checkpointOfColumn(heading) !== undefined);
  source.header.forEach((heading, i) => {
    const fault = checkpointFault(checkpointOfColumn(heading) ?? '');
    if (fault) {
      problems.push({ severity: 'error', file: source.displayPath, line: 1, column: source.headerColumns?.[i] ?? 1, message: `column '${heading}': ${fault}`, rule: 'plan/checkpoint-date',
        hint: 'Write the review date YYYY-MM-DD, e.g. "RAG at 2019-09-17", or a label such as "RAG at Q2".' });
    }
  });
  for (const row of source.rows) {
    const rag = ratingCell(row.cells['rag']).rating;
    const place = (column: string) => ({ file: source.displayPath, line: row.line, column: row.columns[column] ?? 1 });
    for (const column of ['rag', ...checkpointColumns]) {
      const rating = ratingCell(row.cells[column]).rating;
      if (rating && !names.includes(rating)) problems.push({ severity: 'error', ...place(column), ...unknownRating(rating, names) });
    }
    if (rag && flagged.includes(rag) && !row.cells['commentary']?.trim()) {
      problems.push({ severity: 'warning', ...place('rag'), ...noCommentary(row.cells['ref'] ?? row.cells['action'] ?? '', rag) });
    }
  }
  return problems;
}

function yamlPlanProblems(source: YamlSource, names: string[], flagged: string[]): Problem[] {
  const plan = source.data as PlanData;
  const problems: Problem[] = [];
  const checkAction = (action: PlanActionData, path: (string | number)[]) => {
    if (action.rag !== undefined && !names.includes(action.rag)) {
      const p = unknownRating(action.rag, names);
      problems.push(at(source, [...path, 'rag'], p.message, p.rule, { hint: p.hint }));
    }
    if (action.rag && flagged.includes(action.rag) && !action.commentary) {
      const p = noCommentary(action.ref ?? action.action, action.rag);
      problems.push(at(source, [...path, 'rag'], p.message, p.rule, { hint: p.hint, severity: 'warning' }));
    }
    for (const [date, cell] of Object.entries(action.checkpoints ?? {})) {
      const { rating } = checkpointCell(cell);
      if (!(plan.checkpoints ?? []).includes(date)) {
        problems.push(at(source, [...path, 'checkpoints', date], `checkpoint ${date} is not one of the plan's checkpoints`, 'plan/unknown-checkpoint', {
          key: true,
          hint: plan.checkpoints?.length ? `The plan's checkpoints: ${plan.checkpoints.join(', ')}.` : 'List the reviews (dates or labels) under checkpoints at the top of the plan.',
        }));
      }
      if (rating !== undefined && !names.includes(rating)) {
        const p = unknownRating(rating, names);
        problems.push(at(source, [...path, 'checkpoints', date], p.message, p.rule, { hint: p.hint }));
      }
    }
  };
  plan.objectives.forEach((objective, i) => {
    objective.actions?.forEach((a, j) => checkAction(a, ['objectives', i, 'actions', j]));
    objective.areas?.forEach((area, k) => area.actions.forEach((a, j) => checkAction(a, ['objectives', i, 'areas', k, 'actions', j])));
  });
  return problems;
}

function unknownRating(rating: string, names: string[]): { message: string; rule: string; hint: string } {
  const guess = didYouMean(rating, names);
  return {
    message: `'${rating}' is not a rating of the board's RAG scheme (${names.join(', ')})`,
    rule: 'plan/unknown-rating',
    hint: guess ? `Did you mean '${guess}'?` : 'Use one of the names in the board\'s rag scheme.',
  };
}

function noCommentary(what: string, rating: string): { message: string; rule: string; hint: string } {
  return {
    message: `action ${what} is rated ${rating} without a commentary`,
    rule: 'plan/rating-without-commentary',
    hint: 'Say what is being done about it in commentary.',
  };
}
