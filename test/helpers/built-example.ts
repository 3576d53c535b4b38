import { createHash } from 'node:crypto';
import { existsSync } from 'node:fs';
import { cp, mkdir, mkdtemp, readdir, readFile, rename, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, sep } from 'node:path';
import { inject } from 'vitest';
import { cpb, EXAMPLES, ROOT, type CliResult } from './cli.js';

declare module 'vitest' {
  export interface ProvidedContext {
    /** The folder test/global-setup.ts made for this run's shared example builds. */
    builtExamples: string;
  }
}

export interface BuiltExample {
  /** The board; its out/ holds what the build wrote. */
  dir: string;
  /** What `cpb build` said, as if it had been run on `dir`. */
  result: CliResult;
  cleanup: () => Promise<void>;
}

/**
 * A scratch copy of an example board that `cpb build <board> ...args` (with `env`) has built.
 * Many test files start from the same build of an example; printing every PDF in Chromium is
 * the slow part of the suite, so each distinct build runs once per test run (the first file to
 * ask builds it, any other worker waits) and every caller gets its own copy of the board and
 * its out/, free to edit and rebuild. cpb's build cache holds no absolute paths and compares
 * contents, so the copy is reused exactly as the board it was built from.
 */
export async function builtCopyOfExample(args: string[], env: Record<string, string>, example = 'lancashire'): Promise<BuiltExample> {
  const built = await sharedBuild(example, args, env);
  const parent = await mkdtemp(join(tmpdir(), 'cpb-test-'));
  const dir = join(parent, 'board');
  await cp(join(built, 'board'), dir, { recursive: true, preserveTimestamps: true });
  const said = JSON.parse(await readFile(join(built, 'result.json'), 'utf8')) as CliResult & { board: string };
  // Messages name the board built; the copy is where the test's board lives.
  const moved = (text: string) => text.split(said.board).join(dir);
  return {
    dir,
    result: { code: said.code, stdout: moved(said.stdout), stderr: moved(said.stderr) },
    cleanup: () => rm(parent, { recursive: true, force: true }),
  };
}

/** The folder holding the finished build (board/ and result.json), building it if no one has. */
async function sharedBuild(example: string, args: string[], env: Record<string, string>): Promise<string> {
  const root = inject('builtExamples');
  if (!root) throw new Error('builtCopyOfExample needs the globalSetup in vitest.config.ts (test/global-setup.ts)');
  const source = join(EXAMPLES, example);
  const key = await buildKey(source, args, env);
  const done = join(root, key);
  const lock = join(root, `${key}.lock`);
  for (;;) {
    if (existsSync(join(done, 'result.json'))) return done;
    if (await claim(lock)) break;
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
  try {
    const work = await mkdtemp(join(root, `${key}.building-`));
    const board = join(work, 'board');
    const out = join(source, 'out');
    await cp(source, board, { recursive: true, filter: (src) => src !== out && !src.startsWith(out + sep) });
    const result = await cpb(['build', board, ...args], { env });
    await writeFile(join(work, 'result.json'), JSON.stringify({ ...result, board }));
    await rename(work, done);
    return done;
  } finally {
    await rm(lock, { recursive: true, force: true });
  }
}

/** Takes the lock (a folder holding the builder's pid), or takes over one whose builder died. */
async function claim(lock: string): Promise<boolean> {
  try {
    await mkdir(lock);
    await writeFile(join(lock, 'pid'), String(process.pid));
    return true;
  } catch {
    const pid = Number(await readFile(join(lock, 'pid'), 'utf8').catch(() => ''));
    if (pid && !alive(pid)) await rm(lock, { recursive: true, force: true });
    return false;
  }
}

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

/** Names a build by everything it depends on: the example, cpb as compiled, its templates, the arguments and environment. */
async function buildKey(source: string, args: string[], env: Record<string, string>): Promise<string> {
  const hash = createHash('sha256');
  hash.update(JSON.stringify({ args, env: Object.entries(env).sort() }));
  for (const dir of [source, join(ROOT, 'dist'), join(ROOT, 'templates')]) {
    for (const file of await filesOf(dir, join(source, 'out'))) hash.update(`${file}\0`).update(await readFile(file));
  }
  return hash.digest('hex').slice(0, 16);
}

async function filesOf(dir: string, skip: string): Promise<string[]> {
  const files: string[] = [];
  for (const entry of (await readdir(dir, { withFileTypes: true })).sort((a, b) => a.name.localeCompare(b.name))) {
    const path = join(dir, entry.name);
    if (path === skip) continue;
    if (entry.isDirectory()) files.push(...(await filesOf(path, skip)));
    else files.push(path);
  }
  return files;
}
