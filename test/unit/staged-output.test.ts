import { existsSync } from 'node:fs';
import { mkdtemp, readFile, readdir, rm, stat, utimes, writeFile, mkdir } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { StagedOutput } from '../../src/write/staged-output.js';

describe('staged output', () => {
  let out: string;
  beforeEach(async () => {
    out = await mkdtemp(join(tmpdir(), 'cpb-out-'));
    await mkdir(join(out, 'm'));
    await writeFile(join(out, 'm/agenda.html'), 'old');
    await writeFile(join(out, 'keep.txt'), 'mine');
  });
  afterEach(() => rm(out, { recursive: true, force: true }));

  it('changes nothing until commit, and nothing at all when discarded', async () => {
    const staged = await StagedOutput.open(out);
    await staged.write('m/agenda.html', 'new');
    expect(await readFile(join(out, 'm/agenda.html'), 'utf8')).toBe('old');
    await staged.discard();
    expect(await readFile(join(out, 'm/agenda.html'), 'utf8')).toBe('old');
    expect((await readdir(out)).sort()).toEqual(['keep.txt', 'm']);
  });

  it('moves every file into place on commit, leaving other files alone', async () => {
    const staged = await StagedOutput.open(out);
    await staged.write('m/agenda.html', 'new');
    await staged.write('n/agenda.pdf', new Uint8Array([37, 80, 68, 70]));
    const placed = await staged.commit();
    expect(placed).toEqual([join(out, 'm/agenda.html'), join(out, 'n/agenda.pdf')]);
    expect(await readFile(join(out, 'm/agenda.html'), 'utf8')).toBe('new');
    expect(await readFile(join(out, 'keep.txt'), 'utf8')).toBe('mine');
    expect((await readdir(out)).filter((n) => n.startsWith('.cpb-staging'))).toEqual([]);
  });

  it('leaves each file the same as the one in place as it was, among many compared at once', async () => {
    // Files of one size, every fourth one changed: a comparison put against the wrong file shows.
    const names = Array.from({ length: 30 }, (_, i) => `m/paper-${String(i).padStart(2, '0')}.html`);
    const long = new Date('2020-01-01T00:00:00Z');
    for (const [i, name] of names.entries()) {
      await writeFile(join(out, name), `paper ${String(i).padStart(2, '0')} as built before`);
      await utimes(join(out, name), long, long);
    }
    const changed = (i: number) => i % 4 === 1;
    const staged = await StagedOutput.open(out);
    for (const [i, name] of names.entries()) await staged.write(name, `paper ${String(i).padStart(2, '0')} ${changed(i) ? 'as built again!' : 'as built before'}`);
    await staged.commit();
    for (const [i, name] of names.entries()) {
      expect(await readFile(join(out, name), 'utf8')).toBe(`paper ${String(i).padStart(2, '0')} ${changed(i) ? 'as built again!' : 'as built before'}`);
      expect((await stat(join(out, name))).mtimeMs === long.getTime(), name).toBe(!changed(i));
    }
  });

  it('refuses a path that leaves the output folder', async () => {
    const staged = await StagedOutput.open(out);
    await expect(staged.write('../escape.html', 'x')).rejects.toThrow(/escapes/);
    await staged.discard();
    expect(existsSync(join(out, '..', 'escape.html'))).toBe(false);
  });
});
