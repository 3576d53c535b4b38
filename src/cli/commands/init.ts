import { cp, readdir } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { ExitCode, UsageError } from '../../errors.js';
import { displayPathOf } from '../../load/display-path.js';
import { TEMPLATES_DIR } from '../../package-root.js';
import type { Io } from '../io.js';

/** `cpb init DIR`: a new board folder holding a small board and one meeting that build at once. */
export async function initCommand(dirArg: string, io: Io): Promise<ExitCode> {
  const dir = resolve(dirArg);
  const existing = await readdir(dir).catch(() => undefined);
  if (existing && existing.length > 0) {
    throw new UsageError(`${dirArg} is not empty`, { file: dirArg, hint: 'Choose a new folder; cpb init never overwrites files.' });
  }
  await cp(join(TEMPLATES_DIR, 'init'), dir, { recursive: true, errorOnExist: true, force: false });
  const shown = displayPathOf(dir);
  io.stderr(`Created a board folder in ${shown}\n`);
  io.stderr(`Next: edit ${join(shown, 'board.yaml')}, then run \`cpb validate ${shown}\` and \`cpb build ${shown}\`.\n`);
  return ExitCode.ok;
}
