import MarkdownIt from 'markdown-it';
import type { ImageFiles } from '../domain/loaded-files.js';
import { imageDataUri, sanitizePaperHtml } from './sanitize.js';

export { ALLOWED_ATTRIBUTES, ALLOWED_TAGS, sanitizePaperHtml, type SanitizeOptions } from './sanitize.js';

/** A paper's body as safe HTML, with anything the author should fix. */
export interface RenderedHtml {
  html: string;
  warnings: string[];
}

export interface MarkdownOptions {
  /** The images the Markdown refers to, as load read them (markdown-images.ts). */
  images: ImageFiles;
}

/** Markdown headings move down one level so the paper's own h1 stays its title. */
export const HEADING_SHIFT = 1;

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
 * inlined as a data: URI (the browser that prints the pack is not allowed to load files). The
 * images were read by load; nothing here touches the disk.
 */
export function renderMarkdown(markdown: string, options: MarkdownOptions): RenderedHtml {
  const raw = md.render(markdown);
  const warnings = new Set<string>();

  // An image becomes its data: URI (or the warning why it cannot) when the sanitiser keeps it,
  // once however often it is shown; one the sanitiser drops is never inlined. One pass: sanitising
  // is most of the time a paper's Markdown takes.
  const resolved = new Map<string, { uri: string } | { warning: string }>();
  const html = sanitizePaperHtml(raw, {
    headingShift: HEADING_SHIFT,
    image: (attribs) => {
      const src = attribs['src'] ?? '';
      let image = resolved.get(src);
      if (!image) resolved.set(src, (image = dataUriOf(src, options.images)));
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

/** An image's src as a data: URI, or the warning saying why it was left out. */
function dataUriOf(src: string, images: ImageFiles): { uri: string } | { warning: string } {
  const left = (why: string) => ({ warning: `Image ${quote(src)} ${why}; it was left out.` });
  const file = images.get(src);
  // Load reads every image the Markdown names; one missing here is a bug.
  if (!file) throw new Error(`the image ${quote(src)} was not loaded`);
  if ('why' in file) return left(file.why);
  const image = imageDataUri(file.bytes);
  return 'reason' in image ? left(image.reason) : { uri: image.uri };
}

/** An image's src as a warning shows it: data: URIs are cut short. */
function quote(src: string): string {
  const shown = /^data:/i.test(src) && src.length > 40 ? `${src.slice(0, 37)}...` : src;
  return `"${shown}"`;
}
