import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { ExitCode, UsageError, ValidationError } from '../../errors.js';
import { displayPathOf, loadBoardFolder } from '../../load/board-folder.js';
import { boardModel } from '../../model/board-model.js';
import { minutesTemplate } from '../../model/minutes-template.js';
import { validateBoard } from '../../validate/validate-board.js';
import type { Io } from '../io.js';
import { formatProblems } from '../report.js';
import { validationContext } from '../validation-context.js';

export type NewKind = 'minutes';

/** `cpb new minutes DATE`: a file for the clerk to fill in, never over one that exists. */
export async function newCommand(kind: string, date: string, options: { board: string }, io: Io): Promise<ExitCode> {
  if (kind !== 'minutes') throw new UsageError(`cpb new makes minutes, not '${kind}'`, { hint: 'cpb new minutes YYYY-MM-DD' });
  const loaded = await loadBoardFolder(options.board);
  const diagnostics = validateBoard(loaded, await validationContext(io.env));
  if (diagnostics.errors.length) {
    io.stderr(formatProblems(diagnostics.errors, io));
    throw new ValidationError(diagnostics.errors);
  }
  const model = boardModel(loaded);
  const meeting = model.meetings.find((m) => m.id === date);
  if (!meeting) {
    throw new UsageError(`No meeting ${date} in ${displayPathOf(model.dir)}`, { hint: `Meetings: ${model.meetings.map((m) => m.id).join(', ') || 'none'}.` });
  }
  const path = join(model.dir, 'meetings', date, 'minutes.yaml');
  try {
    await writeFile(path, minutesTemplate(model.board, meeting), { flag: 'wx' });
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'EEXIST') {
      throw new UsageError(`${displayPathOf(path)} already exists`, { file: displayPathOf(path), hint: 'cpb new never overwrites a file; edit it, or move it away first.' });
    }
    throw error;
  }
  io.stderr(`Wrote ${displayPathOf(path)}: fill in attendance, discussion, decisions and actions, then run \`cpb validate\`.\n`);
  io.stdout(`${displayPathOf(path)}\n`);
  return ExitCode.ok;
}
