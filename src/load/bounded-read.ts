import { closeSync, constants, fstatSync, openSync, readSync, type Stats } from 'node:fs';
import { open, type FileHandle } from 'node:fs/promises';
import { SourceError } from '../errors.js';
import { readError } from './board-path.js';

/**
 * O_NONBLOCK makes opening a named pipe return at once (it would otherwise wait for a writer for
 * ever); O_NOFOLLOW refuses a link put in the file's place after its real path was found.
 */
const OPEN_FLAGS = constants.O_RDONLY | constants.O_NONBLOCK | constants.O_NOFOLLOW;

/**
 * Opens a file for reading without ever blocking and refuses anything but a regular file. The
 * type is taken from the open handle (fstat), so what is checked is what is read.
 */
export async function openRegularFile(realPath: string, displayPath: string, what: string): Promise<{ handle: FileHandle; stats: Stats }> {
  let handle: FileHandle;
  try {
    handle = await open(realPath, OPEN_FLAGS);
  } catch (error) {
    throw openRefusal(error, displayPath, what);
  }
  try {
    return { handle, stats: regularFileStats(await handle.stat(), displayPath, what) };
  } catch (error) {
    await handle.close();
    throw error instanceof SourceError ? error : readError(error, displayPath, what);
  }
}

/**
 * openRegularFile with the system's calls made directly rather than through the thread pool: for
 * the thousands of small files of a board, where each round trip cost more than the call. The
 * caller closes the descriptor.
 */
export function openRegularFileNow(realPath: string, displayPath: string, what: string): { fd: number; stats: Stats } {
  let fd: number;
  try {
    fd = openSync(realPath, OPEN_FLAGS);
  } catch (error) {
    throw openRefusal(error, displayPath, what);
  }
  try {
    return { fd, stats: regularFileStats(fstatSync(fd), displayPath, what) };
  } catch (error) {
    closeSync(fd);
    throw error instanceof SourceError ? error : readError(error, displayPath, what);
  }
}

function openRefusal(error: unknown, displayPath: string, what: string): SourceError {
  const code = (error as NodeJS.ErrnoException).code;
  if (code === 'ELOOP') return notAFile(displayPath, what, 'a link');
  if (code === 'ENXIO' || code === 'EOPNOTSUPP') return notAFile(displayPath, what, 'a socket');
  return readError(error, displayPath, what);
}

function regularFileStats(stats: Stats, displayPath: string, what: string): Stats {
  if (!stats.isFile()) throw notAFile(displayPath, what, kindOf(stats));
  return stats;
}

/**
 * Reads an open file whole, refusing it once it is larger than `maxBytes`. The size from fstat is
 * checked first, and the read stops at `maxBytes + 1` bytes, so a file that grows while it is read
 * (or lies about its size) never puts more than that in memory.
 */
export async function readBounded(handle: FileHandle, stats: Stats, maxBytes: number, displayPath: string, what: string): Promise<Buffer> {
  const reads = boundedReads(stats, maxBytes, displayPath, what);
  for (let step = reads.next(); ; ) {
    if (step.done) return step.value;
    let bytesRead: number;
    try {
      ({ bytesRead } = await handle.read(step.value, 0, step.value.length, null));
    } catch (error) {
      throw readError(error, displayPath, what);
    }
    step = reads.next(bytesRead);
  }
}

/** readBounded of a descriptor from openRegularFileNow, each read made directly. */
export function readBoundedNow(fd: number, stats: Stats, maxBytes: number, displayPath: string, what: string): Buffer {
  const reads = boundedReads(stats, maxBytes, displayPath, what);
  for (let step = reads.next(); ; ) {
    if (step.done) return step.value;
    let bytesRead: number;
    try {
      bytesRead = readSync(fd, step.value, 0, step.value.length, null);
    } catch (error) {
      throw readError(error, displayPath, what);
    }
    step = reads.next(bytesRead);
  }
}

/**
 * The reads of a bounded read, for either reader: yields each buffer to fill (from its start, as
 * far as its length), is given how many bytes the read put in it, and returns the file's bytes.
 */
function* boundedReads(stats: Stats, maxBytes: number, displayPath: string, what: string): Generator<Buffer, Buffer, number> {
  if (stats.size > maxBytes) throw tooLarge(displayPath, what, stats.size, maxBytes);
  const chunks: Buffer[] = [];
  let total = 0;
  // The first read asks for the whole file and one byte more, to see the end.
  let want = Math.min(stats.size, maxBytes) + 1;
  for (;;) {
    const buffer = Buffer.allocUnsafe(want);
    const bytesRead = yield buffer;
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
