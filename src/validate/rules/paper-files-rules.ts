import type { Problem } from '../../errors.js';
import type { RuleContext } from './context.js';

/**
 * The papers the meetings name will build: each was opened while loading (through the one
 * reader: inside the board, an ordinary file, within its size) and, for Word and PDF, far enough
 * to know it is not damaged, encrypted, empty or without pages. Also reported here: the board's
 * other files the reader refused (terms of reference, logo, templates).
 */
export function paperFilesProblems(ctx: RuleContext): Problem[] {
  return [
    ...(ctx.loaded.paperFiles ?? []).flatMap((paper) => (paper.problem ? [paper.problem] : [])),
    ...(ctx.loaded.fileProblems ?? []),
  ];
}
