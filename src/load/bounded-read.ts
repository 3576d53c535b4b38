import { constants, type Stats } from 'node:fs';
import { open, type FileHandle } from 'node:fs/promises';
import { SourceError } from '../errors.js';
import { readError } from './board-path.js';

/**
 * Opens a file for reading without ever blocking and refuses anything but a regular file.
 * O_NONBLOCK makes opening a named pipe return at once (it would otherwise wait for a writer for
 * ever); O_NOFOLLOW refuses a link put in the file's place after its real path was found. The
 * type is then taken from the open handle (fstat), so what is checked is what is read.
 */
export async function openRegularFile(realPath: string, displayPath: string, what: string): Promise<{ handle: FileHandle; stats: Stats }> {
  let handle: FileHandle;
  try {
    handle = await open(realPath, constants.O_RDONLY | constants.O_NONBLOCK | constants.O_NOFOLLOW);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'ELOOP') throw notAFile(displayPath, what, 'a link');
    if (code === 'ENXIO' || code === 'EOPNOTSUPP') throw notAFile(displayPath, what, 'a socket');
    throw readError(error, displayPath, what);
  }
  try {
    const stats = await handle.stat();
    if (!stats.isFile()) throw notAFile(displayPath, what, kindOf(stats));
    return { handle, stats };
  } catch (error) {
    await handle.close();
    throw error instanceof SourceError ? error : readError(error, displayPath, what);
  }
}

/**
 * Reads an open file whole, refusing it once it is larger than `maxBytes`. The size from fstat is
 * checked first, and the read stops at `maxBytes + 1` bytes, so a file that grows while it is read
 * (or lies about its size) never puts more than that in memory.
 */
export async function readBounded(handle: FileHandle, stats: Stats, maxBytes: number, displayPath: string, what: string): Promise<Buffer> {
  if (stats.size > maxBytes) throw tooLarge(displayPath, what, stats.size, maxBytes);
  const chunks: Buffer[] = [];
  let total = 0;
  // The first read asks for the whole file and one byte more, to see the end.
  let want = Math.min(stats.size, maxBytes) + 1;
  for (;;) {
    const buffer = Buffer.allocUnsafe(want);
    let bytesRead: number;
    try {
      ({ bytesRead } = await handle.read(buffer, 0, want, null));
    } catch (error) {
      throw readError(error, displayPath, what);
    }
    if (bytesRead === 0) break;
    chunks.push(buffer.subarray(0, bytesRead));
    total += bytesRead;
    if (total > maxBytes) throw tooLarge(displayPath, what, total, maxBytes, true);
    // A short read is the end of an ordinary file: one byte more confirms it without a megabyte
    // buffer for every file read. A file that goes on growing is read a megabyte at a time.
    want = bytesRead < want && chunks.length === 1 ? 1 : Math.min(1024 * 1024, maxBytes + 1 - total);
  }
  return chunks.length === 1 ? chunks[0]! : Buffer.concat(chunks, total);
}

function notAFile(displayPath: string, what: string, kind: string): SourceError {
  return new SourceError(`The ${what} ${displayPath} is ${kind}, not a file`, {
    file: displayPath,
    rule: 'load/not-a-file',
    hint: `cpb reads only ordinary files. Put the ${what} itself at this path${kind === 'a folder' ? ', or correct the path if it names a folder' : ''}.`,
  });
}

function kindOf(stats: Stats): string {
  if (stats.isDirectory()) return 'a folder';
  if (stats.isFIFO()) return 'a named pipe (FIFO)';
  if (stats.isSocket()) return 'a socket';
  if (stats.isCharacterDevice() || stats.isBlockDevice()) return 'a device';
  return 'a special file';
}

export function megabytes(bytes: number): string {
  const mb = bytes / (1024 * 1024);
  return `${mb >= 10 ? Math.round(mb) : mb.toFixed(1).replace(/\.0$/, '')} MB`;
}

function tooLarge(displayPath: string, what: string, size: number, maxBytes: number, grew = false): SourceError {
  const message = grew
    ? `The ${what} ${displayPath} grew past the limit of ${megabytes(maxBytes)} while it was being read`
    : `The ${what} ${displayPath} is ${megabytes(size)}; the limit for a ${what} is ${megabytes(maxBytes)}`;
  return new SourceError(message, {
    file: displayPath,
    rule: 'load/size',
    hint: grew ? 'Wait until whatever is writing the file has finished, then try again.' : 'Check that this is the right file; a larger one must be made smaller (fewer pages, smaller pictures) first.',
  });
}
