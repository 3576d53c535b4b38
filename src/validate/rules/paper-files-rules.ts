import type { Problem } from '../../errors.js';
import type { LoadedBoard } from '../../load/board-folder.js';

/**
 * The papers the meetings name will build: each was opened while loading (through the one
 * reader: inside the board, an ordinary file, within its size) and, for Word and PDF, far enough
 * to know it is not damaged, encrypted, empty or without pages. Also reported here: the board's
 * other files the reader refused (terms of reference, logo, templates).
 */
export function paperFilesProblems(loaded: LoadedBoard): Problem[] {
  return [
    ...(loaded.paperFiles ?? []).flatMap((paper) => (paper.problem ? [paper.problem] : [])),
    ...(loaded.fileProblems ?? []),
  ];
}
