import { inflateRawSync } from 'node:zlib';

/** One file inside a ZIP archive, as its central directory describes it. */
export interface ZipEntry {
  name: string;
  method: number;
  encrypted: boolean;
  compressedSize: number;
  size: number;
  localOffset: number;
}

/** Why an archive cannot be read, in words for a message. */
export class ZipFault extends Error {}

const EOCD = 0x06054b50;
const CENTRAL = 0x02014b50;
const LOCAL = 0x04034b50;

/**
 * The entries of a ZIP archive from its central directory (the list at its end), without
 * decompressing anything. ZIP64 archives (only needed past 4 GB or 65,535 entries) are refused.
 */
export function zipEntries(bytes: Uint8Array, maxEntries: number): ZipEntry[] {
  const buf = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  // The end record is 22 bytes plus a comment of up to 65,535.
  let end = -1;
  for (let i = buf.length - 22; i >= Math.max(0, buf.length - 22 - 65535); i--) {
    if (buf.readUInt32LE(i) === EOCD) {
      end = i;
      break;
    }
  }
  if (end < 0) throw new ZipFault('it is not a ZIP archive (a .docx is one), or its end is missing');
  const count = buf.readUInt16LE(end + 10);
  const directorySize = buf.readUInt32LE(end + 12);
  const directoryOffset = buf.readUInt32LE(end + 16);
  if (count === 0xffff || directoryOffset === 0xffffffff || directorySize === 0xffffffff) throw new ZipFault('it is a ZIP64 archive, which is only needed for files far larger than a paper');
  if (count > maxEntries) throw new ZipFault(`it holds ${count} files inside; the limit is ${maxEntries}`);
  if (directoryOffset + directorySize > end) throw new ZipFault('its list of contents is damaged');
  const entries: ZipEntry[] = [];
  let at = directoryOffset;
  for (let n = 0; n < count; n++) {
    if (at + 46 > end || buf.readUInt32LE(at) !== CENTRAL) throw new ZipFault('its list of contents is damaged');
    const nameLength = buf.readUInt16LE(at + 28);
    const extraLength = buf.readUInt16LE(at + 30);
    const commentLength = buf.readUInt16LE(at + 32);
    entries.push({
      name: buf.toString('utf8', at + 46, at + 46 + nameLength),
      encrypted: (buf.readUInt16LE(at + 8) & 1) === 1,
      method: buf.readUInt16LE(at + 10),
      compressedSize: buf.readUInt32LE(at + 20),
      size: buf.readUInt32LE(at + 24),
      localOffset: buf.readUInt32LE(at + 42),
    });
    at += 46 + nameLength + extraLength + commentLength;
  }
  return entries;
}

/**
 * Decompresses one entry, refusing it when it holds more than its directory entry says (a
 * ZIP bomb can lie there): the output stops at the declared size plus nothing.
 */
export function checkEntryExpands(bytes: Uint8Array, entry: ZipEntry): void {
  const buf = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const at = entry.localOffset;
  if (at + 30 > buf.length || buf.readUInt32LE(at) !== LOCAL) throw new ZipFault(`its part ${entry.name} is damaged`);
  const start = at + 30 + buf.readUInt16LE(at + 26) + buf.readUInt16LE(at + 28);
  if (start + entry.compressedSize > buf.length) throw new ZipFault(`its part ${entry.name} is cut short`);
  const data = buf.subarray(start, start + entry.compressedSize);
  if (entry.method === 0) {
    if (entry.compressedSize !== entry.size) throw new ZipFault(`its part ${entry.name} is damaged`);
    return;
  }
  if (entry.method !== 8) throw new ZipFault(`its part ${entry.name} is compressed in a way Word does not use`);
  let out: Buffer;
  try {
    out = inflateRawSync(data, { maxOutputLength: Math.max(1, entry.size) });
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ERR_BUFFER_TOO_LARGE') throw new ZipFault(`its part ${entry.name} holds more than the archive says it does`);
    throw new ZipFault(`its part ${entry.name} is damaged`);
  }
  if (out.length !== entry.size) throw new ZipFault(`its part ${entry.name} is damaged`);
}
