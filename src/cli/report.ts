import { parse, sep } from 'node:path';
import { CpbError, type Problem } from '../errors.js';
import { PACKAGE_ROOT } from '../package-root.js';
import type { Io } from './io.js';

/** `path:line:column  message  (rule)`, grouped by file, with hints indented below. */
export function formatProblems(problems: readonly Problem[], io: Io): string {
  const c = io.color;
  const byFile = new Map<string, Problem[]>();
  for (const p of problems) byFile.set(p.file, [...(byFile.get(p.file) ?? []), p]);
  const blocks: string[] = [];
  for (const [, list] of byFile) {
    const lines = list
      .sort((a, b) => a.line - b.line || a.column - b.column)
      .flatMap((p) => {
        const label = p.severity === 'error' ? c.red('error') : c.yellow('warning');
        const head = `${c.bold(p.cell ? `${p.file}: ${p.cell}` : `${p.file}:${p.line}:${p.column}`)}  ${label}  ${p.message}  ${c.dim(`(${p.rule})`)}`;
        return p.hint ? [head, `    ${c.cyan('hint:')} ${p.hint}`] : [head];
      });
    blocks.push(lines.join('\n'));
  }
  return blocks.length ? `${blocks.join('\n\n')}\n` : '';
}


/** One place that turns an error into words. Non-CpbErrors are bugs: their stack only with --debug. */
export function formatError(error: unknown, io: Io, debug: boolean): string {
  const c = io.color;
  if (error instanceof CpbError) {
    const location = error.location ? machinePathsLeftOut(error.location) : undefined;
    const lines = [`${c.red('error')} ${location ? `${c.bold(location)}  ` : ''}${machinePathsLeftOut(error.message)}`];
    if (error.hint) lines.push(`  ${c.cyan('hint:')} ${machinePathsLeftOut(error.hint)}`);
    for (const cause of causesWorthSaying(error)) lines.push(`  ${c.dim('caused by:')} ${machinePathsLeftOut(cause)}`);
    if (debug && error.stack) lines.push(c.dim(error.stack));
    return `${lines.join('\n')}\n`;
  }
  // A bug: with --debug its stack, else one line that says so and how to see more.
  if (debug) return `${c.red('internal error')} ${error instanceof Error ? error.stack ?? error.message : String(error)}\n`;
  const first = (error instanceof Error ? error.message : String(error)).split('\n')[0]!.trim();
  return `${c.red('internal error')} ${machinePathsLeftOut(first)}: this is a bug in cpb (${c.dim('run again with --debug to see its stack, and report it')})\n`;
}

/**
 * The first line of each cause in the chain, leaving out any that is empty or says nothing the
 * message, the hint or an earlier cause has not said already.
 */
export function causesWorthSaying(error: CpbError): string[] {
  const said = [error.message, error.hint ?? ''];
  const worth: string[] = [];
  let cause = error.cause;
  for (let depth = 0; cause instanceof Error && depth < 10; depth++) {
    // A system error ends with the path it was given ("ENOENT: no such file or directory, open '/…'"):
    // the message names the file as the user knows it, so the machine's path is left out.
    const first = cause.message.split('\n').map((l) => l.trim()).find((l) => l !== '') ?? '';
    const text = 'syscall' in cause ? first.replace(/,\s*\w+\s+'[^']*'(\s*->\s*'[^']*')?$/, '') : first;
    if (text !== '' && !said.some((s) => s.includes(text))) {
      worth.push(text);
      said.push(text);
    }
    cause = cause.cause;
  }
  return worth;
}

/**
 * The last guard on what an error says: a path inside the working folder is shown from there, and
 * cpb's own files as "cpb's templates/…", never by where this machine keeps them.
 */
export function machinePathsLeftOut(text: string, cwd = process.cwd()): string {
  let shown = text;
  if (parse(cwd).root !== cwd) {
    shown = shown.split(`${cwd}${sep}`).join('');
    shown = shown.replace(new RegExp(`${cwd.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}(?=$|[\\s'":,)])`, 'g'), '.');
  }
  return shown.split(`${PACKAGE_ROOT}${sep}`).join("cpb's ");
}
