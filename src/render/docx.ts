import mammoth from 'mammoth';
import { SourceError } from '../errors.js';
import { HEADING_SHIFT, type RenderedHtml } from './markdown.js';
import { imageDataUri, sanitizePaperHtml } from './sanitize.js';
import { checkDocx, MAX_DOCX_BYTES } from '../load/docx-check.js';
import { readSourceFile, type FileRoot } from '../load/read-source.js';

export type { RenderedHtml } from './markdown.js';

/** Word styles mapped on top of mammoth's defaults (Heading 1-6, lists, tables, Strong). */
const STYLE_MAP = [
  "p[style-name='Title'] => h1:fresh",
  "p[style-name='Subtitle'] => p:fresh",
];

/**
 * Converts a Word (.docx) paper to safe HTML: headings (shifted down one level like Markdown's),
 * lists, tables with their header rows, and images inlined as data: URIs with their alt text.
 * mammoth's own messages become warnings. A file that cannot be read as a .docx throws.
 */
export async function renderDocx(path: string, options: { displayPath?: string; root?: FileRoot | null } = {}): Promise<RenderedHtml> {
  const shown = options.displayPath ?? path;
  // Word documents with images run larger than text papers.
  const buffer = await readSourceFile(path, shown, 'Word document', { root: options.root ?? null, maxBytes: MAX_DOCX_BYTES });
  // Before mammoth unzips it: a small file that expands to gigabytes is refused here, by name.
  checkDocx(buffer, shown);

  const warnings = new Set<string>();
  let count = 0;
  const convertImage = mammoth.images.imgElement(async (image) => {
    const number = ++count;
    const inlined = imageDataUri(await image.readAsBuffer());
    if ('reason' in inlined) {
      warnings.add(`Image ${number} (${image.contentType}) ${inlined.reason}; it was left out.`);
      return { src: '' };
    }
    return { src: inlined.uri };
  });

  let result: Awaited<ReturnType<typeof mammoth.convertToHtml>>;
  try {
    result = await mammoth.convertToHtml({ buffer }, { convertImage, styleMap: STYLE_MAP, externalFileAccess: false });
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    throw new SourceError(`Cannot read Word document ${shown}: ${reason}`, {
      file: shown,
      rule: 'docx/read',
      cause: error,
      hint: 'Save it from Word as a .docx document (not .doc, and not password-protected), or export it to PDF.',
    });
  }
  for (const message of result.messages) warnings.add(message.message);

  let seen = 0;
  const html = sanitizePaperHtml(result.value, {
    headingShift: HEADING_SHIFT,
    defaultThScope: 'col',
    image: (attribs) => {
      seen++;
      if (!attribs['src']) return undefined;
      if (!(attribs['alt'] ?? '').trim()) {
        warnings.add(`Image ${seen} has no alt text; add one in Word (Edit Alt Text) for readers who cannot see it (WCAG 1.1.1).`);
      }
      return { ...attribs };
    },
  });
  return { html, warnings: [...warnings] };
}
