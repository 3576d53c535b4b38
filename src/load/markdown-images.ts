import { resolve } from 'node:path';
import MarkdownIt from 'markdown-it';
import sanitizeHtml from 'sanitize-html';
import { SourceError } from '../errors.js';
import { isInside } from './board-path.js';
import { MAX_IMAGE_BYTES } from './board-files-check.js';
import { boardRoot, readSourceFile } from './read-source.js';
import type { ImageFile } from '../domain/loaded-files.js';

const md = new MarkdownIt('default', { html: true, linkify: false, typographer: false });
const MAY_HOLD_IMAGE = /!\[|<img/i;

/**
 * Every src of an image in `markdown`, as the renderer's sanitiser will see it: the Markdown is
 * rendered the same way and every img tag visited (more than the sanitiser keeps, never fewer).
 */
export function imageSources(markdown: string): string[] {
  // An img tag in the rendered HTML comes from Markdown's image syntax or from raw HTML passed
  // through as written, so a text with neither "![" nor "<img" has none: most papers, not rendered.
  if (!MAY_HOLD_IMAGE.test(markdown)) return [];
  const sources: string[] = [];
  sanitizeHtml(md.render(markdown), {
    allowedTags: ['img'],
    allowedAttributes: false,
    nonTextTags: [],
    transformTags: {
      img: (tagName, attribs) => {
        sources.push(attribs['src'] ?? '');
        return { tagName, attribs };
      },
    },
  });
  return sources;
}

/**
 * Reads the images the Markdown texts refer to, relative to `baseDir` (a paper's folder, or the
 * board folder for the board's own texts); none may come from outside the board folder.
 */
export async function loadImages(texts: readonly string[], baseDir: string, boardDir: string): Promise<Map<string, ImageFile>> {
  const images = new Map<string, ImageFile>();
  for (const text of texts) {
    for (const src of imageSources(text)) {
      if (!images.has(src)) images.set(src, await loadImage(src, baseDir, boardDir));
    }
  }
  return images;
}

/** One image's bytes (a data: URI decoded, a file read), or why it was left out. */
async function loadImage(src: string, baseDir: string, boardDir: string): Promise<ImageFile> {
  const trimmed = src.trim();
  if (!trimmed) return { why: 'has no source' };
  if (/^data:/i.test(trimmed)) {
    const match = /^data:([^;,]*)((?:;[^;,]*)*),(.*)$/is.exec(trimmed);
    if (!match) return { why: 'is not a valid data: URI' };
    const body = match[3] ?? '';
    return { bytes: /;base64$/i.test(match[2] ?? '') ? Buffer.from(body, 'base64') : Buffer.from(safeDecode(body) ?? '', 'utf8') };
  }
  if (/^[a-z][a-z0-9+.-]*:/i.test(trimmed) || trimmed.startsWith('//') || trimmed.startsWith('\\\\')) {
    return { why: 'is not a file in the board folder (only images kept with the papers are included)' };
  }
  const pathPart = safeDecode(trimmed.replace(/[?#].*$/s, ''));
  if (pathPart === undefined) return { why: 'has a path that cannot be read' };
  const board = resolve(boardDir);
  const file = resolve(baseDir, pathPart);
  if (!isInside(board, file)) return { why: 'is outside the board folder' };
  // Through the one reader: a link inside the board folder must not lead out of it, and a pipe or
  // a folder in a picture's place is refused without being opened for reading.
  try {
    return { bytes: await readSourceFile(file, pathPart, 'image', { root: boardRoot(board), maxBytes: MAX_IMAGE_BYTES }) };
  } catch (error) {
    if (!(error instanceof SourceError)) throw error;
    return { why: IMAGE_REFUSALS[error.rule ?? ''] ?? 'cannot be read' };
  }
}

/** What a left-out image's warning says for each of the reader's refusals. */
const IMAGE_REFUSALS: Record<string, string> = {
  'load/missing': 'was not found',
  'load/outside-board': 'is outside the board folder',
  'load/not-a-file': 'is not a file',
  'load/size': `is larger than ${MAX_IMAGE_BYTES / 1048576} MB`,
};

function safeDecode(text: string): string | undefined {
  try {
    return decodeURIComponent(text);
  } catch {
    return undefined;
  }
}
