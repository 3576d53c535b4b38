// The memory of a process and everything it started (for cpb: Chromium's browser, renderer, GPU
// and utility processes), sampled from /proc while it runs. Linux only.
import { spawn } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';

/** Each running process's parent, by process id, from /proc/PID/stat. */
function parents() {
  const parentOf = new Map();
  for (const name of readdirSync('/proc')) {
    if (!/^\d+$/.test(name)) continue;
    try {
      // The command name (in brackets) may hold spaces and brackets: the fields after its last ')' are "state ppid …".
      const stat = readFileSync(`/proc/${name}/stat`, 'utf8');
      parentOf.set(Number(name), Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]));
    } catch {
      // The process ended between the listing and the read.
    }
  }
  return parentOf;
}

/** `pid` and all its descendants that are running now. */
export function processTree(pid) {
  const parentOf = parents();
  const tree = new Set([pid]);
  // Children can have lower ids than their parents (ids wrap), so go round until nothing is added.
  for (let grew = true; grew; ) {
    grew = false;
    for (const [child, parent] of parentOf) {
      if (!tree.has(child) && tree.has(parent)) {
        tree.add(child);
        grew = true;
      }
    }
  }
  return [...tree];
}

/**
 * How a process's memory is counted. `rss`: its resident memory (VmRSS in /proc/PID/status),
 * cheap to read, but pages shared between processes (Chromium's program file, the memory its
 * processes share) count once in each, so a tree's sum is an upper bound. `pss`: its proportional
 * share (Pss in /proc/PID/smaps_rollup), each shared page split between the processes sharing it,
 * so a tree's sum is what it holds; reading it walks the process's memory map, a few
 * milliseconds each, which takes a good part of a core if read every 50 ms.
 */
const MEASURES = {
  rss: { file: 'status', field: /^VmRSS:\s+(\d+) kB/m },
  pss: { file: 'smaps_rollup', field: /^Pss:\s+(\d+) kB/m },
};

/** One process's memory in bytes by `measure` (rss or pss), 0 if it has ended. */
function bytesOf(pid, measure) {
  const { file, field } = MEASURES[measure];
  try {
    const kb = field.exec(readFileSync(`/proc/${pid}/${file}`, 'utf8'));
    return kb ? Number(kb[1]) * 1024 : 0;
  } catch {
    return 0;
  }
}

/** The memory of `pid` and its descendants now, summed, in bytes (`measure`: rss or pss). */
export function treeMemoryBytes(pid, measure = 'rss') {
  return processTree(pid).reduce((sum, p) => sum + bytesOf(p, measure), 0);
}

/**
 * Samples treeMemoryBytes(pid, measure) every `intervalMs` until `stop()`, which gives the
 * highest sum seen and how many samples were taken.
 */
export function sampleTreeMemory(pid, { intervalMs = 50, measure = 'rss' } = {}) {
  let peak = 0;
  let samples = 0;
  const sample = () => {
    peak = Math.max(peak, treeMemoryBytes(pid, measure));
    samples++;
  };
  sample();
  const timer = setInterval(sample, intervalMs);
  return {
    stop() {
      clearInterval(timer);
      return { peakBytes: peak, samples };
    },
  };
}

/**
 * Runs a command with its tree's memory sampled (`intervalMs`, `measure` as sampleTreeMemory);
 * resolves to its standard output and the peak, or rejects if it fails (with its standard error).
 */
export function runSampled(command, args, { env, intervalMs = 50, measure = 'rss' } = {}) {
  return new Promise((resolvePromise, reject) => {
    const child = spawn(command, args, { env, stdio: ['ignore', 'pipe', 'pipe'] });
    const sampler = sampleTreeMemory(child.pid, { intervalMs, measure });
    const out = [];
    const err = [];
    child.stdout.on('data', (d) => out.push(d));
    child.stderr.on('data', (d) => err.push(d));
    child.on('error', (error) => {
      sampler.stop();
      reject(error);
    });
    child.on('close', (code) => {
      const { peakBytes, samples } = sampler.stop();
      if (code !== 0) reject(new Error(`${command} ${args.join(' ')} exited with ${code}: ${Buffer.concat(err).toString()}`));
      else resolvePromise({ stdout: Buffer.concat(out).toString(), peakBytes, samples });
    });
  });
}
