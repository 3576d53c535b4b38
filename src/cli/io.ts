import { Chalk, type ChalkInstance } from 'chalk';

/** Where a command writes: results to stdout, messages for people to stderr. */
export interface Io {
  stdout: (text: string) => void;
  stderr: (text: string) => void;
  /** Colours for stderr: none unless it is a terminal, and never with NO_COLOR. */
  color: ChalkInstance;
  env: Record<string, string | undefined>;
  /** Whether stderr is a terminal (progress may redraw lines there). */
  interactive: boolean;
}

export function processIo(): Io {
  const interactive = Boolean(process.stderr.isTTY);
  return {
    stdout: (text) => process.stdout.write(text),
    stderr: (text) => process.stderr.write(text),
    color: new Chalk({ level: colorLevel(interactive, process.env) }),
    env: process.env,
    interactive,
  };
}

export function colorLevel(interactive: boolean, env: Record<string, string | undefined>): 0 | 1 {
  if ('NO_COLOR' in env && env['NO_COLOR'] !== undefined) return 0;
  if (env['FORCE_COLOR'] && env['FORCE_COLOR'] !== '0') return 1;
  return interactive && env['TERM'] !== 'dumb' ? 1 : 0;
}

/** An Io that collects output, for tests and for callers that want the text. */
export function memoryIo(env: Record<string, string | undefined> = {}): Io & { out: string[]; err: string[] } {
  const out: string[] = [];
  const err: string[] = [];
  return {
    out,
    err,
    stdout: (t) => void out.push(t),
    stderr: (t) => void err.push(t),
    color: new Chalk({ level: 0 }),
    env,
    interactive: false,
  };
}
