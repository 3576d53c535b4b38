// Runs one cpb command in this process and prints its time and the process's peak memory as JSON:
// the bench runs each measurement in a fresh process so memory figures do not mix.
import { performance } from 'node:perf_hooks';
import { join, resolve } from 'node:path';

const ROOT = resolve(import.meta.dirname, '..');
const { run } = await import(join(ROOT, 'dist/cli/run.js'));
const { memoryIo } = await import(join(ROOT, 'dist/cli/io.js'));
const io = memoryIo({ ...process.env, NO_COLOR: '1' });
const start = performance.now();
const code = await run(process.argv.slice(2), io);
const ms = performance.now() - start;
if (code !== 0) {
  process.stderr.write(io.err.join(''));
  process.exitCode = code;
}
process.stdout.write(`${JSON.stringify({ ms, maxRssMb: process.resourceUsage().maxRSS / 1024, code })}\n`);
