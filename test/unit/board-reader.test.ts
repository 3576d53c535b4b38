import type { Stats } from 'node:fs';
import type { FileHandle } from 'node:fs/promises';
import { mkdir, mkdtemp, rm, symlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readBounded } from '../../src/load/bounded-read.js';
import { checkDocx } from '../../src/load/docx-check.js';
import { boardRoot, readSourceFile, templatesRoot } from '../../src/load/read-source.js';
import { utf16Of } from '../../src/load/text-encoding.js';
import { docx, word, zip } from '../helpers/zip.js';

/** A handle onto a file that never ends (as /dev/zero, or a log still being written), counting what it served. */
function endlessHandle(): { handle: FileHandle; served: () => number } {
  let served = 0;
  const handle = {
    read: async (buffer: Buffer, offset: number, length: number) => {
      buffer.fill(0x61, offset, offset + length);
      served += length;
      return { bytesRead: length, buffer };
    },
  } as unknown as FileHandle;
  return { handle, served: () => served };
}

describe('the bounded read', () => {
  it('stops a file that keeps growing after at most the limit and one byte, naming it', async () => {
    const { handle, served } = endlessHandle();
    const max = 3 * 1024 * 1024;
    // fstat said the file was small when it was opened.
    const read = readBounded(handle, { size: 10 } as Stats, max, 'papers/growing.md', 'paper');
    await expect(read).rejects.toMatchObject({ rule: 'load/size', file: 'papers/growing.md', message: 'The paper papers/growing.md grew past the limit of 3 MB while it was being read' });
    expect(served()).toBeLessThanOrEqual(max + 1);
  });

  it('refuses from the size fstat gives, before reading a byte', async () => {
    const { handle, served } = endlessHandle();
    await expect(readBounded(handle, { size: 6 * 1024 * 1024 } as Stats, 5 * 1024 * 1024, 'board.yaml', 'data file')).rejects.toMatchObject({ rule: 'load/size' });
    expect(served()).toBe(0);
  });
});

describe('the path check', () => {
  let board: string;
  let outside: string;
  beforeAll(async () => {
    board = await mkdtemp(join(tmpdir(), 'cpb-reader-'));
    outside = await mkdtemp(join(tmpdir(), 'cpb-reader-outside-'));
    await writeFile(join(outside, 'layout.hbs'), 'OUTSIDE');
    await writeFile(join(board, 'real.md'), '# Inside');
    await symlink(join(board, 'real.md'), join(board, 'alias.md'));
    await symlink(outside, join(board, 'templates'));
  });
  afterAll(async () => {
    await rm(board, { recursive: true, force: true });
    await rm(outside, { recursive: true, force: true });
  });

  it('follows a link that stays inside the board folder', async () => {
    expect((await readSourceFile(join(board, 'alias.md'), 'alias.md', 'paper', { root: boardRoot(board) })).toString()).toBe('# Inside');
  });

  it("refuses a board's templates folder that is itself a link out of the board", async () => {
    await expect(readSourceFile(join(board, 'templates/layout.hbs'), 'templates/layout.hbs', 'template', { root: templatesRoot(board) })).rejects.toMatchObject({ rule: 'load/outside-board', file: 'templates/layout.hbs' });
  });

  it('says a missing file is missing', async () => {
    await expect(readSourceFile(join(board, 'gone.md'), 'gone.md', 'paper', { root: boardRoot(board) })).rejects.toMatchObject({ rule: 'load/missing' });
  });

  it('refuses a folder, even one the board keeps', async () => {
    await mkdir(join(board, 'folder.md'));
    await expect(readSourceFile(join(board, 'folder.md'), 'folder.md', 'paper', { root: boardRoot(board) })).rejects.toMatchObject({ rule: 'load/not-a-file' });
  });
});

describe('the Word archive check', () => {
  it('accepts a small Word document', () => {
    expect(() => checkDocx(docx({ body: word.paragraph('Hello') }), 'papers/ok.docx')).not.toThrow();
  });

  it('refuses an archive whose table of contents understates what a part unzips to', () => {
    const bytes = zip([{ name: 'word/document.xml', data: '<w:document>'.padEnd(200_000, 'x') }, { name: '_rels/.rels', data: '<Relationships/>' }], { deflate: true });
    // Claim 100 bytes for the first entry, in its local header and its central directory entry.
    bytes.writeUInt32LE(100, 22);
    const central = bytes.indexOf(Buffer.from([0x50, 0x4b, 0x01, 0x02]));
    bytes.writeUInt32LE(100, central + 24);
    expect(() => checkDocx(bytes, 'papers/liar.docx')).toThrow(expect.objectContaining({ rule: 'load/docx-too-large', file: 'papers/liar.docx', message: expect.stringContaining('holds more than the archive says') as unknown }) as Error);
  });

  it('refuses an archive of more than 10,000 parts', () => {
    const bytes = zip(Array.from({ length: 10_001 }, (_, i) => ({ name: `word/part${i}.xml`, data: '' })));
    expect(() => checkDocx(bytes, 'papers/many.docx')).toThrow(expect.objectContaining({ rule: 'load/docx-too-large', message: expect.stringContaining('10001 files inside; the limit is 10000') as unknown }) as Error);
  });
});

describe('UTF-16 is recognised', () => {
  it.each([
    ['little-endian with a byte-order mark', Buffer.from('\ufeffname: x\n', 'utf16le'), 'UTF-16LE'],
    ['little-endian without one', Buffer.from('name: x\n', 'utf16le'), 'UTF-16LE'],
    ['big-endian without one', Buffer.from('name: x\n', 'utf16le').swap16(), 'UTF-16BE'],
    ['UTF-8', Buffer.from('name: Zoë\n'), undefined],
  ])('%s', (_, bytes, expected) => {
    expect(utf16Of(bytes)).toBe(expected);
  });
});
