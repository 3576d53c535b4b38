import { execFileSync, spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { CPB } from './cli.js';

/**
 * Runs the real bin/cpb and, once its progress matches `when` and its browser has a page open
 * for cpb, kills every process of that browser at once, as an out-of-memory kill would. (A
 * progress line can come while the browser is still starting: a kill then is a failed launch,
 * not a crash while printing.) Each run has a TMPDIR of its own, so only the browser of this
 * build is killed.
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
        const browser = browserProcesses(tmp);
        if (!browser.hasPageOfCpb) return void setTimeout(kill, 20);
        for (const pid of browser.pids) {
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

/**
 * Browser processes whose profiles are under `tmp`. A started Chromium has two renderers (its
 * first blank page and a spare); a third is a page opened over the protocol, so the launch is done.
 */
export function browserProcesses(tmp: string): { pids: number[]; hasPageOfCpb: boolean } {
  const ps = execFileSync('ps', ['-ww', '-eo', 'stat=,pid=,args='], { encoding: 'utf8' });
  const lines = ps.split('\n').filter((l) => l.includes(join(tmp, 'cpb-chromium-')) && !l.trim().startsWith('Z'));
  return {
    pids: lines.map((l) => Number(l.trim().split(/\s+/)[1])),
    hasPageOfCpb: lines.filter((l) => l.includes('--type=renderer')).length >= 3,
  };
}
