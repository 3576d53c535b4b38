/**
 * The one error family users see. Anything thrown that is not a CpbError is a bug:
 * the CLI prints its stack only with --debug.
 */
import { plural } from './domain/words.js';

/** Exit statuses, one table for every command. */
export const ExitCode = {
  ok: 0,
  /** Invalid data, or a build that failed for a reason the user can fix. */
  failed: 1,
  /** Bad command-line usage, an output folder cpb may not write into, or a setting (CPB_TODAY) that is not valid. */
  usage: 2,
  /** A bug in cpb (anything thrown that is not a CpbError), or a broken install (cpb's own files missing). */
  internal: 3,
} as const;
export type ExitCode = (typeof ExitCode)[keyof typeof ExitCode];

export interface SourcePosition {
  /** Path as the user should read it (relative to the working folder where possible). */
  file?: string;
  /** 1-based line and column. */
  line?: number;
  column?: number;
}

export interface CpbErrorOptions extends SourcePosition {
  /** Short machine-readable name of the rule broken, e.g. "schema/required". */
  rule?: string;
  /** One sentence on what to do about it. */
  hint?: string;
  cause?: unknown;
  exitCode?: ExitCode;
}

export class CpbError extends Error {
  readonly file: string | undefined;
  readonly line: number | undefined;
  readonly column: number | undefined;
  readonly rule: string | undefined;
  readonly hint: string | undefined;
  readonly exitCode: ExitCode;

  constructor(message: string, options: CpbErrorOptions = {}) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    this.name = new.target.name;
    this.file = options.file;
    this.line = options.line;
    this.column = options.column;
    this.rule = options.rule;
    this.hint = options.hint;
    this.exitCode = options.exitCode ?? ExitCode.failed;
  }

  /** "file:line:column" or as much of it as is known. */
  get location(): string | undefined {
    return formatLocation(this);
  }
}

/** A command line the user got wrong. */
export class UsageError extends CpbError {
  constructor(message: string, options: CpbErrorOptions = {}) {
    super(message, { exitCode: ExitCode.usage, ...options });
  }
}

/** A data file that cannot be read or parsed. */
export class SourceError extends CpbError {}

/** One thing wrong (or worth a look) in the data, at a place in a file. */
export interface Problem {
  severity: 'error' | 'warning';
  file: string;
  line: number;
  column: number;
  message: string;
  rule: string;
  hint?: string;
  /** In a workbook, the sheet and cell, e.g. "Figures!B7" (then line and column are its row and column numbers). */
  cell?: string;
}

/** Data that was read but is not valid; carries every problem found. */
export class ValidationError extends CpbError {
  constructor(readonly problems: readonly Problem[]) {
    super(`${plural(problems.length, 'problem')} in the board's data`, {
      rule: 'validate',
      hint: 'Run `cpb validate` on the board folder to see each one.',
    });
  }
}

/** A template that failed to compile or render. */
export class TemplateError extends CpbError {}

/** No browser, or the browser failed, crashed or timed out. */
export class BrowserError extends CpbError {}

/** Outputs could not be written. */
export class OutputError extends CpbError {}

export function formatLocation(pos: SourcePosition): string | undefined {
  if (!pos.file) return undefined;
  if (pos.line === undefined) return pos.file;
  return pos.column === undefined ? `${pos.file}:${pos.line}` : `${pos.file}:${pos.line}:${pos.column}`;
}

/** Wraps whatever was thrown while handling `file`, keeping a CpbError's own position. */
export function wrapAtFile(error: unknown, message: string, file: string, ErrorClass = SourceError): CpbError {
  if (error instanceof CpbError) return error;
  const reason = error instanceof Error ? error.message : String(error);
  return new ErrorClass(`${message}: ${reason}`, { file, cause: error });
}
