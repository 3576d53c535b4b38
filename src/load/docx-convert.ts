import { SourceError } from '../errors.js';
import { checkDocx, MAX_DOCX_BYTES } from './docx-check.js';
import { readSourceFile, type FileRoot } from './read-source.js';
import { DOCX_IMAGE_SRC, type ConvertedDocx, type DocxImage } from '../domain/loaded-files.js';

/** Word styles mapped on top of mammoth's defaults (Heading 1-6, lists, tables, Strong). */
const STYLE_MAP = [
  "p[style-name='Title'] => h1:fresh",
  "p[style-name='Subtitle'] => p:fresh",
];

/**
 * Reads a Word (.docx) paper through the one reader and converts it to HTML with mammoth:
 * headings, lists, tables with their header rows, and the pictures kept aside. A file that
 * cannot be read as a .docx throws a SourceError naming it.
 */
export async function convertDocx(path: string, options: { displayPath?: string; root?: FileRoot | null } = {}): Promise<ConvertedDocx> {
  const shown = options.displayPath ?? path;
  // Word documents with images run larger than text papers.
  const buffer = await readSourceFile(path, shown, 'Word document', { root: options.root ?? null, maxBytes: MAX_DOCX_BYTES });
  // Before mammoth unzips it: a small file that expands to gigabytes is refused here, by name.
  checkDocx(buffer, shown);

  // Imported here: most boards have no Word papers, and mammoth (with its zip and XML readers) is slow to load.
  const { default: mammoth } = await import('mammoth');
  const images: DocxImage[] = [];
  const convertImage = mammoth.images.imgElement(async (image) => {
    const index = images.push({ contentType: image.contentType, bytes: new Uint8Array(0) }) - 1;
    images[index]!.bytes = await image.readAsBuffer();
    return { src: `${DOCX_IMAGE_SRC}${index}` };
  });
  try {
    const result = await mammoth.convertToHtml({ buffer }, { convertImage, styleMap: STYLE_MAP, externalFileAccess: false });
    return { html: result.value, images, messages: result.messages.map((m) => m.message) };
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    throw new SourceError(`Cannot read Word document ${shown}: ${reason}`, {
      file: shown,
      rule: 'docx/read',
      cause: error,
      hint: 'Save it from Word as a .docx document (not .doc, and not password-protected), or export it to PDF.',
    });
  }
}
