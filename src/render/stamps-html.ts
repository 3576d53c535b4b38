import type { Renderer } from './renderer.js';

/** What the margins of one printed page say: cpb's stamps, each optional. */
export interface PageStamps {
  /** "CONFIDENTIAL" on every page of the confidential pack. */
  topLeft?: string;
  /** "DRAFT" on draft minutes. */
  topCenter?: string;
  /** "Agenda Item 4" on an item's papers. */
  topRight?: string;
  /** "Page 12": the page's number in its document. */
  bottomCenter?: string;
  /** The page is A4 landscape (a wide table's), not portrait. */
  landscape?: boolean;
}

/**
 * Every character cpb's stamps are made of. The print of a meeting's stamps starts with a page
 * holding them all in each margin box, so the fonts it embeds hold the same glyphs whatever the
 * meeting: a stamp laid over a paper then has the same bytes in every build that stamps it, and a
 * paper kept from the last build stays identical to the one a fresh build would make.
 */
const EVERY_GLYPH = 'CONFIDENTIAL DRAFT Agenda Item Page 0123456789';
const GLYPHS_PAGE: PageStamps = { topLeft: EVERY_GLYPH, topCenter: EVERY_GLYPH, topRight: EVERY_GLYPH, bottomCenter: EVERY_GLYPH };

/** Where the stamps of `pages[i]` are in the print of stampsHtml(pages): after the page of every glyph. */
export const FIRST_STAMP_PAGE = 1;

const BOXES = [
  ['topLeft', 'top-left', 'font-weight: bold; '],
  ['topCenter', 'top-center', 'font-weight: bold; '],
  ['topRight', 'top-right', ''],
  ['bottomCenter', 'bottom-center', ''],
] as const;

/** A CSS string holding `text` as it is. */
function cssString(text: string): string {
  return `"${text.replace(/[\\"]/g, (c) => `\\${c}`).replace(/[\n\r\f]/g, ' ')}"`;
}

/**
 * One named page per page, its margin boxes holding its stamps as text: every page of every
 * document of a meeting can then be stamped from one print, whatever its number in its own
 * document. The margin boxes' fonts come from the stylesheet, as in the papers' own prints.
 */
export function stampsCss(pages: readonly PageStamps[]): string {
  const each = pages.map((page, i) => {
      // A box the page does not fill is emptied: the stylesheet's own (its page number) would show.
      const boxes = BOXES.map(([key, box, style]) => `@${box} { ${page[key] === undefined ? 'content: none;' : `${style}content: ${cssString(page[key])};`} }`);
      if (page.landscape) boxes.unshift('size: A4 landscape;');
      return `@page stamp-${i} { ${boxes.join(' ')} }\n.stamp-${i} { page: stamp-${i}; }`;
  });
  // Each block is a page of its own, as each has a page name of its own. Nothing is painted but
  // the stamps: a page's background laid over a paper would hide it.
  return ['html, body { background: none !important; }', '.stamp-page { height: 1px; }', ...each].join('\n');
}

/**
 * The stamps of `pages`, page for page, as a document to print (see stamps.hbs): the stamps of
 * `pages[i]` are on its page FIRST_STAMP_PAGE + i (0-based), after the page of every glyph.
 */
export function stampsHtml(renderer: Renderer, pages: readonly PageStamps[]): Promise<string> {
  const all = [GLYPHS_PAGE, ...pages];
  return renderer.render('stamps', { lang: 'en-GB', title: 'Stamps', pageCss: stampsCss(all), pages: all.map((_, i) => i) });
}

/**
 * CSS that empties every margin box cpb fills, for a print whose stamps are laid over it
 * afterwards: the page's layout (its size and margins) is the same, only the stamps go.
 */
export const NO_STAMPS_CSS = `@page { ${BOXES.map(([, box]) => `@${box} { content: none; }`).join(' ')} }`;
