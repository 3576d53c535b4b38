import { createHash } from 'node:crypto';
import { join, normalize } from 'node:path';
import { openRegularFile, readBounded } from '../load/bounded-read.js';
import { CONFIDENTIAL_DIR } from '../model/outputs.js';

/** What a build record keeps of one PDF it printed: the print's fingerprint, and the file's. */
export interface RecordedPrint {
  key: string;
  sha256: string;
  bytes: number;
  pages: number;
  /** A paper's: which of its pages (0-based) are landscape, so a kept paper need not be read to know. */
  landscape?: number[];
  /** Said when it was printed (an inserted PDF that is not tagged, say), and said again when reused. */
  warnings?: string[];
}

export interface ReusedPrint {
  bytes: Uint8Array;
  pageCount: number;
  warnings: string[];
  /** Its landscape pages (0-based), if the record says. */
  landscape?: readonly number[];
}

/**
 * The PDFs of a meeting's last build that can stand for prints of this one: a PDF is reused when
 * the print that made it had the same fingerprint (see printKey) and the file in the output
 * folder is still, byte for byte, the one cpb wrote (its SHA-256 is in the record). Anything else
 * in its place (another file, a link, a pipe, a folder) is printed again, never read as the PDF.
 */
export class PrintReuse {
  private readonly made = new Map<string, RecordedPrint>();

  constructor(
    private readonly outDir: string,
    private readonly earlier: Readonly<Record<string, RecordedPrint>>,
    /** --force: everything is printed again. */
    private readonly force = false,
  ) {}

  /** The earlier PDF at `relPath`, if its print had this key and it is unchanged on disk. */
  async take(relPath: string, key: string): Promise<ReusedPrint | undefined> {
    const was = this.earlier[normalize(relPath)];
    if (this.force || !was || was.key !== key) return undefined;
    const bytes = await readExactly(join(this.outDir, relPath), was.bytes);
    if (!bytes || createHash('sha256').update(bytes).digest('hex') !== was.sha256) return undefined;
    // Checked just now: the record of it stands as it was.
    this.made.set(normalize(relPath), was);
    return { bytes, pageCount: was.pages, warnings: was.warnings ?? [], ...(was.landscape ? { landscape: was.landscape } : {}) };
  }

  /** How many pages the PDF at `relPath` had when the last build wrote it (undefined if it wrote none). */
  pagesBefore(relPath: string): number | undefined {
    return this.earlier[normalize(relPath)]?.pages;
  }

  /**
   * Records a PDF this build wrote, printed or reused. A confidential one whose print gave
   * warnings is not: they may name an exempt paper's file, and the record names nothing the
   * agenda does not; it is printed (and warned of) again each time.
   */
  note(relPath: string, key: string, bytes: Uint8Array, pages: number, warnings: readonly string[] = [], landscape?: readonly number[]): void {
    if (warnings.length > 0 && normalize(relPath).split(/[\\/]/).includes(CONFIDENTIAL_DIR)) return;
    const sha256 = createHash('sha256').update(bytes).digest('hex');
    this.made.set(normalize(relPath), { key, sha256, bytes: bytes.length, pages, ...(landscape ? { landscape: [...landscape] } : {}), ...(warnings.length ? { warnings: [...warnings] } : {}) });
  }

  /** For the build record, by file. */
  get recorded(): Record<string, RecordedPrint> {
    return Object.fromEntries([...this.made].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)));
  }
}

/** The file's bytes if it is an ordinary file of exactly `size` bytes; undefined otherwise. */
async function readExactly(path: string, size: number): Promise<Uint8Array | undefined> {
  try {
    const { handle, stats } = await openRegularFile(path, path, 'earlier output');
    try {
      if (stats.size !== size) return undefined;
      return new Uint8Array(await readBounded(handle, stats, size, path, 'earlier output'));
    } finally {
      await handle.close();
    }
  } catch {
    return undefined;
  }
}
