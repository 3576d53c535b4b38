import { mkdtemp, mkdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { codeFingerprint, printerIdentity, printKey } from '../../src/print/print-key.js';

const meta = { title: 'Agenda', author: 'Council', language: 'en-GB', date: new Date('2019-11-26T00:00:00Z') };

describe("what a PDF's print depends on", () => {
  let dir: string;
  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'cpb-print-key-'));
    await mkdir(join(dir, 'code/print'), { recursive: true });
    await writeFile(join(dir, 'code/print/print-pdf.js'), 'export const a = 1;\n');
    await writeFile(join(dir, 'code/print/print-pdf.js.map'), '{}');
    await writeFile(join(dir, 'browser'), '#!/bin/sh\n');
  });
  afterAll(() => rm(dir, { recursive: true, force: true }));

  it("changes with cpb's code, not with its source maps", async () => {
    const before = await printerIdentity(join(dir, 'browser'), [join(dir, 'code')]);
    expect(await printerIdentity(join(dir, 'browser'), [join(dir, 'code')])).toBe(before);
    await writeFile(join(dir, 'code/print/print-pdf.js.map'), '{"version":3}');
    expect(await printerIdentity(join(dir, 'browser'), [join(dir, 'code')])).toBe(before);
    await writeFile(join(dir, 'code/print/print-pdf.js'), 'export const a = 2;\n');
    expect(await printerIdentity(join(dir, 'browser'), [join(dir, 'code')])).not.toBe(before);
  });

  it('changes with the browser program file', async () => {
    const before = await printerIdentity(join(dir, 'browser'), [join(dir, 'code')]);
    await writeFile(join(dir, 'browser'), '#!/bin/sh\nexec chromium "$@"\n');
    expect(await printerIdentity(join(dir, 'browser'), [join(dir, 'code')])).not.toBe(before);
  });

  it('names a file of the code by its path as well as its contents', async () => {
    const a = await codeFingerprint(join(dir, 'code'));
    await writeFile(join(dir, 'code/print/other.js'), '');
    expect(await codeFingerprint(join(dir, 'code'))).not.toBe(a);
  });

  it('changes with the HTML, the metadata, the kind and what else goes in, each apart', () => {
    const base = printKey('p', 'paper', '<p>a</p>', meta);
    expect(printKey('p', 'paper', '<p>a</p>', meta)).toBe(base);
    expect(printKey('p', 'paper', '<p>b</p>', meta)).not.toBe(base);
    expect(printKey('p', 'paper', '<p>a</p>', { ...meta, title: 'Pack' })).not.toBe(base);
    expect(printKey('p', 'pack', '<p>a</p>', meta)).not.toBe(base);
    expect(printKey('q', 'paper', '<p>a</p>', meta)).not.toBe(base);
    // Parts are length-prefixed, so moving text from one part to the next is another key.
    expect(printKey('p', 'paper', '<p>a</p>', meta, ['x'])).not.toBe(printKey('p', 'paper', 'x<p>a</p>', meta));
  });
});
