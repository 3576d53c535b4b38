import { stat, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { copyOfExample, cpb } from '../helpers/cli.js';
import { paperFile } from '../helpers/paper-files.js';

const ENV = { CPB_TODAY: '2020-02-01' };

describe('rebuilding', () => {
  let board: { dir: string; cleanup: () => Promise<void> };
  const mtime = async (file: string) => (await stat(join(board.dir, 'out', file))).mtimeMs;
  beforeAll(async () => {
    board = await copyOfExample();
    const r = await cpb(['build', board.dir, '--html-only', '--meeting', '2019-11-26', '2020-01-30'], { env: ENV });
    expect(r.code, r.stderr).toBe(0);
  });
  afterAll(() => board.cleanup());

  it('skips meetings whose inputs have not changed, and touches none of their files', async () => {
    const before = await mtime('2019-11-26/agenda.html');
    const r = await cpb(['build', board.dir, '--html-only', '--meeting', '2019-11-26', '2020-01-30'], { env: ENV });
    expect(r.code, r.stderr).toBe(0);
    expect(r.stderr).toContain('2 meetings unchanged since the last build');
    expect(await mtime('2019-11-26/agenda.html')).toBe(before);
  });

  it('rebuilds only the meeting whose paper changed', async () => {
    const paper = join(board.dir, 'meetings/2019-11-26/papers/delivery-plan.md');
    await writeFile(paper, (await readFile(paper, 'utf8')).replace('# Background', '# Background to the plan'));
    const january = await mtime('2020-01-30/agenda.html');
    const r = await cpb(['build', board.dir, '--html-only', '--meeting', '2019-11-26', '2020-01-30'], { env: ENV });
    expect(r.stderr).toContain('1 meeting unchanged since the last build');
    expect(await readFile(paperFile(join(board.dir, 'out/2019-11-26'), 5, 1, 'html'), 'utf8')).toContain('Background to the plan');
    expect(await mtime('2020-01-30/agenda.html')).toBe(january);
  });

  it('rebuilds every meeting when minutes change, since later papers show them', async () => {
    const minutes = join(board.dir, 'meetings/2019-11-26/minutes.yaml');
    await writeFile(minutes, `${await readFile(minutes, 'utf8')}\n`);
    const r = await cpb(['build', board.dir, '--html-only', '--meeting', '2019-11-26', '2020-01-30'], { env: ENV });
    expect(r.stderr).not.toContain('unchanged since the last build');
  });

  it('rebuilds everything with --force', async () => {
    const r = await cpb(['build', board.dir, '--html-only', '--force', '--meeting', '2019-11-26', '2020-01-30'], { env: ENV });
    expect(r.stderr).not.toContain('unchanged since the last build');
  });
});

describe('an item made exempt after a build', () => {
  it('leaves no public copy of its papers behind', async () => {
    const board = await copyOfExample();
    try {
      expect((await cpb(['build', board.dir, '--html-only', '--meeting', '2019-11-26'], { env: ENV })).code).toBe(0);
      const paper = paperFile(join(board.dir, 'out/2019-11-26'), 4, 1, 'html');
      expect(await readFile(paper, 'utf8')).toContain('Children in Care and Care Leavers performance information');
      const meeting = join(board.dir, 'meetings/2019-11-26/meeting.yaml');
      const text = await readFile(meeting, 'utf8');
      await writeFile(meeting, text.replace('  - title: Children in Care and Care Leavers Performance Information\n', '  - title: Children in Care and Care Leavers Performance Information\n    exempt: { paragraph: 2 }\n'));
      const r = await cpb(['build', board.dir, '--html-only', '--meeting', '2019-11-26'], { env: ENV });
      expect(r.code, r.stderr).toBe(0);
      await expect(stat(paper)).rejects.toThrow();
      // The paper is kept, for the confidential pack only.
      expect(await readFile(paperFile(join(board.dir, 'out/2019-11-26/confidential'), 4, 1, 'html'), 'utf8')).toContain('Children in Care and Care Leavers performance information');
    } finally {
      await board.cleanup();
    }
  });
});
