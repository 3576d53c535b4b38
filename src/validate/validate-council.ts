import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import type { Problem } from '../errors.js';
import type { Council } from '../domain/schema-types/council.js';
import type { LoadedBoard } from '../load/board-folder.js';
import { COUNCIL_FILE } from '../load/council-file.js';
import type { LoadedCouncil } from '../load/council-folder.js';
import { at } from './rules/context.js';
import { accentProblems } from './rules/theme-rules.js';
import { sourceProblems, split, validateBoard, type Diagnostics, type ValidationContext } from './validate-board.js';

/**
 * Names the council's own site files and folders take at the top of the output folder: a board
 * folder of the same name would be overwritten by them.
 */
export const COUNCIL_SITE_NAMES: readonly string[] = ['assets', 'committees'];

/** council.yaml on its own: its schema, its boards, its logo and colours. */
export function councilProblems(loaded: LoadedCouncil): Problem[] {
  const { council } = loaded;
  const problems = [...sourceProblems(council), ...loaded.fileProblems];
  if (council.data === undefined || problems.some((p) => p.severity === 'error')) return problems;
  const data = council.data as Council;
  for (const board of loaded.missing) {
    problems.push(at(council, ['boards', board.listedAt!], `'${board.folder}' is not a board folder: it holds no board.yaml`, 'council/not-a-board', {
      hint: `List only sub-folders of the council folder that hold a board.yaml, or leave out boards to build every such sub-folder.`,
    }));
  }
  for (const board of loaded.boards) {
    if (!COUNCIL_SITE_NAMES.includes(board.folder)) continue;
    const path = board.listedAt !== undefined ? ['boards', board.listedAt] : [];
    problems.push(at(council, path, `the board folder '${board.folder}' has the name of a folder of the council's site`, 'council/reserved-name', { hint: `Rename the folder; ${COUNCIL_SITE_NAMES.join(' and ')} are the council site's own.` }));
  }
  if (loaded.boards.length === 0 && loaded.missing.length === 0) {
    problems.push(at(council, [], `no sub-folder of the council folder holds a board.yaml`, 'council/no-boards', { hint: `Put each board in a sub-folder beside ${COUNCIL_FILE}, e.g. corporate-parenting/board.yaml.` }));
  }
  if (data.logo && !existsSync(resolve(loaded.dir, data.logo))) {
    problems.push(at(council, ['logo'], `the logo '${data.logo}' does not exist`, 'council/logo-missing', { hint: 'The path is relative to the council folder.' }));
  }
  if (data.theme?.accent) problems.push(...accentProblems(council, ['theme', 'accent'], data.theme.accent));
  return problems;
}

/** A council folder: council.yaml and every board, each with its own rules; one report. */
export function validateCouncil(loaded: LoadedCouncil, boards: readonly LoadedBoard[], context: ValidationContext): Diagnostics {
  const each = boards.map((b) => validateBoard(b, context));
  const own = split(councilProblems(loaded), 1);
  return {
    errors: [...own.errors, ...each.flatMap((d) => d.errors)],
    warnings: [...own.warnings, ...each.flatMap((d) => d.warnings)],
    files: own.files + each.reduce((n, d) => n + d.files, 0),
  };
}
