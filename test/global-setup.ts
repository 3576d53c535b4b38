import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, rmSync, statSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { TestProject } from 'vitest/node';

const ROOT = join(import.meta.dirname, '..');
const STAMP = join(ROOT, 'dist', '.built');

function newestSource(dir: string): number {
  let newest = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    newest = Math.max(newest, entry.isDirectory() ? newestSource(path) : statSync(path).mtimeMs);
  }
  return newest;
}

/**
 * End-to-end tests run bin/cpb, which runs dist/: compile it first whenever a source is newer
 * than the last compile, so a plain `npx vitest` never tests stale code.
 */
export default function setup(project: TestProject): () => void {
  const before = repositoryState();
  // The example builds test files share (test/helpers/built-example.ts) live for this run only.
  const builtExamples = mkdtempSync(join(tmpdir(), 'cpb-built-examples-'));
  project.provide('builtExamples', builtExamples);
  const sources = Math.max(newestSource(join(ROOT, 'src')), statSync(join(ROOT, 'tsconfig.json')).mtimeMs);
  if (existsSync(STAMP) && statSync(STAMP).mtimeMs >= sources) return teardown;
  const started = new Date();
  execFileSync(process.execPath, [join(ROOT, 'node_modules/typescript/bin/tsc'), '-p', join(ROOT, 'tsconfig.build.json')], { stdio: 'inherit' });
  writeFileSync(STAMP, `${started.toISOString()}\n`);
  // Stamped with the time compiling began, so a source saved meanwhile is compiled next run.
  utimesSync(STAMP, started, started);
  return teardown;

  /** No test may write into the repository: they work in temporary folders. */
  function teardown(): void {
    rmSync(builtExamples, { recursive: true, force: true });
    const after = repositoryState();
    if (after === before) return;
    // A throw here is only printed; the exit status is what CI sees.
    process.exitCode = 1;
    console.error(`The tests changed files in the repository (git status before and after):\n${before}---\n${after}`);
  }
}

/** What git sees changed or added under the folders tests use, ignored files (out/) included. */
function repositoryState(): string {
  try {
    return execFileSync('git', ['status', '--porcelain', '--ignored', '--', 'examples', 'test', 'templates', 'schemas', 'data', '.scratch'], { cwd: ROOT, encoding: 'utf8' });
  } catch {
    return 'not a git checkout';
  }
}
