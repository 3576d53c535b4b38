import { createHash } from 'node:crypto';
import { readdir, readFile, realpath, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { cpbVersion, PACKAGE_ROOT } from '../package-root.js';
import type { PdfMetadata } from './pdf-metadata.js';

/**
 * What makes a print come out the same: cpb (its version and the code that prints), the zlib
 * that compresses a PDF's objects (pdf-writer.ts) and the browser's binary, as one string. The
 * code is fingerprinted as well as the version, so a cpb updated without a new version number
 * (from git, say) prints everything again. The binary is known by
 * its real path, size and date, so a browser upgraded in place (a new package of Chromium) prints
 * everything again too; the browser is not launched to ask it.
 */
export async function printerIdentity(browserPath: string, codeDirs = PRINT_CODE): Promise<string> {
  const real = await realpath(browserPath).catch(() => browserPath);
  const facts = await stat(real).catch(() => undefined);
  const code = await Promise.all(codeDirs.map(codeFingerprint));
  return JSON.stringify(['cpb', cpbVersion(), ...code, `zlib ${process.versions.zlib}`, real, facts?.size ?? 0, facts?.mtimeMs ?? 0]);
}

/**
 * The compiled code a PDF depends on beyond its HTML (which the key holds): printing and
 * finishing, the reading of PDFs' content that finishing uses (a pack's fonts merged), and the
 * build that says what is printed.
 */
const PRINT_CODE = [['print'], ['render', 'pdf'], ['build']].map((stage) => join(PACKAGE_ROOT, 'dist', ...stage));

/** The SHA-256 of every .js file under `dir` (its path and contents), in name order. */
export async function codeFingerprint(dir: string): Promise<string> {
  const files = (await readdir(dir, { recursive: true }).catch(() => [] as string[])).filter((f) => f.endsWith('.js')).sort();
  const hash = createHash('sha256');
  for (const file of files) hash.update(`${file}\0`).update(await readFile(join(dir, file))).update('\0');
  return hash.digest('hex');
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
