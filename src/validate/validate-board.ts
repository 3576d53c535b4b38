import type { Problem } from '../errors.js';
import type { LoadedBoard } from '../load/board-folder.js';
import type { YamlSource } from '../load/source.js';
import { crossFileProblems } from './board-rules.js';
import { schemaProblems } from './schema-problems.js';

export interface Diagnostics {
  errors: Problem[];
  warnings: Problem[];
  /** How many files were checked. */
  files: number;
}

/** Every problem of one source on its own: syntax, then schema. */
export function sourceProblems(source: YamlSource): Problem[] {
  return [...source.problems, ...schemaProblems(source)];
}

/** Validates a whole board folder. Returns diagnostics; never throws for bad data. */
export function validateBoard(loaded: LoadedBoard): Diagnostics {
  const sources = [loaded.board, ...loaded.meetings];
  const perFile = sources.flatMap(sourceProblems);
  const broken = new Set(perFile.filter((p) => p.severity === 'error').map((p) => p.file));
  return split([...perFile, ...crossFileProblems(loaded, broken)], sources.length);
}

export function split(problems: Problem[], files: number): Diagnostics {
  return {
    errors: problems.filter((p) => p.severity === 'error'),
    warnings: problems.filter((p) => p.severity === 'warning'),
    files,
  };
}
