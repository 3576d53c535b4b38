import { stat } from 'node:fs/promises';
import { resolve } from 'node:path';
import { ExitCode, UsageError } from '../../errors.js';
import { displayPathOf, kindOfFile, loadBoardFolder } from '../../load/board-folder.js';
import { loadYamlFile } from '../../load/yaml-file.js';
import { sourceProblems, split, validateBoard, type Diagnostics } from '../../validate/validate-board.js';
import type { Io } from '../io.js';
import { formatProblems, plural } from '../report.js';

export interface ValidateOptions {
  format: 'human' | 'json';
}

/** `cpb validate`: a board folder (every file and the cross-file rules) or single data files. */
export async function validateCommand(paths: string[], options: ValidateOptions, io: Io): Promise<ExitCode> {
  const diagnostics = await diagnose(paths);
  if (options.format === 'json') {
    io.stdout(`${JSON.stringify({ valid: diagnostics.errors.length === 0, ...diagnostics }, null, 2)}\n`);
  } else {
    io.stderr(formatProblems([...diagnostics.errors, ...diagnostics.warnings], io));
    io.stderr(summary(diagnostics, io));
  }
  return diagnostics.errors.length ? ExitCode.failed : ExitCode.ok;
}

async function diagnose(paths: string[]): Promise<Diagnostics> {
  const kinds = await Promise.all(paths.map(async (p) => ((await stat(p).catch(() => undefined))?.isDirectory() ? 'dir' : 'file')));
  if (kinds.includes('dir')) {
    if (paths.length > 1) throw new UsageError('Give one board folder, or one or more data files, not both');
    return validateBoard(await loadBoardFolder(paths[0]!));
  }
  const problems = [];
  for (const path of paths) {
    const kind = kindOfFile(path);
    if (!kind) {
      throw new UsageError(`Cannot tell what kind of data file ${path} is`, {
        file: path,
        hint: 'cpb knows board.yaml and meeting.yaml by their names.',
      });
    }
    problems.push(...sourceProblems(await loadYamlFile(resolve(path), displayPathOf(resolve(path)), kind)));
  }
  return split(problems, paths.length);
}

function summary(d: Diagnostics, io: Io): string {
  const c = io.color;
  if (d.errors.length === 0) {
    const warnings = d.warnings.length ? `, ${c.yellow(plural(d.warnings.length, 'warning'))}` : '';
    return `${c.green(`${plural(d.files, 'file')} valid`)}${warnings}\n`;
  }
  const files = new Set(d.errors.map((e) => e.file)).size;
  const warnings = d.warnings.length ? ` and ${plural(d.warnings.length, 'warning')}` : '';
  return `\n${c.red(`${plural(d.errors.length, 'error')}${warnings} in ${plural(files, 'file')}`)} (${plural(d.files, 'file')} checked)\n`;
}
