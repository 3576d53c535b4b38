// npm run bench: cpb's performance, measured side by side in one run so the ratios hold on a
// noisy machine. Boards are generated (scripts/bench-board.mjs) at several sizes.
import { execFileSync } from 'node:child_process';
import { appendFileSync, mkdtempSync, readdirSync, rmSync, statSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import os from 'node:os';
import { join, resolve } from 'node:path';
import { performance } from 'node:perf_hooks';
import { writeBenchBoard } from './bench-board.mjs';
import { runSampled } from './bench-memory.mjs';
import { printSuppliedPdfs } from './bench-pdfs.mjs';

const ROOT = resolve(import.meta.dirname, '..');
const CPB = join(ROOT, 'bin/cpb');
const RUNS = Number(process.env.BENCH_RUNS ?? 3);
const env = { ...process.env, NO_COLOR: '1', CPB_TODAY: '2026-01-01' };
const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const work = mkdtempSync(join(os.tmpdir(), 'cpb-bench-'));
// Its generated boards go however the bench ends (a missing pdfinfo, Ctrl-C), not only when it finishes.
process.on('exit', () => rmSync(work, { recursive: true, force: true }));
process.on('SIGINT', () => process.exit(130));

function time(args, extraEnv = {}) {
  const start = performance.now();
  execFileSync(process.execPath, args, { env: { ...env, ...extraEnv }, stdio: 'ignore' });
  return performance.now() - start;
}

/** Runs cpb in a fresh process that reports its own time and peak memory. */
function measured(args, extraEnv = {}) {
  const out = execFileSync(process.execPath, [join(ROOT, 'scripts/bench-run.mjs'), ...args], { env: { ...env, ...extraEnv }, encoding: 'utf8' });
  return JSON.parse(out.trim().split('\n').pop());
}

function filesUnder(dir, test) {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const path = join(dir, e.name);
    return e.isDirectory() ? filesUnder(path, test) : test(path) ? [path] : [];
  });
}

/** Chromium printing every document cpb prints (each final HTML once, in one browser): the older, softer floor. */
async function chromiumFloor(htmlDir) {
  const { BrowserSession } = await import(join(ROOT, 'dist/print/browser-session.js'));
  const { printPdf } = await import(join(ROOT, 'dist/print/print-pdf.js'));
  const files = filesUnder(htmlDir, (p) => p.endsWith('.html'));
  const start = performance.now();
  const session = new BrowserSession({ timeoutMs: 600_000 });
  try {
    for (const file of files) await printPdf(session, await readFile(file, 'utf8'), file);
  } finally {
    await session.close();
  }
  return performance.now() - start;
}

/**
 * The true floor: the least work that gives a user the pack. For each meeting, one tagged print of
 * its final public pack HTML in a fresh browser, launch included, as if cpb had nothing else to do.
 */
async function packFloor(htmlDir) {
  const { BrowserSession } = await import(join(ROOT, 'dist/print/browser-session.js'));
  const { printPdf } = await import(join(ROOT, 'dist/print/print-pdf.js'));
  const packs = filesUnder(htmlDir, (p) => p.endsWith('/pack.html') && !p.includes('/confidential/'));
  let total = 0;
  for (const file of packs) {
    const html = await readFile(file, 'utf8');
    const start = performance.now();
    const session = new BrowserSession({ timeoutMs: 600_000 });
    try {
      await printPdf(session, html, file);
    } finally {
      await session.close();
    }
    total += performance.now() - start;
  }
  return total;
}

function pagesOf(outDir) {
  // Not the site's copies (site/meetings/…/pack.pdf), which are the same packs again.
  return filesUnder(outDir, (p) => p.endsWith('/pack.pdf') && !p.startsWith(join(outDir, 'site'))).reduce((n, p) => n + Number(/Pages:\s+(\d+)/.exec(execFileSync('pdfinfo', [p], { encoding: 'utf8' }))[1]), 0);
}

// The ten-year board takes minutes to build; it is built once per run of the bench.
const SIZES = [
  { name: '1 meeting, ~150 pages', meetings: 1, reports: 16, pages: 5, runs: RUNS },
  { name: '1 meeting, ~300 pages', meetings: 1, reports: 32, pages: 5, runs: RUNS, editOnePaper: true },
  { name: '60 meetings (ten years)', meetings: 60, reports: 2, pages: 1, runs: 1 },
];

// BENCH_SIZES=0,1 measures only those rows (to try the bench quickly); the validate line needs row 2, 3 is the no-change rebuild of 20, 60 and 120 meetings, and 5 the meeting of mostly supplied PDFs.
const chosen = process.env.BENCH_SIZES ? new Set(process.env.BENCH_SIZES.split(',').map(Number)) : undefined;
console.log(`cpb benchmark: ${os.cpus().length} cores, ${Math.round(os.totalmem() / 2 ** 30)} GiB, node ${process.version}, ${os.cpus()[0]?.model ?? ''}`);
console.log('');
const rows = [];
for (const [index, size] of SIZES.entries()) {
  if (chosen && !chosen.has(index)) continue;
  const board = join(work, size.name.replace(/\W+/g, '-'));
  writeBenchBoard(board, size);
  const out = join(board, 'out');
  // Outside the board: files written into it would be new inputs, and the rebuild would not be a no-change one.
  const htmlDir = `${board}-printed-html`;
  const build = [];
  let memory = 0;
  for (let i = 0; i < size.runs; i++) {
    rmSync(out, { recursive: true, force: true });
    rmSync(htmlDir, { recursive: true, force: true });
    const r = measured(['build', board, '--out', out], { CPB_KEEP_PRINTED_HTML: htmlDir });
    build.push(r.ms);
    memory = Math.max(memory, r.maxRssMb);
  }
  const floor = await chromiumFloor(htmlDir);
  const packs = await packFloor(htmlDir);
  const rebuild = median(Array.from({ length: RUNS }, () => time([CPB, 'build', board, '--out', out])));
  // One paper edited (a sentence added to its first report), then built again: what a clerk does most.
  const edit = size.editOnePaper ? median(Array.from({ length: RUNS }, (_, i) => editAndRebuild(board, out, i))) : undefined;
  rows.push({ size: size.name, pages: pagesOf(out), build: median(build), floor, packs, rebuild, edit, memory });
}

function editAndRebuild(board, out, i) {
  const paper = filesUnder(join(board, 'meetings'), (p) => p.endsWith('/report-1.md'))[0];
  appendFileSync(paper, `\nA sentence added by the benchmark, edit ${i + 1}.\n`);
  return time([CPB, 'build', board, '--out', out]);
}

/**
 * The no-change rebuild against the number of meetings: boards of 20, 60 and 120 meetings, each
 * built once without PDFs (printing is not what is measured), then built again unchanged.
 */
const flat = [];
if (!chosen || chosen.has(3)) {
  for (const meetings of [20, 60, 120]) {
    const board = join(work, `flat-${meetings}`);
    writeBenchBoard(board, { meetings, reports: 2, pages: 1 });
    const out = join(board, 'out');
    time([CPB, 'build', board, '--out', out, '--html-only']);
    flat.push({ meetings, ms: median(Array.from({ length: RUNS }, () => time([CPB, 'build', board, '--out', out, '--html-only']))) });
  }
}

/**
 * Size 5: one meeting of about 500 pages, most of them supplied PDFs (tagged, as Chromium prints
 * them) beside two short Markdown reports. The full build against the floor, and the peak memory
 * of cpb and every process it starts (Chromium's) together, sampled while it builds.
 */
let supplied;
if (!chosen || chosen.has(5)) {
  const board = join(work, 'supplied-pdfs');
  writeBenchBoard(board, { meetings: 1, reports: 2, pages: 2, supplied: await printSuppliedPdfs([60, 90, 120, 150, 80]) });
  const out = join(board, 'out');
  const htmlDir = `${board}-printed-html`;
  const build = [];
  let peakBytes = 0;
  let cpbMb = 0;
  for (let i = 0; i < RUNS; i++) {
    rmSync(out, { recursive: true, force: true });
    rmSync(htmlDir, { recursive: true, force: true });
    const r = await runSampled(process.execPath, [join(ROOT, 'scripts/bench-run.mjs'), 'build', board, '--out', out], { env: { ...env, CPB_KEEP_PRINTED_HTML: htmlDir } });
    const result = JSON.parse(r.stdout.trim().split('\n').pop());
    build.push(result.ms);
    peakBytes = Math.max(peakBytes, r.peakBytes);
    cpbMb = Math.max(cpbMb, result.maxRssMb);
  }
  const pages = pagesOf(out);
  const packs = await packFloor(htmlDir);
  // Pss is dear to read (it would slow the timed builds), so it has a build of its own, not timed.
  rmSync(out, { recursive: true, force: true });
  const pss = await runSampled(process.execPath, [join(ROOT, 'scripts/bench-run.mjs'), 'build', board, '--out', out], { env, measure: 'pss' });
  supplied = { size: '1 meeting, ~500 pages, mostly supplied PDFs', pages, build: median(build), packs, rssMb: peakBytes / 2 ** 20, pssMb: pss.peakBytes / 2 ** 20, cpbMb };
}

console.log('| board | pages in its packs | full build | floor: one print of each pack | build ÷ floor | Chromium printing all cpb prints | build ÷ that | rebuild, nothing changed | peak memory (cpb) |');
console.log('| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |');
const s = (ms) => `${(ms / 1000).toFixed(2)} s`;
for (const r of rows) {
  console.log(`| ${r.size} | ${r.pages} | ${s(r.build)} | ${s(r.packs)} | ${(r.build / r.packs).toFixed(2)}× | ${s(r.floor)} | ${(r.build / r.floor).toFixed(2)}× | ${s(r.rebuild)} | ${r.memory.toFixed(0)} MB |`);
}
console.log('');
for (const r of rows.filter((r) => r.edit !== undefined)) {
  console.log(`one paper of the ${r.size.replace(/^1 meeting, /, '')} meeting edited, then built again: ${s(r.edit)} = ${(r.edit / r.packs).toFixed(2)}× the floor`);
}
if (flat.length) console.log(`no-change rebuild by board size: ${flat.map((f) => `${f.meetings} meetings ${s(f.ms)}`).join(', ')} (built without PDFs)`);
console.log('');
console.log('The floor is one tagged print of each meeting\'s final public pack HTML in a fresh browser, launch included: the least work that gives the user the pack. The column after it is the older figure: Chromium printing every document cpb prints, in one browser.');
console.log('');
if (supplied) {
  const r = supplied;
  console.log('| board | pages in its pack | full build | floor: one print of the pack | build ÷ floor | peak memory, cpb + Chromium (Pss) | the same (VmRSS) |');
  console.log('| --- | ---: | ---: | ---: | ---: | ---: | ---: |');
  console.log(`| ${r.size} | ${r.pages} | ${s(r.build)} | ${s(r.packs)} | ${(r.build / r.packs).toFixed(2)}× | ${r.pssMb.toFixed(0)} MB | ${r.rssMb.toFixed(0)} MB |`);
  console.log('');
  console.log(`Goal: the build at most 1.5× the floor (here ${(r.build / r.packs).toFixed(2)}×) and the peak memory of cpb and Chromium together under 1 GB (here ${(r.pssMb / 1024).toFixed(2)} GB). Peak memory is the most the memory of cpb's process and all its descendants (Chromium's processes) came to, summed, sampled every 50 ms: by Pss (/proc/PID/smaps_rollup, each shared page split between the processes sharing it; from one more build, not timed, as reading it takes CPU) and by VmRSS (/proc/PID/status, during the timed builds; shared pages count in each process, so an upper bound). cpb's process alone peaked at ${r.cpbMb.toFixed(0)} MB.`);
  console.log('');
}
if (!chosen || chosen.has(2)) {
  const history = join(work, SIZES[2].name.replace(/\W+/g, '-'));
  const { loadBoardFolder } = await import(join(ROOT, 'dist/load/board-folder.js'));
  const { validateBoard } = await import(join(ROOT, 'dist/validate/validate-board.js'));
  const { validationContext } = await import(join(ROOT, 'dist/cli/validation-context.js'));
  const context = await validationContext(env);
  const bytes = filesUnder(history, (p) => /\.(ya?ml|csv|md)$/.test(p) && !p.includes('/out/')).reduce((n, p) => n + statSync(p).size, 0);
  await validateBoard(await loadBoardFolder(history), context);
  const validateTimes = [];
  for (let i = 0; i < 5; i++) {
    const start = performance.now();
    validateBoard(await loadBoardFolder(history), context);
    validateTimes.push(performance.now() - start);
  }
  const validateProcess = median(Array.from({ length: RUNS }, () => time([CPB, 'validate', history])));
  const nodeFloor = median(Array.from({ length: RUNS }, () => time(['-e', ''])));

  const mb = bytes / 1048576;
  console.log(`validate (60 meetings, ${(bytes / 1024).toFixed(0)} KB of data): ${median(validateTimes).toFixed(0)} ms after start-up = ${(median(validateTimes) / mb).toFixed(0)} ms per MB; whole process ${validateProcess.toFixed(0)} ms (node start-up alone ${nodeFloor.toFixed(0)} ms)`);
}
if (!chosen || chosen.has(4)) for (const line of await (await import('./bench-validate.mjs')).benchValidate({ work, runs: RUNS, env })) console.log(line); // BENCH_SIZES=4: validate of ~10 MB
rmSync(work, { recursive: true, force: true });
