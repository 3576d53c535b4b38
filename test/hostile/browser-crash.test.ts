import { execFileSync, spawn } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CPB, copyOfExample } from '../helpers/cli.js';
import { paperName, printingPaper } from '../helpers/paper-files.js';

const ENV = { CPB_TODAY: '2019-11-20' };

/** Browser processes of this test's builds only: their profiles are under its own TMPDIR. */
const TMP = mkdtempSync(join(tmpdir(), 'cpb-crash-'));
function browserPids(): number[] {
  const ps = execFileSync('ps', ['-ww', '-eo', 'stat=,pid=,args='], { encoding: 'utf8' });
  return ps
    .split('\n')
    .filter((l) => l.includes(join(TMP, 'cpb-chromium-')) && !l.trim().startsWith('Z'))
    .map((l) => Number(l.trim().split(/\s+/)[1]));
}

describe('when the browser crashes while printing', () => {
  let board: { dir: string; cleanup: () => Promise<void> };
  beforeAll(async () => {
    board = await copyOfExample();
  });
  afterAll(() => board.cleanup());

  it('the error says which paper was printing, in words, with no protocol jargon', async () => {
    const child = spawn(process.execPath, [CPB, 'build', board.dir, '--meeting', '2019-11-26', '--force'], {
      env: { ...process.env, ...ENV, TMPDIR: TMP, NO_COLOR: '1' },
    });
    let stderr = '';
    let killed = false;
    child.stderr.on('data', (chunk: Buffer) => {
      stderr += chunk.toString();
      if (!killed && printingPaper('2019-11-26', 4, 1).test(stderr)) {
        killed = true;
        // As an out-of-memory kill would: every process of the browser at once.
        const kill = () => {
          const pids = browserPids();
          if (pids.length === 0) return void setTimeout(kill, 20);
          for (const pid of pids) {
            try {
              process.kill(pid, 'SIGKILL');
            } catch {
              // already gone
            }
          }
        };
        kill();
      }
    });
    const code = await new Promise<number | null>((resolve) => child.on('exit', resolve));
    expect(killed).toBe(true);
    expect(code, stderr).toBe(1);
    const error = stderr.split('\n').find((l) => l.startsWith('error '));
    // The paper that was printing: a paper on its own names its title too.
    expect(error, stderr).toMatch(/^error The browser crashed while printing 2019-11-26\/(pack\.pdf|\d{2}-\d+-[a-z0-9-]+\.pdf \(.+\))$/);
    const printing = /printing (2019-11-26\/\S+\.pdf)/.exec(error!)![1]!;
    expect(stderr).toContain(`Printing ${printing}`);
    if (paperName(4, 1, 'pdf').test(printing.replace('2019-11-26/', ''))) expect(error).toContain('(Children in Care and Care Leavers performance information)');
    expect(stderr).not.toMatch(/Protocol error|Target closed|Session closed/);
    expect(stderr).not.toMatch(/caused by:\s*$/m);
    expect(stderr).toMatch(/hint: .*Try again/);
  }, 120_000);
});
