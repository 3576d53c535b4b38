// npm run bench: cpb's performance figures, measured side by side in one run so the ratios hold
// on a noisy machine. Prints a table; numbers are medians of several runs.
import { execFileSync } from 'node:child_process';
import { readdirSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { performance } from 'node:perf_hooks';
import os from 'node:os';

const ROOT = resolve(import.meta.dirname, '..');
const CPB = join(ROOT, 'bin/cpb');
const EXAMPLE = join(ROOT, 'examples/lancashire');
const RUNS = Number(process.env.BENCH_RUNS ?? 7);
const env = { ...process.env, NO_COLOR: '1', CPB_TODAY: '2019-11-20' };

const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

function timeProcess(args) {
  const times = [];
  for (let i = 0; i < RUNS; i++) {
    const start = performance.now();
    try {
      execFileSync(process.execPath, args, { env, stdio: 'ignore' });
    } catch {
      // validate exits 1 on invalid data; the time still counts
    }
    times.push(performance.now() - start);
  }
  return median(times);
}

async function timeInProcess(fn) {
  await fn(); // warm-up: module loading and schema compilation happen once per process
  const times = [];
  for (let i = 0; i < RUNS; i++) {
    const start = performance.now();
    await fn();
    times.push(performance.now() - start);
  }
  return median(times);
}

function dataBytes(dir) {
  let total = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    if (entry.isDirectory() && entry.name !== 'out' && entry.name !== 'papers') total += dataBytes(path);
    else if (/\.(ya?ml|csv)$/.test(entry.name)) total += statSync(path).size;
  }
  return total;
}

const { loadBoardFolder } = await import(join(ROOT, 'dist/load/board-folder.js'));
const { validateBoard } = await import(join(ROOT, 'dist/validate/validate-board.js'));
const { validationContext } = await import(join(ROOT, 'dist/cli/validation-context.js'));
const context = await validationContext(env);

const nodeFloor = timeProcess(['-e', '']);
const cpbStart = timeProcess([CPB, '--version']);
const validateProcess = timeProcess([CPB, 'validate', EXAMPLE]);
const validateInProcess = await timeInProcess(async () => validateBoard(await loadBoardFolder(EXAMPLE), context));
const mb = dataBytes(EXAMPLE) / 1048576;

const rows = [
  ['node start-up (floor)', nodeFloor, 1],
  ['cpb --version (start-up)', cpbStart, cpbStart / nodeFloor],
  ['cpb validate example (whole process)', validateProcess, validateProcess / nodeFloor],
  ['validate example after start-up (in-process)', validateInProcess, validateInProcess / nodeFloor],
];
console.log(`cpb benchmark: ${os.cpus().length} cores, ${Math.round(os.totalmem() / 2 ** 30)} GiB, node ${process.version}, median of ${RUNS} runs`);
console.log('');
console.log('| measure | ms | × node start-up |');
console.log('| --- | ---: | ---: |');
for (const [name, ms, ratio] of rows) console.log(`| ${name} | ${ms.toFixed(1)} | ${ratio.toFixed(2)} |`);
console.log('');
console.log(`validate: ${(validateInProcess / mb).toFixed(0)} ms per MB of data (${(mb * 1024).toFixed(1)} KB of YAML and CSV in the example)`);
console.log(`validate after start-up is ${(validateInProcess / (validateProcess - validateInProcess)).toFixed(2)}× the cost of starting cpb`);
