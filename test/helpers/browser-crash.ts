import { execFileSync, spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { CPB } from './cli.js';

/**
 * Runs the real bin/cpb and, once its progress matches `when`, kills every process of its
 * browser at once, as an out-of-memory kill would. Each run has a TMPDIR of its own, so only
 * the browser of this build is killed.
 */
export async function buildCrashingWhen(args: string[], when: RegExp, env: Record<string, string>): Promise<{ code: number | null; stdout: string; stderr: string; killed: boolean }> {
  const tmp = mkdtempSync(join(tmpdir(), 'cpb-crash-'));
  const child = spawn(process.execPath, [CPB, ...args], { env: { ...process.env, ...env, TMPDIR: tmp, NO_COLOR: '1' } });
  let stdout = '';
  let stderr = '';
  let killed = false;
  child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
  child.stderr.on('data', (chunk: Buffer) => {
    stderr += chunk.toString();
    if (!killed && when.test(stderr)) {
      killed = true;
      const kill = () => {
        const pids = browserPids(tmp);
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
  rmSync(tmp, { recursive: true, force: true });
  return { code, stdout, stderr, killed };
}

/** Browser processes whose profiles are under `tmp`. */
function browserPids(tmp: string): number[] {
  const ps = execFileSync('ps', ['-ww', '-eo', 'stat=,pid=,args='], { encoding: 'utf8' });
  return ps
    .split('\n')
    .filter((l) => l.includes(join(tmp, 'cpb-chromium-')) && !l.trim().startsWith('Z'))
    .map((l) => Number(l.trim().split(/\s+/)[1]));
}
