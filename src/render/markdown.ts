import { resolve } from 'node:path';
import MarkdownIt from 'markdown-it';
import { SourceError } from '../errors.js';
import { isInside } from '../load/board-path.js';
import { boardRoot, readSourceFile } from '../load/read-source.js';
import { MAX_IMAGE_BYTES, imageDataUri, sanitizePaperHtml } from './sanitize.js';

export { ALLOWED_ATTRIBUTES, ALLOWED_TAGS, sanitizePaperHtml, type SanitizeOptions } from './sanitize.js';

/** A paper's body as safe HTML, with anything the author should fix. */
export interface RenderedHtml {
  html: string;
  warnings: string[];
}

export interface MarkdownOptions {
  /** Folder relative image paths are resolved against: the folder of the paper. */
  baseDir: string;
  /** The board folder; no image may come from outside it. */
  boardDir: string;
}

/** Markdown headings move down one level so the paper's own h1 stays its title. */
export const HEADING_SHIFT = 1;

/** Placeholder src that passes the sanitiser while images are only being collected. */
const PLACEHOLDER = 'data:image/gif;base64,';

const md = new MarkdownIt('default', { html: true, linkify: false, typographer: false });
// Cells of a Markdown table's header row are column headers.
md.core.ruler.push('cpb_th_scope', (state) => {
  for (const token of state.tokens) {
    if (token.type === 'th_open' && !token.attrGet('scope')) token.attrSet('scope', 'col');
  }
});

/**
 * Renders a paper's Markdown (raw HTML allowed) to HTML that is safe to put into a document:
 * sanitised to the allow-list in sanitize.ts, headings shifted down one level, and every image
 * inlined as a data: URI (the browser that prints the pack is not allowed to load files).
 */
export async function renderMarkdown(markdown: string, options: MarkdownOptions): Promise<RenderedHtml> {
  const raw = md.render(markdown);
  const warnings = new Set<string>();

  // First pass: which images survive sanitising, so only those are read.
  const sources: string[] = [];
  sanitizePaperHtml(raw, {
    headingShift: HEADING_SHIFT,
    image: (attribs) => {
      sources.push(attribs['src'] ?? '');
      return { ...attribs, src: PLACEHOLDER };
    },
  });
  const resolved = new Map<string, { uri: string } | { warning: string }>();
  for (const src of sources) {
    if (!resolved.has(src)) resolved.set(src, await resolveImage(src, options));
  }

  const html = sanitizePaperHtml(raw, {
    headingShift: HEADING_SHIFT,
    image: (attribs) => {
      const src = attribs['src'] ?? '';
      const image = resolved.get(src);
      if (!image) return undefined;
      if ('warning' in image) {
        warnings.add(image.warning);
        return undefined;
      }
      if (!(attribs['alt'] ?? '').trim()) {
        warnings.add(`Image ${quote(src)} has no alt text; describe it for readers who cannot see it (WCAG 1.1.1).`);
      }
      return { ...attribs, src: image.uri };
    },
  });
  return { html, warnings: [...warnings] };
}

/** Turns an image's src into a data: URI, or says why it was left out. */
async function resolveImage(src: string, options: MarkdownOptions): Promise<{ uri: string } | { warning: string }> {
  const left = (why: string) => ({ warning: `Image ${quote(src)} ${why}; it was left out.` });
  const trimmed = src.trim();
  if (!trimmed) return left('has no source');
  if (/^data:/i.test(trimmed)) {
    const match = /^data:([^;,]*)((?:;[^;,]*)*),(.*)$/is.exec(trimmed);
    if (!match) return left('is not a valid data: URI');
    const body = match[3] ?? '';
    const bytes = /;base64$/i.test(match[2] ?? '')
      ? Buffer.from(body, 'base64')
      : Buffer.from(safeDecode(body) ?? '', 'utf8');
    return toUri(bytes, left);
  }
  if (/^[a-z][a-z0-9+.-]*:/i.test(trimmed) || trimmed.startsWith('//') || trimmed.startsWith('\\\\')) {
    return left('is not a file in the board folder (only images kept with the papers are included)');
  }
  const pathPart = safeDecode(trimmed.replace(/[?#].*$/s, ''));
  if (pathPart === undefined) return left('has a path that cannot be read');
  const boardDir = resolve(options.boardDir);
  const file = resolve(options.baseDir, pathPart);
  if (!isInside(boardDir, file)) return left('is outside the board folder');
  // Through the one reader: a link inside the board folder must not lead out of it, and a pipe or
  // a folder in a picture's place is refused without being opened for reading.
  try {
    return toUri(await readSourceFile(file, pathPart, 'image', { root: boardRoot(boardDir), maxBytes: MAX_IMAGE_BYTES }), left);
  } catch (error) {
    if (!(error instanceof SourceError)) throw error;
    return left(IMAGE_REFUSALS[error.rule ?? ''] ?? 'cannot be read');
  }
}

/** What a left-out image's warning says for each of the reader's refusals. */
const IMAGE_REFUSALS: Record<string, string> = {
  'load/missing': 'was not found',
  'load/outside-board': 'is outside the board folder',
  'load/not-a-file': 'is not a file',
  'load/size': `is larger than ${MAX_IMAGE_BYTES / 1048576} MB`,
};

function toUri(bytes: Uint8Array, left: (why: string) => { warning: string }): { uri: string } | { warning: string } {
  const image = imageDataUri(bytes);
  return 'reason' in image ? left(image.reason) : { uri: image.uri };
}

function safeDecode(text: string): string | undefined {
  try {
    return decodeURIComponent(text);
  } catch {
    return undefined;
  }
}

/** An image's src as a warning shows it: data: URIs are cut short. */
function quote(src: string): string {
  const shown = /^data:/i.test(src) && src.length > 40 ? `${src.slice(0, 37)}...` : src;
  return `"${shown}"`;
}
