import { cp, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { builtCopyOfExample } from '../helpers/built-example.js';
import { copyOfExample, cpb } from '../helpers/cli.js';
import { paperFile } from '../helpers/paper-files.js';
import { isWorking, snapshot } from '../hostile/output-folder-helpers.js';

// On this day the example has an action overdue: a warning every build of it shows.
const ENV = { CPB_TODAY: '2019-11-20' };
const RECORD = 'out/.cpb-build-cache.json';
const PAPER = 'meetings/2019-11-26/papers/delivery-plan.md';

/** When the output folder's record was last written: a build that reads the board writes it, with its commit. */
const recordWritten = async (dir: string) => (await stat(join(dir, RECORD))).mtimeMs;

/** The record as an older cpb left it, without the whole board's entry: the next build reads the board. */
async function withoutBoardEntry(dir: string): Promise<void> {
  const record = JSON.parse(await readFile(join(dir, RECORD), 'utf8')) as { board?: unknown };
  expect(record.board, 'the record of a whole build').toBeDefined();
  delete record.board;
  await writeFile(join(dir, RECORD), JSON.stringify(record));
}

async function edit(dir: string, from: string, to: string): Promise<void> {
  const path = join(dir, PAPER);
  const text = await readFile(path, 'utf8');
  expect(text).toContain(from);
  await writeFile(path, text.replace(from, to));
}

describe('a rebuild of a whole board with nothing changed', () => {
  let board: { dir: string; cleanup: () => Promise<void> };
  const build = (args: string[] = [], env: Record<string, string> = {}) => cpb(['build', board.dir, '--html-only', ...args], { env: { ...ENV, ...env } });
  beforeAll(async () => {
    board = await copyOfExample();
    const first = await build();
    expect(first.code, first.stderr).toBe(0);
  });
  afterAll(() => board.cleanup());

  it('stops before reading the board, says so and how many warnings it gave, and writes nothing', async () => {
    const from = { cwd: dirname(board.dir), env: ENV };
    const written = await recordWritten(board.dir);
    const quick = await cpb(['build', 'board', '--html-only'], from);
    expect(quick.code, quick.stderr).toBe(0);
    expect(quick.stderr).toContain('Nothing has changed since the last build: board/out is up to date.\n');
    expect(quick.stderr).toContain('1 warning given by that build; `cpb validate board` shows it again.\n');
    expect(await recordWritten(board.dir)).toBe(written);
    // The record keeps a count, not the warning's words: they can come from exempt minutes.
    expect(await readFile(join(board.dir, RECORD), 'utf8')).not.toContain('pep-communication');

    // The same rebuild, made to read the board: the warning itself, every meeting kept, the record written again.
    await withoutBoardEntry(board.dir);
    const read = await cpb(['build', 'board', '--html-only'], from);
    expect(read.stderr).toContain("action 'pep-communication' was due on 2019-10-31 and is not completed");
    expect(read.stderr).toContain('5 meetings unchanged since the last build');
    expect(quick.stderr).not.toContain('pep-communication');
    expect(await recordWritten(board.dir)).not.toBe(written);
    // Both list the PDFs --html-only left missing, alike.
    const missing = (text: string) => /warning \d+ PDFs missing[^]*?hint: Run cpb build without --html-only to print them\.\n/.exec(text)?.[0];
    expect(missing(quick.stderr)).toBeDefined();
    expect(missing(quick.stderr)).toBe(missing(read.stderr));

    // With --format json, the same answer as the build that reads the board.
    const quickJson = await cpb(['build', 'board', '--html-only', '--format', 'json'], from);
    await withoutBoardEntry(board.dir);
    const readJson = await cpb(['build', 'board', '--html-only', '--format', 'json'], from);
    expect(quickJson.stderr).toContain('Nothing has changed since the last build');
    expect(readJson.stderr).not.toContain('Nothing has changed since the last build');
    expect(JSON.parse(quickJson.stdout)).toEqual(JSON.parse(readJson.stdout));
  });

  it('reads the board again on another day, or once a file of it changes', async () => {
    let written = await recordWritten(board.dir);
    const later = await build([], { CPB_TODAY: '2020-06-01' });
    expect(later.code, later.stderr).toBe(0);
    expect(await recordWritten(board.dir)).not.toBe(written);
    // Back to the first day: the record is of 2020-06-01's build, so the board is read again.
    written = await recordWritten(board.dir);
    await build();
    expect(await recordWritten(board.dir)).not.toBe(written);

    await edit(board.dir, '# Background', '# Background to the plan');
    const edited = await build();
    expect(edited.stderr).toContain('4 meetings unchanged since the last build');
    expect(await readFile(paperFile(join(board.dir, 'out/2019-11-26'), 5, 1, 'html'), 'utf8')).toContain('Background to the plan');
  });

  it('builds again what was taken out of the output folder', async () => {
    const agenda = join(board.dir, 'out/2020-01-30/agenda.html');
    await rm(agenda);
    const again = await build();
    expect(again.code, again.stderr).toBe(0);
    expect(again.stderr).toContain('4 meetings unchanged since the last build');
    expect((await stat(agenda)).isFile()).toBe(true);
  });

  it('after a build of some meetings, reads the board even when its files are back as they were', async () => {
    // The whole board's record is of these inputs; a build of one meeting from an edit, then the
    // edit undone, gives the same inputs again, but the meeting's outputs are of the edit.
    await edit(board.dir, '# Background', '# Background, edited');
    expect((await build(['-m', '2019-11-26'])).code).toBe(0);
    expect(await readFile(paperFile(join(board.dir, 'out/2019-11-26'), 5, 1, 'html'), 'utf8')).toContain('edited');
    await edit(board.dir, '# Background, edited', '# Background');
    const undone = await build();
    expect(undone.code, undone.stderr).toBe(0);
    expect(undone.stderr).toContain('4 meetings unchanged since the last build');
    expect(await readFile(paperFile(join(board.dir, 'out/2019-11-26'), 5, 1, 'html'), 'utf8')).not.toContain('edited');
  });

  it('finishes a commit a killed build left, rather than call the folder up to date', async () => {
    const copy = join(board.dir, '..', 'killed');
    await cp(board.dir, copy, { recursive: true });
    const run = (env: Record<string, string> = {}) => cpb(['build', copy, '--html-only'], { env: { ...ENV, ...env } });
    expect((await run()).code).toBe(0);
    const before = await snapshot(join(copy, 'out'), (rel) => rel === '.cpb-build-cache.json');
    // Killed part way through committing a build of an edit, with the old record still in place:
    // then the edit undone, so the inputs are the ones that record is of.
    await edit(copy, '# Background', '# Background, killed');
    const killed = await run({ CPB_TEST_KILL_AT_COMMIT_STEP: '3' });
    expect(killed.code).not.toBe(0);
    expect([...(await snapshot(join(copy, 'out'))).keys()].some(isWorking)).toBe(true);
    await edit(copy, '# Background, killed', '# Background');
    const after = await run();
    expect(after.code, after.stderr).toBe(0);
    const out = await snapshot(join(copy, 'out'), (rel) => rel === '.cpb-build-cache.json');
    expect([...out.keys()].some(isWorking)).toBe(false);
    expect(out).toEqual(before);
  });
});

describe('a rebuild of a printed board with nothing changed', () => {
  let board: { dir: string; cleanup: () => Promise<void> };
  beforeAll(async () => {
    board = await builtCopyOfExample([], ENV);
    // Built in another folder and copied here, outputs and all: up to date here too.
    const moved = await cpb(['build', board.dir], { env: ENV });
    expect(moved.code, moved.stderr).toBe(0);
    expect(moved.stderr).toContain('Nothing has changed since the last build');
  }, 120_000);
  afterAll(() => board.cleanup());

  it('keeps every PDF without reading the board, and still fails as a build would without a browser', async () => {
    const written = await recordWritten(board.dir);
    const quick = await cpb(['build', board.dir], { env: ENV });
    expect(quick.code, quick.stderr).toBe(0);
    expect(quick.stderr).toContain('Nothing has changed since the last build');
    expect(quick.stderr).not.toContain('missing');
    expect(await recordWritten(board.dir)).toBe(written);

    const none = await cpb(['build', board.dir, '--browser', join(board.dir, 'no-such-browser')], { env: ENV });
    expect(none.code).not.toBe(0);
    expect(none.stderr).toContain('no PDFs');
  });
});
