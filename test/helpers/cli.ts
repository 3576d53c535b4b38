import { execFile } from 'node:child_process';
import { cp, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

export const ROOT = resolve(import.meta.dirname, '../..');
export const CPB = join(ROOT, 'bin/cpb');
export const EXAMPLES = join(ROOT, 'examples');
export const EXAMPLE = join(EXAMPLES, 'lancashire');
/** Files other producers made (LibreOffice PDFs, a Word file): the project's shared folder sits beside the repository. */
export const FIXTURES = resolve(ROOT, '../shared/fixtures');

export interface CliResult {
  code: number;
  stdout: string;
  stderr: string;
}

/** Runs the real bin/cpb as a user would, without colour; `timeoutMs` for builds that print many PDFs. */
export function cpb(args: string[], options: { cwd?: string; env?: Record<string, string>; timeoutMs?: number } = {}): Promise<CliResult> {
  return new Promise((done) => {
    execFile(
      process.execPath,
      [CPB, ...args],
      { cwd: options.cwd ?? ROOT, env: { ...process.env, NO_COLOR: '1', ...options.env }, timeout: options.timeoutMs ?? 120_000 },
      (error, stdout, stderr) => {
        const code = error ? (typeof error.code === 'number' ? error.code : 1) : 0;
        done({ code, stdout, stderr });
      },
    );
  });
}

/** A scratch copy of the example board, removed by the returned function. */
export async function copyOfExample(): Promise<{ dir: string; cleanup: () => Promise<void> }> {
  const parent = await mkdtemp(join(tmpdir(), 'cpb-test-'));
  const dir = join(parent, 'board');
  await cp(EXAMPLE, dir, { recursive: true, filter: (src) => !src.includes(`${EXAMPLE}/out`) });
  return { dir, cleanup: () => rm(parent, { recursive: true, force: true }) };
}
