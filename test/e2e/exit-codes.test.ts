import { execFile } from 'node:child_process';
import { copyFile, mkdir, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { CPB, cpb } from '../helpers/cli.js';

// The table in docs/commands.md: 0 ok, 1 data or build failed, 2 usage, 3 internal error.
describe('exit codes', () => {
  const bug = { CPB_TEST_INTERNAL_ERROR: '1' };

  it('keeps usage errors at 2, apart from internal errors', async () => {
    expect((await cpb(['build', 'examples/lancashire', '--colour'])).code).toBe(2);
    const timeout = await cpb(['build', 'examples/lancashire', '--dry-run', '--timeout', 'soon']);
    expect(timeout.code).toBe(2);
    expect(timeout.stderr).toContain("--timeout must be a number of seconds, not 'soon'");
  });

  it('gives a bug its own code and one line saying so, with the hint to rerun with --debug', async () => {
    const r = await cpb(['validate', 'examples/lancashire'], { env: bug });
    expect(r.code).toBe(3);
    expect(r.stderr.trimEnd().split('\n')).toEqual([
      'internal error CPB_TEST_INTERNAL_ERROR is set (1): this is a bug in cpb (run again with --debug to see its stack, and report it)',
    ]);
  });

  it('prints the stack of an internal error with --debug, before or after the command', async () => {
    for (const args of [['--debug', 'build', 'examples/lancashire', '--dry-run'], ['build', 'examples/lancashire', '--dry-run', '--debug']]) {
      const r = await cpb(args, { env: bug });
      expect(r.code).toBe(3);
      expect(r.stderr).toMatch(/^internal error TypeError: CPB_TEST_INTERNAL_ERROR is set \(1\)\n {4}at /);
      expect(r.stderr).not.toContain('bug in cpb (run again');
    }
  });

  it('gives a broken install (cpb not built) the internal code too', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'cpb-unbuilt-'));
    try {
      await mkdir(join(dir, 'bin'));
      await copyFile(CPB, join(dir, 'bin', 'cpb'));
      const r = await cpbAt(join(dir, 'bin', 'cpb'));
      expect(r.code).toBe(3);
      expect(r.stderr).toContain('cpb is not built');
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});

/** A copy of bin/cpb with no dist/ beside it. */
function cpbAt(bin: string): Promise<{ code: number; stderr: string }> {
  return new Promise((done) => {
    execFile(process.execPath, [bin, '--version'], (error, _stdout, stderr) => done({ code: error ? Number(error.code) : 0, stderr }));
  });
}
