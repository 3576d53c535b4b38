import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';

// The layering of src/ as .dependency-cruiser.cjs states it, checked by dependency-cruiser itself.
const ROOT = join(import.meta.dirname, '../..');
const CLI = join(ROOT, 'node_modules/dependency-cruiser/bin/dependency-cruise.mjs');
const KNOWN_FILE = '.dependency-cruiser-known-violations.json';

interface Violation {
  from: string;
  to: string;
  cycle?: { name: string }[];
  rule: { name: string };
}

/** One line per violation, the same for the known list and for a fresh run. */
const describeViolation = (v: Violation): string =>
  `${v.rule.name}: ${v.from} → ${v.to}${v.cycle ? ` (cycle ${v.cycle.map((step) => step.name).join(' → ')})` : ''}`;

/** The rules whose violations other work is removing; no other rule may be waived. */
const WAIVABLE = new Set(['render-reads-nothing', 'write-renders-nothing', 'model-needs-no-validate']);
/** The number of known violations when the list was made; it may only go down. */
const MOST_KNOWN = 24;

let found: string[];
const known = (JSON.parse(readFileSync(join(ROOT, KNOWN_FILE), 'utf8')) as Violation[]).map(describeViolation);

beforeAll(() => {
  const run = spawnSync(process.execPath, [CLI, 'src', '--config', '.dependency-cruiser.cjs', '--output-type', 'json'], {
    cwd: ROOT,
    encoding: 'utf8',
    maxBuffer: 64 * 1024 * 1024,
  });
  if (!run.stdout) throw new Error(`depcruise printed nothing: ${run.stderr}`);
  const result = JSON.parse(run.stdout) as { summary: { violations: Violation[] } };
  found = result.summary.violations.map(describeViolation);
}, 60_000);

describe('the layers of src/ (npm run depcruise)', () => {
  it('have no import that is not already listed as a known violation', () => {
    expect(found.filter((v) => !known.includes(v))).toEqual([]);
  });

  it(`list no known violation that is gone (run \`npm run depcruise:baseline\` to shorten ${KNOWN_FILE})`, () => {
    expect(known.filter((v) => !found.includes(v))).toEqual([]);
  });

  it('waive only the imports being removed, and never more of them than when the list was made', () => {
    expect(known.filter((v) => !WAIVABLE.has(v.slice(0, v.indexOf(':'))))).toEqual([]);
    expect(known.length).toBeLessThanOrEqual(MOST_KNOWN);
  });

  it('find no import cycle', () => {
    expect(found.filter((v) => v.startsWith('no-circular:'))).toEqual([]);
  });
});
