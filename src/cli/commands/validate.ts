import { stat } from 'node:fs/promises';
import { ExitCode, UsageError } from '../../errors.js';
import { loadBoardFolder, loadSingleFile } from '../../load/board-folder.js';
import { isCouncilFolder } from '../../load/council-file.js';
import { loadCouncilFolder } from '../../load/council-folder.js';
import { validateCouncil } from '../../validate/validate-council.js';
import { singleFileProblems, split, validateBoard, type Diagnostics } from '../../validate/validate-board.js';
import { githubAnnotations } from '../github-format.js';
import type { Io } from '../io.js';
import { formatProblems } from '../report.js';
import { plural } from '../../domain/words.js';
import { validationContext } from '../validation-context.js';

export interface ValidateOptions {
  format: 'human' | 'json' | 'github';
  strict?: boolean;
}

/** `cpb validate`: a board folder (every file and the cross-file rules), a council folder (council.yaml and each board), or single data files. */
export async function validateCommand(paths: string[], options: ValidateOptions, io: Io): Promise<ExitCode> {
  const diagnostics = await diagnose(paths, io);
  const failed = diagnostics.errors.length > 0 || (options.strict === true && diagnostics.warnings.length > 0);
  if (options.format === 'json') {
    io.stdout(`${JSON.stringify({ valid: !failed, ...diagnostics }, null, 2)}\n`);
  } else if (options.format === 'github') {
    io.stdout(githubAnnotations([...diagnostics.errors, ...diagnostics.warnings], options.strict === true));
    io.stderr(summary(diagnostics, io));
  } else {
    io.stderr(formatProblems([...diagnostics.errors, ...diagnostics.warnings], io));
    io.stderr(summary(diagnostics, io));
    if (options.strict && !diagnostics.errors.length && diagnostics.warnings.length) io.stderr('Warnings fail the check under --strict.\n');
  }
  return failed ? ExitCode.failed : ExitCode.ok;
}

async function diagnose(paths: string[], io: Io): Promise<Diagnostics> {
  const isDir = await Promise.all(paths.map(async (p) => (await stat(p).catch(() => undefined))?.isDirectory() ?? false));
  if (isDir.includes(true)) {
    if (paths.length > 1) throw new UsageError('Give one board folder, or one or more data files, not both');
    if (await isCouncilFolder(paths[0]!)) {
      const council = await loadCouncilFolder(paths[0]!);
      return validateCouncil(council, await Promise.all(council.boards.map((b) => loadBoardFolder(b.dir))), await validationContext(io.env));
    }
    return validateBoard(await loadBoardFolder(paths[0]!), await validationContext(io.env));
  }
  // Files on their own: each against its schema. Cross-file rules need the whole board.
  const sources = await Promise.all(paths.map(loadSingleFile));
  return split(sources.flatMap(singleFileProblems), sources.length);
}

function summary(d: Diagnostics, io: Io): string {
  const c = io.color;
  const warnings = d.warnings.length ? c.yellow(plural(d.warnings.length, 'warning')) : '';
  if (d.errors.length === 0) {
    return `${c.green(`${plural(d.files, 'file')} valid`)}${warnings ? `, ${warnings}` : ''}\n`;
  }
  const files = new Set(d.errors.map((e) => e.file)).size;
  return `\n${c.red(`${plural(d.errors.length, 'error')} in ${plural(files, 'file')}`)}${warnings ? ` and ${warnings}` : ''} (${plural(d.files, 'file')} checked)\n`;
}
