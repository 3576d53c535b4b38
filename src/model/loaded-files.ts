/**
 * The files load read for the renderer, as the model hands them on: render draws on these types
 * and imports nothing from load/ itself.
 */
export type { ConvertedDocx, DocxImage } from '../load/docx-convert.js';
export { DOCX_IMAGE_SRC } from '../load/docx-convert.js';
export type { ImageFile, ImageFiles } from '../load/markdown-images.js';
export type { PaperFile } from '../load/paper-file.js';
export type { RenderFiles } from '../load/render-files.js';
export type { TemplateFile, TemplateSet } from '../load/template-files.js';
