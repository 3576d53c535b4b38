import { mkdir, mkdtemp, rm, symlink, utimes, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { anyFileChangedSince } from '../../src/load/board-mtimes.js';

describe('whether a board changed since its last build, by modification times', () => {
  let dir: string;
  const board = () => join(dir, 'board');
  const OLD = new Date('2024-01-01T00:00:00Z');
  const since = new Date('2025-01-01T00:00:00Z').getTime();
  const NEW = new Date('2026-01-01T00:00:00Z');
  const file = async (path: string, at: Date) => {
    await mkdir(join(path, '..'), { recursive: true });
    await writeFile(path, 'x');
    await utimes(path, at, at);
  };

  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'cpb-mtimes-'));
    await file(join(board(), 'board.yaml'), OLD);
    await file(join(board(), 'meetings/2025-03-01/meeting.yaml'), OLD);
    await file(join(dir, 'elsewhere.md'), NEW);
  });
  afterAll(() => rm(dir, { recursive: true, force: true }));

  it('says no when every file is older, whatever is newer in the output folder, in .git or behind a link', async () => {
    await file(join(board(), 'out/2025-03-01/pack.pdf'), NEW);
    await file(join(board(), '.git/index'), NEW);
    await symlink(join(dir, 'elsewhere.md'), join(board(), 'meetings/2025-03-01/linked.md'));
    expect(await anyFileChangedSince(board(), since, [join(board(), 'out')])).toBe(false);
  });

  it('says yes when a paper deep in a meeting folder was edited since', async () => {
    await file(join(board(), 'meetings/2025-03-01/papers/report.md'), NEW);
    expect(await anyFileChangedSince(board(), since, [join(board(), 'out')])).toBe(true);
  });
});
