import type { ConvertedDocx } from '../domain/loaded-files.js';
import { DOCX_IMAGE_SRC } from '../domain/loaded-files.js';
import { HEADING_SHIFT, type RenderedHtml } from './markdown.js';
import { imageDataUri, sanitizePaperHtml } from './sanitize.js';

export type { RenderedHtml } from './markdown.js';

/**
 * Turns a Word paper, as load converted it (docx-convert.ts), into safe HTML: headings
 * shifted down one level like Markdown's, images inlined as data: URIs with their alt text.
 * mammoth's own messages become warnings.
 */
export function renderDocx(docx: ConvertedDocx): RenderedHtml {
  const warnings = new Set<string>();
  const sources = docx.images.map((image, i) => {
    const inlined = imageDataUri(image.bytes);
    if ('reason' in inlined) {
      warnings.add(`Image ${i + 1} (${image.contentType}) ${inlined.reason}; it was left out.`);
      return '';
    }
    return inlined.uri;
  });
  for (const message of docx.messages) warnings.add(message);

  let seen = 0;
  const html = sanitizePaperHtml(docx.html, {
    headingShift: HEADING_SHIFT,
    defaultThScope: 'col',
    image: (attribs) => {
      seen++;
      const src = srcOf(attribs['src'] ?? '', sources);
      if (!src) return undefined;
      if (!(attribs['alt'] ?? '').trim()) {
        warnings.add(`Image ${seen} has no alt text; add one in Word (Edit Alt Text) for readers who cannot see it (WCAG 1.1.1).`);
      }
      return { ...attribs, src };
    },
  });
  return { html, warnings: [...warnings] };
}

/** The data: URI standing for one of the document's pictures; '' for one left out. */
function srcOf(src: string, sources: readonly string[]): string {
  if (!src.startsWith(DOCX_IMAGE_SRC)) return '';
  return sources[Number(src.slice(DOCX_IMAGE_SRC.length))] ?? '';
}
