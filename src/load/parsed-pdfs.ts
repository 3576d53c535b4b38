import type { PDFDocument } from '../pdf-lib.js';

/**
 * How many bytes of supplied PDFs a build keeps parsed from loading the board to building their
 * meeting. A document parsed takes five or six times its size in memory; a board's history of
 * PDFs could not all be held, so past this the build parses the rest again.
 */
export const PARSED_PDF_BUDGET = 32 * 1024 * 1024;

/**
 * Supplied PDFs as loading the board parsed them to check them, by the SHA-256 of their bytes,
 * kept for the build to clean and put into its packs without parsing each again (a tenth of a
 * second for 150 pages). Each document is given once: the build changes it (the cleaning), so a
 * second paper naming the same bytes parses its own.
 */
export class ParsedPdfs {
  private readonly docs = new Map<string, PDFDocument>();
  private kept = 0;

  constructor(private readonly budget = PARSED_PDF_BUDGET) {}

  /** Keeps `doc`, parsed from `byteLength` bytes of SHA-256 `sha256`, while the budget allows. */
  keep(sha256: string, byteLength: number, doc: PDFDocument): void {
    if (this.docs.has(sha256) || this.kept + byteLength > this.budget) return;
    this.docs.set(sha256, doc);
    this.kept += byteLength;
  }

  /** The document parsed from the bytes of SHA-256 `sha256`, if one was kept and not taken yet. */
  take(sha256: string): PDFDocument | undefined {
    const doc = this.docs.get(sha256);
    this.docs.delete(sha256);
    return doc;
  }
}
