import { createHash } from 'node:crypto';
import { realpath, stat } from 'node:fs/promises';
import { cpbVersion } from '../package-root.js';
import type { PdfMetadata } from './pdf-metadata.js';

/**
 * What makes a print come out the same: cpb's version and the browser's binary, as one string.
 * The binary is known by its real path, size and date, so a browser upgraded in place (a new
 * package of Chromium) prints everything again; the browser is not launched to ask it.
 */
export async function printerIdentity(browserPath: string): Promise<string> {
  const real = await realpath(browserPath).catch(() => browserPath);
  const facts = await stat(real).catch(() => undefined);
  return JSON.stringify(['cpb', cpbVersion(), real, facts?.size ?? 0, facts?.mtimeMs ?? 0]);
}

/**
 * The fingerprint of one PDF cpb prints: the printer, what kind of document it is, the HTML
 * printed (which holds the data, the template and the theme) and the metadata written into it,
 * with `extra` for what else goes into the file (the PDFs inserted into a pack, its bookmarks).
 */
export function printKey(printer: string, kind: string, html: string, metadata: PdfMetadata, extra: readonly string[] = []): string {
  const hash = createHash('sha256');
  for (const part of [printer, kind, JSON.stringify({ ...metadata, date: metadata.date.toISOString() }), ...extra, html]) {
    hash.update(`${Buffer.byteLength(part)}:`).update(part);
  }
  return hash.digest('hex');
}
