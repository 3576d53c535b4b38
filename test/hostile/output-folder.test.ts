import { existsSync } from 'node:fs';
import { mkdir, readFile, readdir, symlink, writeFile } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { copyOfExample, cpb } from '../helpers/cli.js';
import { snapshot } from './output-folder-helpers.js';
import { paperFile } from '../helpers/paper-files.js';

const ENV = { CPB_TODAY: '2019-11-20' };

/** The output folder belongs to cpb: it refuses one that could hold anything else, touching nothing. */
describe('an output folder that is not cpb\'s is refused, and nothing is touched', () => {
  let board: { dir: string; cleanup: () => Promise<void> };
  let parent: string;
  let before: Map<string, string>;
  beforeEach(async () => {
    board = await copyOfExample();
    parent = dirname(board.dir);
    before = await snapshot(parent);
  });
  afterEach(() => board.cleanup());

  const refused = async (out: string, why: RegExp) => {
    const r = await cpb(['build', '.', '-o', out, '--html-only'], { cwd: board.dir, env: ENV });
    expect(r.code, r.stderr).toBe(2);
    expect(r.stderr).toContain(`error ${out}  Not a folder cpb may write its outputs into`);
    expect(r.stderr).toMatch(why);
    expect(r.stderr).toContain('hint: Choose an empty or new folder');
    expect(r.stderr).not.toContain(board.dir);
    // Every source file still there, byte for byte, and nothing new (not even a staging folder).
    expect(await snapshot(parent)).toEqual(before);
  };

  it('-o meetings: a folder of the board\'s own sources', async () => {
    await refused('meetings', /inside the board folder/);
    expect(existsSync(join(board.dir, 'meetings/2019-11-26/meeting.yaml'))).toBe(true);
  });

  it('-o meetings/new: a new folder among the board\'s sources', () => refused('meetings/new', /inside the board folder/));

  it('-o .: the board folder', () => refused('.', /it is the board folder/));

  it('-o ..: a folder that holds the board', () => refused('..', /holds the board folder/));

  it('-o a link that points into the board\'s sources', async () => {
    await symlink(join(board.dir, 'meetings'), join(parent, 'outputs'));
    before = await snapshot(parent);
    await refused('../outputs', /inside the board folder/);
    await symlink(join(board.dir, 'meetings', 'new-folder'), join(parent, 'dangling'));
    before = await snapshot(parent);
    await refused('../dangling', /does not exist/);
  });

  it('-o a folder holding someone\'s own files', async () => {
    await mkdir(join(parent, 'mine/notes'), { recursive: true });
    await writeFile(join(parent, 'mine/report.docx'), 'my report');
    await writeFile(join(parent, 'mine/notes/agenda.html'), 'my notes');
    before = await snapshot(parent);
    await refused('../mine', /holds files that cpb did not write \(notes, report\.docx\)/);
  });

  it('the board\'s out/ holding someone\'s files and no record of cpb\'s', async () => {
    await mkdir(join(board.dir, 'out'));
    await writeFile(join(board.dir, 'out/keep.txt'), 'mine');
    before = await snapshot(parent);
    const r = await cpb(['build', '.', '--html-only'], { cwd: board.dir, env: ENV });
    expect(r.code, r.stderr).toBe(2);
    expect(r.stderr).toContain('error out  Not a folder cpb may write its outputs into: it holds files that cpb did not write (keep.txt)');
    expect(await snapshot(parent)).toEqual(before);
  });

  it('cpb serve refuses it too, before serving anything', async () => {
    const r = await cpb(['serve', '.', '-o', 'meetings', '--port', '0', '--html-only'], { cwd: board.dir, env: ENV });
    expect(r.code, r.stderr).toBe(2);
    expect(r.stderr).toContain('error meetings  Not a folder cpb may write its outputs into');
    expect(await snapshot(parent)).toEqual(before);
  });
});

describe('an output folder cpb may use', () => {
  let board: { dir: string; cleanup: () => Promise<void> };
  beforeEach(async () => {
    board = await copyOfExample();
  });
  afterEach(() => board.cleanup());

  it('a new folder, and an empty one, outside the board', async () => {
    const fresh = join(dirname(board.dir), 'site-out');
    const r = await cpb(['build', '.', '-o', '../site-out', '--html-only', '-m', '2019-11-26'], { cwd: board.dir, env: ENV });
    expect(r.code, r.stderr).toBe(0);
    expect(existsSync(join(fresh, '2019-11-26/agenda.html'))).toBe(true);
    expect(existsSync(join(fresh, '.cpb-build-cache.json'))).toBe(true);
    await mkdir(join(dirname(board.dir), 'empty'));
    const e = await cpb(['build', '.', '-o', '../empty', '--html-only', '-m', '2019-11-26'], { cwd: board.dir, env: ENV });
    expect(e.code, e.stderr).toBe(0);
    expect(existsSync(join(dirname(board.dir), 'empty/site/index.html'))).toBe(true);
  });

  it('the board\'s out/ from an older cpb is taken over: files it recorded are cpb\'s, the rest are not', async () => {
    // What an older cpb left: outputs, and its cache listing the files it wrote.
    await mkdir(join(board.dir, 'out/2019-11-26/papers'), { recursive: true });
    await writeFile(join(board.dir, 'out/2019-11-26/papers/item3-paper9.html'), 'a paper since withdrawn');
    await writeFile(join(board.dir, 'out/2019-11-26/agenda.html'), 'old agenda');
    await writeFile(join(board.dir, 'out/2019-11-26/my-notes.txt'), 'mine');
    await writeFile(
      join(board.dir, 'out/.cpb-build-cache.json'),
      JSON.stringify({ units: { '2019-11-26': { key: 'older cpb', files: ['2019-11-26/agenda.html', '2019-11-26/papers/item3-paper9.html'] } } }),
    );
    const r = await cpb(['build', '.', '--html-only', '-m', '2019-11-26'], { cwd: board.dir, env: ENV });
    expect(r.code, r.stderr).toBe(0);
    expect(await readFile(join(board.dir, 'out/2019-11-26/agenda.html'), 'utf8')).toContain('<html lang="en-GB">');
    expect(existsSync(join(board.dir, 'out/2019-11-26/papers/item3-paper9.html'))).toBe(false);
    // Papers now sit beside the agenda: the older cpb's papers/ folder goes with its last file.
    expect(existsSync(join(board.dir, 'out/2019-11-26/papers'))).toBe(false);
    expect(await readFile(join(board.dir, 'out/2019-11-26/my-notes.txt'), 'utf8')).toBe('mine');
  });

  it('a file a user put into out/2019-11-26/ and out/site/ by hand survives rebuilds; cpb removes only what it wrote', async () => {
    expect((await cpb(['build', '.', '--html-only', '-m', '2019-11-26'], { cwd: board.dir, env: ENV })).code).toBe(0);
    const plan = basename(paperFile(join(board.dir, 'out/2019-11-26'), 5, 1, 'html'));
    await writeFile(join(board.dir, 'out/2019-11-26/minutes-draft.docx'), 'mine');
    await mkdir(join(board.dir, 'out/site/extra'));
    await writeFile(join(board.dir, 'out/site/extra/notice.html'), 'mine too');
    // The delivery plan's item is made exempt: its public paper must go, the user's files must not.
    const meeting = join(board.dir, 'meetings/2019-11-26/meeting.yaml');
    const text = await readFile(meeting, 'utf8');
    await writeFile(meeting, text.replace('  - title: Corporate Parenting Strategy Delivery Plan\n', '  - title: Corporate Parenting Strategy Delivery Plan\n    exempt: { paragraph: 3 }\n'));
    const r = await cpb(['build', '.', '--html-only', '-m', '2019-11-26'], { cwd: board.dir, env: ENV });
    expect(r.code, r.stderr).toBe(0);
    expect(existsSync(join(board.dir, 'out/2019-11-26', plan))).toBe(false);
    expect(existsSync(join(board.dir, 'out/site/meetings/2019-11-26', plan))).toBe(false);
    expect(existsSync(paperFile(join(board.dir, 'out/2019-11-26/confidential'), 5, 1, 'html'))).toBe(true);
    expect(await readFile(join(board.dir, 'out/2019-11-26/minutes-draft.docx'), 'utf8')).toBe('mine');
    expect(await readFile(join(board.dir, 'out/site/extra/notice.html'), 'utf8')).toBe('mine too');
    expect((await readdir(join(board.dir, 'out'))).filter((n) => n.startsWith('.cpb-'))).toEqual(['.cpb-build-cache.json']);
  });
});
