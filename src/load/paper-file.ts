import { dirname } from 'node:path';
import { CpbError, SourceError } from '../errors.js';
import { displayPathOf } from './display-path.js';
import { convertDocx } from './docx-convert.js';
import { loadImages } from './markdown-images.js';
import type { ParsedPdfs } from './parsed-pdfs.js';
import { checkPdfOnce, MAX_PDF_BYTES, type CheckedPdf } from './pdf-check.js';
import { boardRoot, readSourceFile } from './read-source.js';
import type { PaperFile } from '../domain/loaded-files.js';

/** A paper as the agenda names it: where it is and how it is written. */
export interface NamedPaper {
  path: string;
  format: 'markdown' | 'docx' | 'pdf' | 'generated';
}

/**
 * Reads one paper for the build, a meeting at a time (a board's PDFs together would not fit in
 * memory). Each file goes through the one reader (inside the board, an ordinary file, within its
 * size) and is checked as `cpb validate` checked it: the file may have changed since. `text` is
 * a Markdown paper's body as loading the board read it; `checked`, a supplied PDF as loading the
 * board found it (not parsed again if its bytes are the same; if they changed, the document
 * parsed now goes into `parsed`).
 */
export async function loadPaperFile<Text extends { body: string }>(paper: NamedPaper, boardDir: string, text?: Text, checked?: CheckedPdf, parsed?: ParsedPdfs): Promise<PaperFile<Text>> {
  const shown = displayPathOf(paper.path);
  const root = boardRoot(boardDir);
  try {
    switch (paper.format) {
      case 'generated':
        throw new Error('a generated paper has no file');
      case 'markdown': {
        if (!text) throw new Error(`the Markdown paper ${shown} was not loaded`);
        return { displayPath: shown, format: 'markdown', text, images: await loadImages([text.body], dirname(paper.path), boardDir) };
      }
      case 'docx':
        return { displayPath: shown, format: 'docx', docx: await convertDocx(paper.path, { displayPath: shown, root }) };
      case 'pdf': {
        const bytes = new Uint8Array(await readSourceFile(paper.path, shown, 'PDF', { root, maxBytes: MAX_PDF_BYTES }));
        const { pageCount } = await checkPdfOnce(bytes, shown, checked, parsed);
        return { displayPath: shown, format: 'pdf', bytes, pageCount };
      }
    }
  } catch (error) {
    if (error instanceof CpbError) throw error;
    throw new SourceError(`Cannot read the paper ${shown}: ${(error as Error).message}`, {
      file: shown,
      rule: 'paper/read',
      cause: error,
      hint: paper.format === 'pdf' ? 'Check that it opens in a PDF reader and is not password-protected.' : undefined,
    });
  }
}
