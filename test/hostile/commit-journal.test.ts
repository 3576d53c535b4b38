import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdir, mkdtemp, readFile, readdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { OutputError } from '../../src/errors.js';
import { StagedOutput } from '../../src/write/staged-output.js';

/** A process id that has ended. */
function deadPid(): number {
  return Number(spawnSync(process.execPath, ['-e', 'process.stdout.write(String(process.pid))'], { encoding: 'utf8' }).stdout);
}

describe('the commit journal', () => {
  let out: string;
  beforeEach(async () => {
    out = await mkdtemp(join(tmpdir(), 'cpb-journal-'));
    await mkdir(join(out, 'm/papers'), { recursive: true });
    await writeFile(join(out, 'm/agenda.html'), 'old agenda');
    await writeFile(join(out, 'm/papers/withdrawn.html'), 'withdrawn paper');
    await writeFile(join(out, 'm/mine.txt'), 'a file cpb did not write');
  });
  afterEach(() => rm(out, { recursive: true, force: true }));

  it('removes only the files it is given, and folders they leave empty', async () => {
    const staged = await StagedOutput.open(out);
    await staged.write('m/agenda.html', 'new agenda');
    await staged.commit({ remove: ['m/papers/withdrawn.html'], record: { name: '.cpb-build-cache.json', data: '{}' } });
    expect(await readFile(join(out, 'm/agenda.html'), 'utf8')).toBe('new agenda');
    expect(existsSync(join(out, 'm/papers'))).toBe(false);
    expect(await readFile(join(out, 'm/mine.txt'), 'utf8')).toBe('a file cpb did not write');
    expect((await readdir(out)).sort()).toEqual(['.cpb-build-cache.json', 'm']);
  });

  it('left by a killed build, is finished by the next one before anything else', async () => {
    const pid = deadPid();
    await mkdir(join(out, `.cpb-staging-${pid}-abc/m`), { recursive: true });
    // The agenda was moved already when the build was killed; the cache was not.
    await writeFile(join(out, 'm/agenda.html'), 'new agenda');
    await writeFile(join(out, `.cpb-staging-${pid}-abc/.cpb-build-cache.json`), '{"units":{}}');
    const journal = { pid, staging: `.cpb-staging-${pid}-abc`, moves: ['m/agenda.html', '.cpb-build-cache.json'], removals: ['m/papers/withdrawn.html'] };
    await writeFile(join(out, '.cpb-journal.json'), JSON.stringify(journal));
    const staged = await StagedOutput.open(out);
    await staged.discard();
    expect(await readFile(join(out, 'm/agenda.html'), 'utf8')).toBe('new agenda');
    expect(await readFile(join(out, '.cpb-build-cache.json'), 'utf8')).toBe('{"units":{}}');
    expect(existsSync(join(out, 'm/papers/withdrawn.html'))).toBe(false);
    expect((await readdir(out)).sort()).toEqual(['.cpb-build-cache.json', 'm']);
  });

  it('of a cpb still running is left to it, and this build stops', async () => {
    await writeFile(join(out, '.cpb-journal.json'), JSON.stringify({ pid: process.ppid, staging: '.cpb-staging-1-x', moves: [], removals: ['m/agenda.html'] }));
    await expect(StagedOutput.open(out)).rejects.toThrow(OutputError);
    await expect(StagedOutput.open(out)).rejects.toThrow(`Another cpb (process ${process.ppid})`);
    expect(await readFile(join(out, 'm/agenda.html'), 'utf8')).toBe('old agenda');
  });

  it('that is not cpb\'s (unreadable, or naming paths outside the folder) is refused and nothing is touched', async () => {
    await writeFile(join(out, '.cpb-journal.json'), JSON.stringify({ pid: 1, staging: '.cpb-staging-1-x', moves: [], removals: ['../outside.txt'] }));
    await expect(StagedOutput.open(out)).rejects.toThrow(/cannot be read/);
    await writeFile(join(out, '.cpb-journal.json'), '{"pid": 1, "stag');
    await expect(StagedOutput.open(out)).rejects.toThrow(/cannot be read/);
    expect((await readdir(out)).sort()).toEqual(['.cpb-journal.json', 'm']);
    expect(await readFile(join(out, 'm/agenda.html'), 'utf8')).toBe('old agenda');
  });
});
