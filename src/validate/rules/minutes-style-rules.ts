import type { Problem } from '../../errors.js';
import { REFERENCE_FIELDS, referencePatternFault } from '../../domain/minute-reference.js';
import { at, type RuleContext } from './context.js';

/** board.yaml's minutes: settings the schema cannot check alone: the minute reference pattern. */
export function minutesStyleProblems(ctx: RuleContext): Problem[] {
  const style = ctx.board.minutes;
  if (style?.reference === undefined) return [];
  const fault = referencePatternFault(style.reference, style.short_name !== undefined);
  if (!fault) return [];
  const fields = Object.entries(REFERENCE_FIELDS).map(([field, meaning]) => `{${field}} ${meaning}`).join(', ');
  return [at(ctx.loaded.board, ['minutes', 'reference'], fault, 'board/minute-reference', {
    hint: `Write literal text with fields in braces: ${fields}; e.g. "CPB/{yy}/{number}" or "Minute {number}".`,
  })];
}
