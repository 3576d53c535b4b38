import { CpbError, SourceError } from '../errors.js';
import type { CoverReportView } from '../model/cover-report.js';
import type { MarkdownText } from '../model/board-model.js';
import type { PaperFile } from '../domain/loaded-files.js';
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
 * One paper's content, from the file load read for it (`file`, absent for a generated paper).
 * Cached by the caller per build. Reads nothing.
 */
export async function paperContent(paper: Paper, file: PaperFile<MarkdownText> | undefined, generate: GeneratePaper): Promise<PaperContent> {
  if (paper.generator) return generate(paper.generator);
  if (!file) throw new Error(`no file was loaded for the paper ${paper.file}`);
  try {
    switch (file.format) {
      case 'markdown': {
        const rendered = renderMarkdown(file.text.body, { images: file.images });
        const cover = file.text.cover;
        // The summary is Markdown too (bullets, emphasis), with the same images and warnings as the body.
        const summary = cover?.summary !== undefined ? renderMarkdown(cover.summary, { images: file.images }) : undefined;
        return {
          format: 'html',
          html: rendered.html,
          ...(cover ? { cover: summary ? { ...cover, summaryHtml: summary.html.trim() } : cover } : {}),
          warnings: [...rendered.warnings, ...(summary?.warnings ?? [])],
        };
      }
      case 'docx': {
        const rendered = renderDocx(file.docx);
        return { format: 'html', html: rendered.html, warnings: rendered.warnings };
      }
      case 'pdf':
        return { format: 'pdf', bytes: file.bytes, pageCount: file.pageCount, warnings: [] };
    }
  } catch (error) {
    if (error instanceof CpbError) throw error;
    // As when the paper was read: what goes wrong with one paper names it.
    throw new SourceError(`Cannot read the paper ${file.displayPath}: ${(error as Error).message}`, { file: file.displayPath, rule: 'paper/read', cause: error });
  }
}
