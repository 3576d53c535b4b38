import { execFileSync } from 'node:child_process';
import { readdir, readFile, rm, symlink, writeFile } from 'node:fs/promises';
import { join, relative } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { copyOfExample, cpb, FIXTURES } from '../helpers/cli.js';
import { paperFile } from '../helpers/paper-files.js';
import { fold, pdfPages } from '../helpers/pdf.js';

const ENV = { CPB_TODAY: '2020-02-01', SOURCE_DATE_EPOCH: '1577836800' };
const MEETING = '2019-11-26';
const build = (dir: string, ...extra: string[]) => cpb(['build', dir, '--meeting', MEETING, ...extra], { env: ENV, timeoutMs: 300_000 });

/** Every PDF under `dir`, relative to it. */
async function pdfsUnder(dir: string): Promise<string[]> {
  const entries = await readdir(dir, { recursive: true, withFileTypes: true });
  return entries.filter((e) => e.isFile() && e.name.endsWith('.pdf')).map((e) => relative(dir, join(e.parentPath, e.name))).sort();
}

/** The files a build's progress says it printed, and the ones it kept from the last build. */
function said(stderr: string, verb: 'Printing' | 'Keeping'): string[] {
  return [...stderr.matchAll(new RegExp(`^${verb} (\\S+\\.pdf)`, 'gm'))].map((m) => m[1]!);
}

describe('rebuilding a meeting after one paper changed', () => {
  let board: { dir: string; cleanup: () => Promise<void> };
  const out = () => join(board.dir, 'out');
  const delivery = () => join(board.dir, `meetings/${MEETING}/papers/delivery-plan.md`);
  const edit = async (from: string, to: string) => writeFile(delivery(), (await readFile(delivery(), 'utf8')).replace(from, to));

  beforeAll(async () => {
    board = await copyOfExample();
    const r = await build(board.dir);
    expect(r.code, r.stderr).toBe(0);
    expect(said(r.stderr, 'Keeping')).toEqual([]);
  }, 300_000);
  afterAll(() => board.cleanup());

  it('prints only that paper and the packs it is in, and the result is what a fresh build makes', async () => {
    await edit('# Background', '# Background to the plan');
    const r = await build(board.dir);
    expect(r.code, r.stderr).toBe(0);
    const changed = relative(out(), paperFile(join(out(), MEETING), 5, 1, 'pdf'));
    // The confidential pack holds every paper, so it is printed again too.
    expect(said(r.stderr, 'Printing').sort()).toEqual([changed, `${MEETING}/pack.pdf`, `${MEETING}/confidential/pack.pdf`].sort());
    // Every other PDF of the meeting came from the last build: the other papers, the supplementary
    // pack, the agenda (its page ranges did not move) and the minutes.
    expect(said(r.stderr, 'Keeping')).toEqual(expect.arrayContaining([`${MEETING}/agenda.pdf`, `${MEETING}/supplementary.pdf`, `${MEETING}/minutes.pdf`]));
    expect(said(r.stderr, 'Keeping').length).toBeGreaterThanOrEqual(8);
    expect(fold((await pdfPages(paperFile(join(out(), MEETING), 5, 1, 'pdf'))).join('\n'))).toContain('Background to the plan');
    expect(fold((await pdfPages(join(out(), MEETING, 'pack.pdf'))).join('\n'))).toContain('Background to the plan');

    // Byte for byte what a build from nothing makes of the same inputs.
    const fresh = join(board.dir, '..', 'fresh');
    expect((await cpb(['build', board.dir, '--meeting', MEETING, '-o', fresh], { env: ENV, timeoutMs: 300_000 })).code).toBe(0);
    const files = await pdfsUnder(join(fresh, MEETING));
    expect(files.length).toBeGreaterThan(10);
    for (const file of files) expect(Buffer.compare(await readFile(join(out(), MEETING, file)), await readFile(join(fresh, MEETING, file))), file).toBe(0);
    await rm(fresh, { recursive: true, force: true });
  }, 600_000);

  it('prints again a kept PDF that was changed, or replaced by a link or a named pipe, and never reads what took its place', async () => {
    const altered = paperFile(join(out(), MEETING), 3, 1, 'pdf');
    const linked = paperFile(join(out(), MEETING), 4, 1, 'pdf');
    const piped = paperFile(join(out(), MEETING), 4, 2, 'pdf');
    const originals = await Promise.all([altered, linked, piped].map((f) => readFile(f)));
    // The same size, one byte different: only the recorded SHA-256 tells.
    const bytes = Buffer.from(originals[0]!);
    const middle = Math.floor(bytes.length / 2);
    bytes[middle] = bytes[middle]! ^ 0x20;
    await writeFile(altered, bytes);
    // A LibreOffice PDF (cpb did not make it) behind a link, and a pipe nobody writes to.
    await rm(linked);
    await symlink(join(FIXTURES, (await readdir(FIXTURES)).find((f) => f.endsWith('.pdf'))!), linked);
    await rm(piped);
    execFileSync('mkfifo', [piped]);

    await edit('# Background to the plan', '# Background to the delivery plan');
    const r = await build(board.dir);
    expect(r.code, r.stderr).toBe(0);
    const printed = said(r.stderr, 'Printing').map((f) => join(out(), f));
    expect(printed).toEqual(expect.arrayContaining([altered, linked, piped]));
    expect(said(r.stderr, 'Keeping').map((f) => join(out(), f))).not.toEqual(expect.arrayContaining([altered]));
    // Printed again, each is the PDF cpb made in the first place, as an ordinary file.
    for (const [i, file] of [altered, linked, piped].entries()) expect(Buffer.compare(await readFile(file), originals[i]!), file).toBe(0);
  }, 600_000);

  it('prints everything again with --force', async () => {
    const r = await build(board.dir, '--force');
    expect(r.code, r.stderr).toBe(0);
    expect(said(r.stderr, 'Keeping')).toEqual([]);
    expect(said(r.stderr, 'Printing').length).toBe((await pdfsUnder(join(out(), MEETING))).length);
  }, 600_000);

  it('prints everything again when the look changes, since every page shows it', async () => {
    const yaml = join(board.dir, 'board.yaml');
    const text = await readFile(yaml, 'utf8');
    expect(text).not.toMatch(/^theme:/m);
    await writeFile(yaml, `${text}\ntheme:\n  accent: "#00558c"\n`);
    const r = await build(board.dir);
    expect(r.code, r.stderr).toBe(0);
    expect(said(r.stderr, 'Keeping')).toEqual([]);
  }, 600_000);
});
