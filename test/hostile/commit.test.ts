import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { cp, readFile, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { builtCopyOfExample } from '../helpers/built-example.js';
import { CPB } from '../helpers/cli.js';
import { isWorking, snapshot } from './output-folder-helpers.js';

const ENV = { CPB_TODAY: '2019-11-20' };
// One meeting rebuilt and the site: the commit moves files of both into place and takes away
// the other meetings, which the agenda change has made out of date (so it removes files too).
const ARGS = ['--html-only', '-m', '2019-11-26'];

function build(dir: string, env: Record<string, string> = {}): Promise<{ code: number | null; signal: NodeJS.Signals | null; stderr: string }> {
  return new Promise((done) => {
    const child = spawn(process.execPath, [CPB, 'build', dir, ...ARGS], { env: { ...process.env, ...ENV, NO_COLOR: '1', ...env }, stdio: ['ignore', 'ignore', 'pipe'] });
    let stderr = '';
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    child.on('exit', (code, signal) => done({ code, signal, stderr }));
  });
}

/** Killed at every step of a real commit, the output folder is the whole old build or, after the next cpb, the whole new one. */
describe('a build killed at any step of its commit', () => {
  let template: { dir: string; cleanup: () => Promise<void> };
  let oldOut: string;
  let oldBuild: Map<string, string>;
  let newBuild: Map<string, string>;
  let steps: number;

  beforeAll(async () => {
    const built = await builtCopyOfExample(['--html-only'], ENV);
    template = built;
    expect(built.result.code).toBe(0);
    oldOut = join(template.dir, '..', 'old-out');
    await cp(join(template.dir, 'out'), oldOut, { recursive: true });
    oldBuild = await snapshot(oldOut);
    // A change to one paper and to the agenda.
    const paper = join(template.dir, 'meetings/2019-11-26/papers/delivery-plan.md');
    await writeFile(paper, (await readFile(paper, 'utf8')).replace('# Background', '# Background to the new plan'));
    const agenda = join(template.dir, 'meetings/2019-11-26/meeting.yaml');
    await writeFile(agenda, (await readFile(agenda, 'utf8')).replace('Any Other Business', 'Other Business'));
    const clean = await build(template.dir);
    expect(clean.code, clean.stderr).toBe(0);
    newBuild = await snapshot(join(template.dir, 'out'));
    expect(newBuild).not.toEqual(oldBuild);
    // Step 1 writes the journal; then a step per move and removal; then two to clear up.
    await rm(join(template.dir, 'out'), { recursive: true });
    await cp(oldOut, join(template.dir, 'out'), { recursive: true });
    const killed = await build(template.dir, { CPB_TEST_KILL_AT_COMMIT_STEP: '2' });
    expect(killed.signal).toBe('SIGKILL');
    const journal = JSON.parse(await readFile(join(template.dir, 'out/.cpb-journal.json'), 'utf8')) as { moves: string[]; removals: string[] };
    expect(journal.moves.length).toBeGreaterThan(10);
    expect(journal.removals.length).toBeGreaterThan(10);
    steps = 1 + journal.moves.length + journal.removals.length + 2;
  }, 120_000);
  afterAll(() => template.cleanup());

  it('at every step', async () => {
    // Two boards side by side, each taking every other step, to keep within the time.
    const worker = async (lane: number) => {
      const board = join(template.dir, '..', `board-${lane}`);
      await cp(template.dir, board, { recursive: true, filter: (src) => !src.startsWith(join(template.dir, 'out')) });
      for (let step = 1 + lane; step <= steps + 1; step += 2) {
        const out = join(board, 'out');
        await rm(out, { recursive: true, force: true });
        await cp(oldOut, out, { recursive: true });
        const killed = await build(board, { CPB_TEST_KILL_AT_COMMIT_STEP: String(step) });
        if (step <= steps) {
          expect(killed.signal, `step ${step}: ${killed.stderr}`).toBe('SIGKILL');
          // Until the journal is in place nothing has moved; once it is, the next cpb finishes it.
          const journal = existsSync(join(out, '.cpb-journal.json'));
          if (step === 1) expect(journal).toBe(false);
          else if (step < steps) expect(journal, `step ${step}`).toBe(true);
          if (!journal) expect(await snapshot(out, isWorking), `step ${step}`).toEqual(step === 1 ? oldBuild : newBuild);
        } else {
          expect(killed.code, `no step ${step}: ${killed.stderr}`).toBe(0);
        }
        const again = await build(board);
        expect(again.code, `after step ${step}: ${again.stderr}`).toBe(0);
        expect(await snapshot(out), `after step ${step}`).toEqual(newBuild);
      }
    };
    await Promise.all([worker(0), worker(1)]);
  }, 1_200_000);

  it('a commit that the next cpb finishes is not built again', async () => {
    const board = join(template.dir, '..', 'board-finish');
    await cp(template.dir, board, { recursive: true, filter: (src) => !src.startsWith(join(template.dir, 'out')) });
    await cp(oldOut, join(board, 'out'), { recursive: true });
    expect((await build(board, { CPB_TEST_KILL_AT_COMMIT_STEP: String(Math.floor(steps / 2)) })).signal).toBe('SIGKILL');
    // Half old and half new until then: cpb's next start finishes the commit before anything else.
    const half = await snapshot(join(board, 'out'), isWorking);
    expect(half).not.toEqual(oldBuild);
    expect(half).not.toEqual(newBuild);
    const again = await build(board);
    expect(again.code, again.stderr).toBe(0);
    expect(again.stderr).toContain('1 meeting unchanged since the last build');
    expect(await snapshot(join(board, 'out'))).toEqual(newBuild);
  });
});
