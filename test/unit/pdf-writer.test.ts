import { execFileSync, spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PDFDocument } from '../../src/pdf-lib.js';
import { afterAll, describe, expect, it } from 'vitest';
import { loadPdf } from '../../src/load/pdf-parse.js';
import { savePdfBytes } from '../../src/print/pdf-writer.js';
import { FIXTURES } from '../helpers/cli.js';

const dirs: string[] = [];
afterAll(() => Promise.all(dirs.map((d) => rm(d, { recursive: true, force: true }))));

async function onDisk(name: string, bytes: Uint8Array): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), 'cpb-writer-'));
  dirs.push(dir);
  const file = join(dir, name);
  await writeFile(file, bytes);
  return file;
}

/** Every object of a parsed document as text, by object number: what a reader of the file gets. */
function objects(doc: PDFDocument): Map<string, string> {
  return new Map(doc.context.enumerateIndirectObjects().map(([ref, object]) => [ref.toString(), object.toString()]));
}

describe('a PDF written by cpb', () => {
  // LibreOffice's tagged export: cpb did not make it, and its structure tree is not Chromium's.
  // Read without pdf-lib's own touch of the dates, which would differ from one second to the next.
  const source = readFileSync(join(FIXTURES, 'libreoffice-tagged-long.pdf'));

  it('holds the same objects as pdf-lib\'s own writer gives, and qpdf and poppler read it whole', async () => {
    const ours = await savePdfBytes(await loadPdf(source, { updateMetadata: false }));
    const theirs = await (await loadPdf(source, { updateMetadata: false })).save();
    const read = objects(await PDFDocument.load(ours, { updateMetadata: false }));
    const expected = objects(await PDFDocument.load(theirs, { updateMetadata: false }));
    expect(read.size).toBeGreaterThan(1000);
    expect([...read.keys()].sort()).toEqual([...expected.keys()].sort());
    for (const [ref, text] of expected) expect(read.get(ref), ref).toBe(text);

    const file = await onDisk('ours.pdf', ours);
    // pdf-lib's reading leaves qpdf a warning of its own about one of LibreOffice's content
    // streams, whichever writer saves it: what matters is that ours adds nothing to it.
    const check = (f: string) => {
      const { status, stdout, stderr } = spawnSync('qpdf', ['--check', f], { encoding: 'utf8' });
      return { status, said: (stdout + stderr).replaceAll(f, 'FILE') };
    };
    const [mine, pdfLibs] = [check(file), check(await onDisk('theirs.pdf', theirs))];
    expect(mine.status).not.toBe(2);
    expect(mine).toEqual(pdfLibs);
    const info = execFileSync('pdfinfo', [file], { encoding: 'utf8' });
    expect(info).toMatch(/Tagged:\s+yes/);
    expect(Number(/Pages:\s+(\d+)/.exec(info)![1])).toBe((await loadPdf(source, { updateMetadata: false })).getPageCount());
    const text = (f: string) => execFileSync('pdftotext', [f, '-'], { encoding: 'utf8' });
    expect(text(file)).toBe(text(join(FIXTURES, 'libreoffice-tagged-long.pdf')));
  });

  it('compresses its object and cross-reference streams, and is the same bytes each time', async () => {
    const once = await savePdfBytes(await loadPdf(source, { updateMetadata: false }));
    const twice = await savePdfBytes(await loadPdf(source, { updateMetadata: false }));
    expect(Buffer.from(once).equals(Buffer.from(twice))).toBe(true);
    const uncompressed = await (await loadPdf(source, { updateMetadata: false })).save({ useObjectStreams: false });
    expect(once.length).toBeLessThan(uncompressed.length);
    const latin = Buffer.from(once).toString('latin1');
    expect(latin).toMatch(/\/Type \/ObjStm[^]*?\/Filter \/FlateDecode|\/Filter \/FlateDecode[^]*?\/Type \/ObjStm/);
    expect(latin).toMatch(/\/Type \/XRef/);
    // Nothing of the structure tree's text is left readable in the file's bytes.
    expect(latin).not.toMatch(/\/StructTreeRoot \d+ 0 R/);
  });
});
