import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { copyOfExample, cpb } from '../helpers/cli.js';

// minutes[].exempt: a minute taken in private on the day names a real paragraph of Schedule 12A.
async function withMinute7(exempt: string): Promise<{ code: number; stderr: string; cleanup: () => Promise<void> }> {
  const board = await copyOfExample();
  const file = join(board.dir, 'meetings/2019-11-26/minutes.yaml');
  const text = await readFile(file, 'utf8');
  await writeFile(file, text.replace('  - item: 7\n', `  - item: 7\n    exempt: ${exempt}\n`));
  const r = await cpb(['validate', '.'], { cwd: board.dir, env: { CPB_TODAY: '2019-11-20' } });
  return { ...r, cleanup: board.cleanup };
}

describe('a minute marked exempt', () => {
  it('is accepted with a paragraph of Schedule 12A', async () => {
    const r = await withMinute7('{ paragraph: 2 }');
    try {
      expect(r.code, r.stderr).toBe(0);
    } finally {
      await r.cleanup();
    }
  });

  it('is refused with a paragraph that is not one, naming the file and line', async () => {
    const r = await withMinute7('{ paragraph: 9 }');
    try {
      expect(r.code).toBe(1);
      expect(r.stderr).toMatch(/meetings\/2019-11-26\/minutes\.yaml:\d+:\d+ {2}error {2}'paragraph' must be a paragraph of Part 1 of Schedule 12A, 1 to 7/);
      expect(r.stderr).not.toMatch(/\/tmp\/|cpb-test-/);
    } finally {
      await r.cleanup();
    }
  });

  it('is refused without a paragraph', async () => {
    const r = await withMinute7('{ reason: in private }');
    try {
      expect(r.code).toBe(1);
      expect(r.stderr).toMatch(/meetings\/2019-11-26\/minutes\.yaml:\d+:\d+ {2}error .*paragraph/);
    } finally {
      await r.cleanup();
    }
  });
});
