import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';

// The layering of src/ as .dependency-cruiser.cjs states it, checked by dependency-cruiser itself.
const ROOT = join(import.meta.dirname, '../..');
const CLI = join(ROOT, 'node_modules/dependency-cruiser/bin/dependency-cruise.mjs');

interface Violation {
  from: string;
  to: string;
  cycle?: { name: string }[];
  rule: { name: string };
}

/** One line per violation, naming the rule and the import. */
const describeViolation = (v: Violation): string =>
  `${v.rule.name}: ${v.from} → ${v.to}${v.cycle ? ` (cycle ${v.cycle.map((step) => step.name).join(' → ')})` : ''}`;

let found: string[];
let modules: number;

beforeAll(() => {
  const run = spawnSync(process.execPath, [CLI, 'src', '--config', '.dependency-cruiser.cjs', '--output-type', 'json'], {
    cwd: ROOT,
    encoding: 'utf8',
    maxBuffer: 64 * 1024 * 1024,
  });
  if (!run.stdout) throw new Error(`depcruise printed nothing: ${run.stderr}`);
  const result = JSON.parse(run.stdout) as { summary: { violations: Violation[]; totalCruised: number } };
  found = result.summary.violations.map(describeViolation);
  modules = result.summary.totalCruised;
}, 60_000);

describe('the layers of src/ (npm run depcruise)', () => {
  it('were checked over every module of src/', () => {
    // A config that matched nothing would pass every rule.
    expect(modules).toBeGreaterThan(150);
  });

  it('have no import from a stage to a later one, nor any other broken rule', () => {
    expect(found).toEqual([]);
  });
});
