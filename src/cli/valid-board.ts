import { ValidationError } from '../errors.js';
import { loadBoardFolder, type LoadedBoard } from '../load/board-folder.js';
import { boardModel, type BoardModel } from '../model/board-model.js';
import { validateBoard, type ValidationContext } from '../validate/validate-board.js';
import type { Io } from './io.js';
import { formatProblems } from './report.js';
import { validationContext } from './validation-context.js';

/**
 * A board folder loaded, validated and modelled, for commands that work on valid data only
 * (actions, new): its errors are printed and thrown; warnings are left to `cpb validate`.
 */
export async function loadValidBoard(boardArg: string, io: Io): Promise<{ loaded: LoadedBoard; model: BoardModel; context: ValidationContext }> {
  const loaded = await loadBoardFolder(boardArg);
  const context = await validationContext(io.env);
  const diagnostics = validateBoard(loaded, context);
  if (diagnostics.errors.length) {
    io.stderr(formatProblems(diagnostics.errors, io));
    throw new ValidationError(diagnostics.errors);
  }
  return { loaded, model: boardModel(loaded, { bankHolidays: context.holidays }), context };
}
