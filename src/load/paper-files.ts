import { resolve } from 'node:path';
import { SourceError, type Problem } from '../errors.js';
import { anythingAt, isInside, resolvedRoot } from './board-path.js';
import { checkDocx, MAX_DOCX_BYTES } from './docx-check.js';
import { loadMarkdownPaper } from './markdown-paper.js';
import type { ParsedPdfs } from './parsed-pdfs.js';
import { checkPdf, MAX_PDF_BYTES, sha256Of } from './pdf-check.js';
import { boardRoot, readSourceFile, type FileRoot } from './read-source.js';
import type { YamlSource } from './source.js';

/** A paper file a meeting names, as far as loading could tell whether it will build. */
export interface PaperFileCheck {
  path: string;
  displayPath: string;
  format: 'markdown' | 'docx' | 'pdf';
  /** For a PDF that opened: how many pages it has, and the SHA-256 of the bytes that said so. */
  pageCount?: number;
  sha256?: string;
  /** For a Markdown paper: the text after its header block, and the header block if it has one. */
  body?: string;
  header?: YamlSource;
  /** Why it will not build: refused by the reader, or damaged, encrypted, empty. */
  problem?: Problem;
}

/** The meeting folder and the paper paths its agenda names, loosely read (the agenda is not validated yet). */
export interface NamedPapers {
  dir: string;
  meeting?: YamlSource;
}

/** How many Markdown papers are read at once: enough to keep the disk busy, few enough for any limit on open files. */
const PAPERS_AT_ONCE = 64;

export function paperFormatOf(path: string): PaperFileCheck['format'] {
  const lower = path.toLowerCase();
  return lower.endsWith('.pdf') ? 'pdf' : lower.endsWith('.docx') ? 'docx' : 'markdown';
}

/**
 * Opens every paper file the meetings name far enough to know it will build: Markdown is read
 * and its header block parsed; a Word file's archive is checked and its text extracted; a PDF is
 * parsed and its pages counted. A missing file, or one whose path leads out of the board folder
 * as written, is left to the agenda's rules. A Markdown paper's body is kept for the build; the
 * bytes of Word and PDF papers are not: a board's history of PDFs would otherwise all sit in
 * memory, so the build reads a meeting's in turn (paper-file.ts). What was learnt (page
 * count, problem) is kept, and a PDF's parsed document in `parsed` while its budget allows.
 */
export async function checkPaperFiles(boardDir: string, meetings: readonly NamedPapers[], displayPathOf: (path: string) => string, parsed?: ParsedPdfs): Promise<{ papers: PaperFileCheck[]; headers: YamlSource[] }> {
  const named = new Set<string>();
  for (const folder of meetings) {
    const items = (folder.meeting?.data as { items?: unknown } | undefined)?.items;
    if (!Array.isArray(items)) continue;
    for (const item of items) {
      const papers = (item as { papers?: unknown } | null)?.papers;
      if (!Array.isArray(papers)) continue;
      for (const paper of papers) {
        const file = (paper as { file?: unknown } | null)?.file;
        if (typeof file !== 'string' || file === '') continue;
        const path = resolve(folder.dir, file);
        if (isInside(boardDir, path)) named.add(path);
      }
    }
  }
  const paths = [...named].filter(anythingAt).sort();
  // The board's real path once for all its papers; each paper's own is still checked.
  const root = resolvedRoot(boardRoot(boardDir));
  const papers: PaperFileCheck[] = [];
  const headers: YamlSource[] = [];
  // Markdown papers are read side by side, a batch at a time (their text is kept anyway); Word
  // and PDF papers one at a time, so that their bytes are never all in memory at once.
  for (let start = 0; start < paths.length; start += PAPERS_AT_ONCE) {
    const batch = paths.slice(start, start + PAPERS_AT_ONCE);
    const markdown = await Promise.all(batch.map((p) => (paperFormatOf(p) === 'markdown' ? checkPaper(root, p, displayPathOf(p)) : undefined)));
    for (const [index, path] of batch.entries()) {
      const check = paperFormatOf(path) === 'markdown' ? markdown[index] : await checkPaper(root, path, displayPathOf(path), parsed);
      if (!check) continue;
      if (check.header) headers.push(check.header);
      papers.push(check);
    }
  }
  return { papers, headers };
}

/** One paper opened far enough to know it will build; undefined when a link leads nowhere. */
async function checkPaper(root: FileRoot, path: string, displayPath: string, parsed?: ParsedPdfs): Promise<PaperFileCheck | undefined> {
  const format = paperFormatOf(path);
  const check: PaperFileCheck = { path, displayPath, format };
  try {
    if (format === 'markdown') {
      const paper = await loadMarkdownPaper(path, displayPath, root);
      check.body = paper.body;
      if (paper.header) check.header = paper.header;
    } else if (format === 'docx') {
      await checkWord(await readSourceFile(path, displayPath, 'Word document', { root, maxBytes: MAX_DOCX_BYTES }), displayPath);
    } else {
      const bytes = await readSourceFile(path, displayPath, 'PDF', { root, maxBytes: MAX_PDF_BYTES });
      const { pageCount, doc } = await checkPdf(bytes, displayPath);
      check.pageCount = pageCount;
      check.sha256 = sha256Of(bytes);
      parsed?.keep(check.sha256, bytes.length, doc);
    }
  } catch (error) {
    if (!(error instanceof SourceError)) throw error;
    // A link that leads nowhere: the agenda's rules already say the paper does not exist.
    if (error.rule === 'load/missing') return undefined;
    check.problem = problemOf(error, displayPath);
  }
  return check;
}

/** The archive checks, then the text as mammoth reads it: what the build will do, without the pictures. */
async function checkWord(buffer: Buffer, displayPath: string): Promise<void> {
  checkDocx(buffer, displayPath);
  try {
    // Imported here: most boards have no Word papers, and mammoth is slow to load.
    const { default: mammoth } = await import('mammoth');
    await mammoth.extractRawText({ buffer });
  } catch {
    throw new SourceError(`The Word document ${displayPath} is damaged and cannot be read`, {
      file: displayPath,
      rule: 'load/docx-damaged',
      hint: 'Open it in Word and save it again as a Word Document (.docx), or export it to PDF and give the PDF instead.',
    });
  }
}

/** A refusal thrown by the reader or a check, as a problem of the file itself. */
export function problemOf(error: SourceError, displayPath: string): Problem {
  return {
    severity: 'error',
    file: error.file ?? displayPath,
    line: error.line ?? 1,
    column: error.column ?? 1,
    message: error.message,
    rule: error.rule ?? 'load/read',
    ...(error.hint ? { hint: error.hint } : {}),
  };
}
