import { readFile } from 'node:fs/promises';
import { SourceError } from '../errors.js';

/** Largest text data file or paper accepted: a board's files are a few KB, so this only stops accidents. */
export const MAX_SOURCE_BYTES = 5 * 1024 * 1024;

/**
 * Reads one file a user gave cpb, turning the ways it can fail into a SourceError that names it.
 * `what` names the kind of file in the message ("data file", "paper", "Word document").
 */
export async function readSourceFile(
  path: string,
  displayPath: string,
  what: string,
  options: { maxBytes?: number; rule?: string } = {},
): Promise<Buffer> {
  let buffer: Buffer;
  try {
    buffer = await readFile(path);
  } catch (error) {
    throw new SourceError(`Cannot read ${what} ${displayPath}`, {
      file: displayPath,
      cause: error,
      ...(options.rule ? { rule: options.rule } : {}),
      hint: (error as NodeJS.ErrnoException).code === 'ENOENT' ? 'Check the path.' : undefined,
    });
  }
  const max = options.maxBytes ?? MAX_SOURCE_BYTES;
  if (buffer.length > max) {
    throw new SourceError(`The ${what} ${displayPath} is ${Math.round(buffer.length / 1048576)} MB; the limit is ${Math.round(max / 1048576)} MB`, {
      file: displayPath,
      rule: 'load/size',
    });
  }
  return buffer;
}
