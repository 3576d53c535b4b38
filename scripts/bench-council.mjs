// npm run bench:council: a generated council of 40 committees with 10 years of meetings each
// (six a year: 2,400 meetings, each with its minutes, a minutes paper, an action log and a
// report) is built with --html-only (printing 2,400 packs with Chromium would take hours on one
// machine and says nothing of the council's own work), then built again with nothing changed.
// Prints both times; the no-change rebuild's target is under 2 s. COMMITTEES and YEARS change the size.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import { join, resolve } from 'node:path';
import { performance } from 'node:perf_hooks';
import { writeBenchBoard } from './bench-board.mjs';

const ROOT = resolve(import.meta.dirname, '..');
const CPB = join(ROOT, 'bin/cpb');
const COMMITTEES = Number(process.env.COMMITTEES ?? 40);
const YEARS = Number(process.env.YEARS ?? 10);
const MEETINGS_A_YEAR = 6;

const dir = mkdtempSync(join(os.tmpdir(), 'cpb-bench-council-'));
try {
  writeFileSync(join(dir, 'council.yaml'), 'name: Bench County Council\naddress: [County Hall, Bench Town]\ntheme: { accent: "#1d4f91" }\n');
  for (let c = 1; c <= COMMITTEES; c++) {
    const board = join(dir, `committee-${String(c).padStart(2, '0')}`);
    writeBenchBoard(board, { meetings: YEARS * MEETINGS_A_YEAR, reports: 1, pages: 1 });
    const yaml = join(board, 'board.yaml');
    writeFileSync(yaml, readFileSync(yaml, 'utf8').replace('name: Corporate Parenting Board', `name: Committee ${c}`));
  }
  const build = () => {
    const start = performance.now();
    execFileSync(process.execPath, [CPB, 'build', dir, '--html-only'], { env: { ...process.env, CPB_TODAY: '2020-01-01', NO_COLOR: '1' }, stdio: ['ignore', 'ignore', 'pipe'], maxBuffer: 1 << 28 });
    return (performance.now() - start) / 1000;
  };
  const first = build();
  const again = [build(), build(), build()].sort((a, b) => a - b);
  console.log(`council of ${COMMITTEES} committees × ${YEARS} years (${COMMITTEES * YEARS * MEETINGS_A_YEAR} meetings), --html-only, on ${os.cpus().length} CPUs`);
  console.log(`first build:             ${first.toFixed(1)} s`);
  console.log(`no-change rebuild:       ${again[1].toFixed(2)} s (median of 3; fastest ${again[0].toFixed(2)} s; target < 2 s)`);
} finally {
  rmSync(dir, { recursive: true, force: true });
}
