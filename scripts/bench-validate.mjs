// npm run bench:validate: how long `cpb validate` takes on a board of about 10 MB of data (many
// meetings with minutes and actions, the actions' progress, a long delivery plan, years of
// performance figures). The meetings come from the bench's own board (scripts/bench-board.mjs);
// the rest is added here. `npm run bench` prints the same rows (benchValidate).
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import { join, resolve } from 'node:path';
import { performance } from 'node:perf_hooks';
import { pathToFileURL } from 'node:url';
import { writeBenchBoard } from './bench-board.mjs';

const ROOT = resolve(import.meta.dirname, '..');
const CPB = join(ROOT, 'bin/cpb');
const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

const INDICATORS = 400;
const YEARS = 10;

/** The board's data: the bench board's meetings, then actions, a plan and figures of its own. */
export function writeValidateBoard(dir, { meetings = 700 } = {}) {
  const dates = writeBenchBoard(dir, { meetings, reports: 2, pages: 1 });
  const progress = dates.map((date, m) => `action-${m}:\n  status: ${m % 3 ? 'on-going' : 'completed'}\n  updates:\n${[1, 2, 3].map((u) => `    - date: ${date}\n      text: Update ${u} on the action raised on ${date}; the service reported back to the Board as asked.`).join('\n')}`);
  writeFileSync(join(dir, 'actions.yaml'), `${progress.join('\n')}\n`);

  mkdirSync(join(dir, 'plans'));
  const plan = ['objective,area,ref,action,timescale,lead,rag,commentary'];
  for (let r = 0; r < 6000; r++) {
    plan.push(`Priority ${r % 7},Area ${r % 31} of the plan,P${r},"Work with partners on improvement ${r}, reporting to the Board each quarter.",Mar 2027,"Assistant Director, Service ${r % 5}",${r % 4 ? 'Green' : 'Amber'},Progress is on track for action ${r}.`);
  }
  writeFileSync(join(dir, 'plans', 'delivery-plan.csv'), `${plan.join('\n')}\n`);

  mkdirSync(join(dir, 'performance'));
  const indicators = Array.from({ length: INDICATORS }, (_, i) => `      - id: measure-${i}\n        name: Measure ${i} of the service\n        unit: ${i % 2 ? 'percentage' : 'count'}\n        polarity: ${i % 2 ? 'higher-is-better' : 'neither'}\n        decimals: ${i % 2}${i % 2 ? '\n        target: 80\n        tolerance: 5' : ''}`);
  writeFileSync(join(dir, 'performance', 'indicators.yaml'), `groups:\n  - title: Children looked after\n    indicators:\n${indicators.join('\n')}\n`);
  for (let y = 0; y < YEARS; y++) {
    const year = 2015 + y;
    const rows = ['indicator,month,value'];
    for (let i = 0; i < INDICATORS; i++) {
      for (let k = 0; k < 12; k++) {
        const month = `${year + (k > 8 ? 1 : 0)}-${String(((k + 3) % 12) + 1).padStart(2, '0')}`;
        rows.push(`measure-${i},${month},${i % 2 ? `${70 + ((i + k) % 25)}.${k}` : `${1000 + i * 3 + k}`}`);
      }
    }
    writeFileSync(join(dir, 'performance', `${year}-${String(year + 1).slice(2)}.csv`), `${rows.join('\n')}\n`);
  }
  return dates;
}

function dataBytes(dir) {
  return readdirSync(dir, { withFileTypes: true, recursive: true })
    .filter((e) => e.isFile() && /\.(ya?ml|csv|md)$/.test(e.name))
    .reduce((n, e) => n + statSync(join(e.parentPath, e.name)).size, 0);
}

/**
 * Writes the board into `work`, then times `cpb validate` of it: after start-up (in this process,
 * load and validate, once warmed up, the way the bench has always measured it; with the CPU time
 * it took, all threads, which stays put when other work slows the clock), the first run in a
 * fresh process (everything cpb does once per run, such as the validators' set-up, included; node's
 * start-up and cpb's launcher not), and the whole process. Returns the lines to print.
 */
export async function benchValidate({ work, runs = 3, env = { ...process.env, NO_COLOR: '1', CPB_TODAY: '2026-01-01' } }) {
  const board = join(work, 'validate-10mb');
  writeValidateBoard(board);
  const mb = dataBytes(board) / 1048576;

  const { loadBoardFolder } = await import(join(ROOT, 'dist/load/board-folder.js'));
  const { validateBoard } = await import(join(ROOT, 'dist/validate/validate-board.js'));
  const { validationContext } = await import(join(ROOT, 'dist/cli/validation-context.js'));
  const context = await validationContext(env);
  const first = validateBoard(await loadBoardFolder(board), context);
  if (first.errors.length) throw new Error(`the generated board is not valid: ${first.errors[0].file}:${first.errors[0].line} ${first.errors[0].message}`);
  const warm = [];
  const cpu = [];
  for (let i = 0; i < 5; i++) {
    const start = performance.now();
    const used = process.cpuUsage();
    validateBoard(await loadBoardFolder(board), context);
    warm.push(performance.now() - start);
    const { user, system } = process.cpuUsage(used);
    cpu.push((user + system) / 1000);
  }
  const fresh = median(Array.from({ length: runs }, () => {
    const out = execFileSync(process.execPath, [join(ROOT, 'scripts/bench-run.mjs'), 'validate', board], { env, encoding: 'utf8' });
    return JSON.parse(out.trim().split('\n').pop()).ms;
  }));
  const whole = median(Array.from({ length: runs }, () => {
    const start = performance.now();
    execFileSync(process.execPath, [CPB, 'validate', board], { env, stdio: 'ignore' });
    return performance.now() - start;
  }));
  const nodeAlone = median(Array.from({ length: runs }, () => {
    const start = performance.now();
    execFileSync(process.execPath, ['-e', ''], { stdio: 'ignore' });
    return performance.now() - start;
  }));
  const ms = (x) => `${x.toFixed(0)} ms`;
  return [
    `validate (${mb.toFixed(1)} MB of data: ${readdirSync(join(board, 'meetings')).length} meetings, actions, a plan of 6000 rows, ${YEARS} years of ${INDICATORS} indicators): ${ms(median(warm))} after start-up = ${(median(warm) / mb).toFixed(0)} ms per MB (${ms(median(cpu))} of CPU, which a busy machine does not stretch); first run in a fresh process ${ms(fresh)}; whole process ${ms(whole)} (node start-up alone ${ms(nodeAlone)})`,
  ];
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  const work = mkdtempSync(join(os.tmpdir(), 'cpb-bench-validate-'));
  try {
    for (const line of await benchValidate({ work, runs: Number(process.env.BENCH_RUNS ?? 3) })) console.log(line);
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
}
