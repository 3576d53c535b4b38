import { dirname } from 'node:path';
import { CpbError, SourceError } from '../errors.js';
import { displayPathOf } from '../load/board-folder.js';
import { loadMarkdownPaper } from '../load/markdown-paper.js';
import { checkPdf, MAX_PDF_BYTES } from '../load/pdf-check.js';
import { boardRoot, readSourceFile } from '../load/read-source.js';
import { coverReportView, type CoverReportView, type PaperHeaderData } from '../model/cover-report.js';
import type { Generator, Paper } from '../model/meeting.js';
import { renderDocx } from './docx.js';
import { renderMarkdown } from './markdown.js';

/**
 * A paper made ready for the pack: HTML (sanitised or rendered by our templates, ours to insert)
 * or a PDF to insert. `draft` papers say DRAFT on every page.
 */
export type PaperContent =
  | { format: 'html'; html: string; cover?: CoverReportView; draft?: boolean; warnings: string[] }
  | { format: 'pdf'; bytes: Uint8Array; pageCount: number; warnings: string[] };

/** Makes a generated paper (minutes, action log, reports) from the board's data. */
export type GeneratePaper = (generator: Generator) => Promise<PaperContent>;

/**
 * Renders (or for a PDF, reads) one paper's content. Cached by the caller per build. Each file is
 * read once, through the one reader (inside the board, an ordinary file, within its size), and
 * checked as `cpb validate` checked it: the file may have changed since.
 */
export async function paperContent(paper: Paper, boardDir: string, generate: GeneratePaper): Promise<PaperContent> {
  if (paper.generator) return generate(paper.generator);
  const shown = displayPathOf(paper.path);
  const root = boardRoot(boardDir);
  try {
    switch (paper.format) {
      case 'generated':
        throw new Error('a generated paper without a generator');
      case 'markdown': {
        const source = await loadMarkdownPaper(paper.path, shown, root);
        const rendered = await renderMarkdown(source.body, { baseDir: dirname(paper.path), boardDir });
        const header = source.header?.data as PaperHeaderData | undefined;
        return { format: 'html', html: rendered.html, ...(header ? { cover: coverReportView(header) } : {}), warnings: rendered.warnings };
      }
      case 'docx': {
        const rendered = await renderDocx(paper.path, { displayPath: shown, root });
        return { format: 'html', html: rendered.html, warnings: rendered.warnings };
      }
      case 'pdf': {
        const bytes = new Uint8Array(await readSourceFile(paper.path, shown, 'PDF', { root, maxBytes: MAX_PDF_BYTES }));
        const { pageCount } = await checkPdf(bytes, shown);
        return { format: 'pdf', bytes, pageCount, warnings: [] };
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
