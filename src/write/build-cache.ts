import { existsSync } from 'node:fs';
import { readFile, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { CONFIDENTIAL_DIR } from '../model/outputs.js';
import type { PublishedFile } from '../model/site/published.js';
import type { RecordedPrint } from './print-reuse.js';
import { SITE_UNIT } from './site/site-folder.js';

/** One unit (a meeting, the site): the fingerprint of its inputs and the files it wrote. */
export interface CacheUnit {
  key: string;
  files: string[];
  /** Built without PDFs (--html-only, or no browser): its PDFs are missing. */
  htmlOnly?: boolean;
  /** A meeting's: what the site needs of each public file it made (pages, words to search). */
  published?: PublishedFile[];
  /** A meeting's: each PDF it printed, by file, so a rebuild can keep those whose print would be the same. */
  prints?: Record<string, RecordedPrint>;
  /** A meeting's: the SHA-256 of each supplied PDF it published, by name, so a rebuild can keep the words read from it. */
  supplied?: Record<string, string>;
}

/**
 * The whole board's last build, when it built every meeting as asked: the fingerprint of all it
 * read (see boardKey), so a rebuild with nothing changed can stop without reading the board.
 * Only a count of its warnings: their words can come from exempt minutes, and nothing outside a
 * confidential folder may hold those.
 */
export interface BoardRecord {
  key: string;
  /** How many warnings validation gave. */
  warnings: number;
  /** The PDFs missing since the board was built with --html-only, by meeting. */
  missingPdfs: { meeting: string; files: string[] }[];
}

interface CacheFile {
  units: Record<string, CacheUnit>;
  board?: BoardRecord;
}

export const CACHE_FILE = '.cpb-build-cache.json';

/**
 * What the last successful build made from which inputs, kept in the output folder. It is also
 * the output folder's manifest: the files listed are the ones cpb wrote there, and the only ones
 * it ever removes. A folder made by an older cpb has the same file and is taken over as it is.
 * A unit whose inputs have the same fingerprint and whose files are all still there is not built
 * again. The file is replaced as part of a build's commit (see StagedOutput.commit).
 */
export class BuildCache {
  private constructor(
    private readonly outDir: string,
    private readonly data: CacheFile,
  ) {}

  static async open(outDir: string): Promise<BuildCache> {
    return BuildCache.parse(outDir, await BuildCache.text(outDir));
  }

  /** When the record of `outDir`'s last build was written (a look, not a read: for guessing before the board is read); undefined if there is none. */
  static async writtenAt(outDir: string): Promise<number | undefined> {
    return stat(join(outDir, CACHE_FILE)).then(
      (s) => s.mtimeMs,
      () => undefined,
    );
  }

  /** The record's bytes as they are on disk; undefined when there is none. */
  static async text(outDir: string): Promise<Buffer | undefined> {
    return readFile(join(outDir, CACHE_FILE)).catch(() => undefined);
  }

  /** The record of `outDir` from its bytes (BuildCache.text); an empty one when unreadable. */
  static parse(outDir: string, text: Buffer | undefined): BuildCache {
    try {
      const data = JSON.parse(text?.toString('utf8') ?? '{}') as CacheFile;
      if (!data.units || typeof data.units !== 'object') return new BuildCache(outDir, { units: {} });
      const board = validBoard(data.board);
      return new BuildCache(outDir, { units: validUnits(data.units), ...(board ? { board } : {}) });
    } catch {
      return new BuildCache(outDir, { units: {} });
    }
  }

  /**
   * Same inputs, every file there, and PDFs too when `needPdf`. A meeting recorded by an older cpb,
   * without what it published, is not: it is built again, so the site need not read its files.
   */
  isFresh(unit: string, key: string, needPdf = false): boolean {
    const entry = this.data.units[unit];
    if (entry === undefined || entry.key !== key || (needPdf && entry.htmlOnly)) return false;
    if (unit !== SITE_UNIT && entry.published === undefined) return false;
    return entry.files.every((f) => existsSync(join(this.outDir, f)));
  }

  entry(unit: string): CacheUnit | undefined {
    return this.data.units[unit];
  }

  get unitNames(): string[] {
    return Object.keys(this.data.units);
  }

  record(unit: string, key: string, files: string[], options: { htmlOnly?: boolean; published?: readonly PublishedFile[]; prints?: Record<string, RecordedPrint>; supplied?: Record<string, string> } = {}): void {
    // Sorted: papers and packs print side by side, so the order they were written in varies.
    this.data.units[unit] = {
      key,
      files: [...files].sort(),
      ...(options.htmlOnly ? { htmlOnly: true } : {}),
      ...(options.published ? { published: [...options.published].sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0)) } : {}),
      ...(options.prints && Object.keys(options.prints).length ? { prints: options.prints } : {}),
      ...(options.supplied && Object.keys(options.supplied).length ? { supplied: options.supplied } : {}),
    };
  }

  forget(unit: string): void {
    delete this.data.units[unit];
  }

  /** The whole board's last build (see BoardRecord); undefined after a build of some meetings, or none. */
  get board(): BoardRecord | undefined {
    return this.data.board;
  }

  /** Set by every build of a board: a build that cannot vouch for the whole board clears it. */
  recordBoard(board: BoardRecord | undefined): void {
    if (board) this.data.board = board;
    else delete this.data.board;
  }

  /** The file's new text, to be put in place with the build's outputs. */
  serialize(): string {
    return `${JSON.stringify(this.data, null, 1)}\n`;
  }
}

/** Only well-formed entries count: a file listed here may be removed, so nothing is guessed. */
function validUnits(units: Record<string, unknown>): Record<string, CacheUnit> {
  const valid: Record<string, CacheUnit> = {};
  for (const [name, unit] of Object.entries(units)) {
    const u = unit as Partial<CacheUnit> | null;
    if (!u || typeof u.key !== 'string' || !Array.isArray(u.files)) continue;
    const files = u.files.filter((f): f is string => typeof f === 'string' && !f.startsWith('..') && !f.startsWith('/') && f.length > 0);
    const published = Array.isArray(u.published) && u.published.every(isPublishedFile) ? { published: u.published } : {};
    const prints = validPrints(u.prints);
    const supplied = validSupplied(u.supplied);
    valid[name] = { key: u.key, files, ...(u.htmlOnly === true ? { htmlOnly: true } : {}), ...published, ...(prints ? { prints } : {}), ...(supplied ? { supplied } : {}) };
  }
  return valid;
}

/** A board record is used whole or not at all: a malformed one means the board is read and built as usual. */
function validBoard(value: unknown): BoardRecord | undefined {
  const b = value as Partial<BoardRecord> | null | undefined;
  if (!b || typeof b.key !== 'string' || !Number.isInteger(b.warnings) || b.warnings! < 0 || !Array.isArray(b.missingPdfs)) return undefined;
  if (!b.missingPdfs.every((m) => typeof m?.meeting === 'string' && Array.isArray(m.files) && m.files.every((f) => typeof f === 'string'))) return undefined;
  return { key: b.key, warnings: b.warnings!, missingPdfs: b.missingPdfs };
}

/** The well-formed entries of a record's supplied PDFs: a name and a SHA-256 in hex. */
function validSupplied(value: unknown): Record<string, string> | undefined {
  if (!value || typeof value !== 'object' || Array.isArray(value)) return undefined;
  return Object.fromEntries(Object.entries(value as Record<string, unknown>).filter((e): e is [string, string] => typeof e[1] === 'string' && /^[0-9a-f]{64}$/.test(e[1])));
}

/** The well-formed entries of a record's prints: a bad one only means that PDF is printed again. */
function validPrints(value: unknown): Record<string, RecordedPrint> | undefined {
  if (!value || typeof value !== 'object' || Array.isArray(value)) return undefined;
  const prints: Record<string, RecordedPrint> = {};
  for (const [file, entry] of Object.entries(value as Record<string, unknown>)) {
    const e = entry as Partial<RecordedPrint> | null;
    if (!e || typeof e.key !== 'string' || typeof e.sha256 !== 'string' || !Number.isInteger(e.bytes) || !Number.isInteger(e.pages)) continue;
    if (e.warnings !== undefined && !(Array.isArray(e.warnings) && e.warnings.every((w) => typeof w === 'string'))) continue;
    // Landscape pages the record cannot vouch for are left out: the PDF is then read to know them.
    const landscape = Array.isArray(e.landscape) && e.landscape.every((n) => Number.isInteger(n) && n >= 0 && n < e.pages!) ? { landscape: e.landscape } : {};
    prints[file] = { key: e.key, sha256: e.sha256, bytes: e.bytes!, pages: e.pages!, ...landscape, ...(e.warnings?.length ? { warnings: e.warnings } : {}) };
  }
  return prints;
}

/** A well-formed record of a published file, whose name stays inside the meeting's public folder. */
function isPublishedFile(value: unknown): value is PublishedFile {
  const f = value as Partial<PublishedFile> | null;
  return (
    typeof f === 'object' &&
    f !== null &&
    typeof f.name === 'string' &&
    f.name.length > 0 &&
    !f.name.split('/').some((part) => part === '..' || part === '' || part === CONFIDENTIAL_DIR) &&
    typeof f.bytes === 'number' &&
    (f.pages === undefined || typeof f.pages === 'number') &&
    (f.text === undefined || typeof f.text === 'string') &&
    (f.supplied === undefined || f.supplied === true) &&
    (f.warning === undefined || typeof f.warning === 'string')
  );
}
