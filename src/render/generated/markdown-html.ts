import { renderMarkdown } from '../markdown.js';
import type { Renderer } from '../renderer.js';

/**
 * The board's own Markdown (minutes' discussions, notes, commentary, terms of reference) as HTML,
 * with its images as load read them from the board folder; the warnings gathered in order.
 */
export function markdownHtml(renderer: Pick<Renderer, 'images'>): { html: (text: string) => string; warnings: string[] } {
  const warnings: string[] = [];
  return {
    html: (text) => {
      const rendered = renderMarkdown(text, { images: renderer.images });
      warnings.push(...rendered.warnings);
      return rendered.html;
    },
    warnings,
  };
}
