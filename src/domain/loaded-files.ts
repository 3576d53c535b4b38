/**
 * The shapes of what load reads for the renderer: plain data, so that render can take them
 * without importing anything from load/ (which reads files), and load can produce them.
 */

/** A picture of a Word document, as it is inside the file. */
export interface DocxImage {
  contentType: string;
  bytes: Uint8Array;
}

/**
 * A Word paper as mammoth converted it, not yet sanitised: each picture's src is
 * `DOCX_IMAGE_SRC` followed by its place in `images` (the renderer inlines it, or leaves it out).
 */
export interface ConvertedDocx {
  html: string;
  images: DocxImage[];
  /** mammoth's own messages, in its order. */
  messages: string[];
}

export const DOCX_IMAGE_SRC = 'cpb-docx-image:';

/** An image a Markdown text refers to, as read: its bytes, or why it was left out ("was not found"). */
export type ImageFile = { bytes: Uint8Array } | { why: string };

/** The images of Markdown found from one folder, by their src as written (after HTML decoding). */
export type ImageFiles = ReadonlyMap<string, ImageFile>;

/**
 * What the build needs of one supplied paper, read: a Markdown paper's text (kept from loading the
 * board) with the images it refers to, a Word paper converted, a PDF's bytes and page count.
 */
export type PaperFile<Text extends { body: string } = { body: string }> = { displayPath: string } & (
  | { format: 'markdown'; text: Text; images: ImageFiles }
  | { format: 'docx'; docx: ConvertedDocx }
  | { format: 'pdf'; bytes: Uint8Array; pageCount: number }
);

/** Where a template was found: a board's own templates/ folder first, then cpb's. */
export interface TemplateFile {
  name: string;
  path: string;
  text: string;
}

/** Every template and file of the templates the renderer may use, read: board overrides first. */
export interface TemplateSet {
  /** By path under templates/ ("documents/agenda.hbs", "css/document.css", "site/search.js"). */
  files: ReadonlyMap<string, TemplateFile>;
  /** Every partial under partials/, by its name, a board's copy winning over cpb's. */
  partials: TemplateFile[];
  /** The board folder whose templates these are, if any. */
  boardDir?: string;
}

/** The board's files the renderer draws on, read for it: it reads none itself. */
export interface RenderFiles {
  templates: TemplateSet;
  /** The logo board.yaml names, as it is in the board folder. */
  logo?: { bytes: Uint8Array; displayPath: string };
  /** The images the board's own Markdown (minutes, notes, commentary, terms of reference) refers to, found from the board folder. */
  images: ImageFiles;
}
