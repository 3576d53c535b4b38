/**
 * Whether a group's table fits an A4 portrait page at a readable size, or needs a landscape one.
 * Pure: an estimate from the text of each column, as templates/fragments/performance.hbs lays
 * the table out (the indicator column takes 22% and wraps; every other cell keeps to one line).
 */

/** The type of a readable table, and the smallest a table is shrunk to before it is turned landscape. */
export const READABLE_PT = 8.5;
export const SMALLEST_PT = 8;

// A4 less the page's 18 mm side margins (templates/css/document.css), in points.
const MM = 72 / 25.4;
const PORTRAIT_WIDTH = (210 - 2 * 18) * MM;
const INDICATOR_SHARE = 0.22;
/** Arial's digits are 0.556 em wide; letters average about the same in these short cells. */
const CHARACTER_EM = 0.56;
/** Each cell's left and right padding, 0.25 em each. */
const PADDING_EM = 0.5;
/** The trend's sparkline is 72 CSS pixels wide: 54 pt. */
const SPARKLINE_PT = 54;

/**
 * Estimated width in points of the columns after the indicator's, from the longest text of each
 * (`columns`: each column's cell texts, heading first), plus the sparkline's column.
 */
export function columnsWidth(columns: readonly (readonly string[])[], pt = READABLE_PT): number {
  const widths = columns.map((texts) => (Math.max(0, ...texts.map((t) => t.length)) * CHARACTER_EM + PADDING_EM) * pt);
  return widths.reduce((a, b) => a + b, 0) + SPARKLINE_PT + PADDING_EM * pt;
}

/** True when the columns do not fit beside the indicator column on a portrait page. */
export function needsLandscape(columns: readonly (readonly string[])[], pt = READABLE_PT): boolean {
  return columnsWidth(columns, pt) > PORTRAIT_WIDTH * (1 - INDICATOR_SHARE);
}

/** A table's page and type: portrait at 8.5 pt, else portrait at 8 pt, else landscape at 8.5 pt. */
export function tablePage(columns: readonly (readonly string[])[], wide: 'fit' | 'landscape'): { landscape: boolean; pt: number } {
  if (wide === 'landscape') return { landscape: true, pt: READABLE_PT };
  for (const pt of [READABLE_PT, SMALLEST_PT]) if (!needsLandscape(columns, pt)) return { landscape: false, pt };
  return { landscape: true, pt: READABLE_PT };
}
