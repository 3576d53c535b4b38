/**
 * Colour contrast as WCAG 2 defines it, for text printed on a coloured cell (a RAG rating).
 * Pure: colours are #RRGGBB strings, as the board schema requires.
 */

export const BLACK = '#000000';
export const WHITE = '#ffffff';

/** WCAG AA for normal text. */
export const AA_NORMAL_TEXT = 4.5;

/** "#c00000" → [192, 0, 0]; throws on anything that is not #RRGGBB (validation has checked it). */
export function rgbOf(hex: string): [number, number, number] {
  const match = /^#([0-9a-f]{2})([0-9a-f]{2})([0-9a-f]{2})$/i.exec(hex);
  if (!match) throw new Error(`not a #RRGGBB colour: ${hex}`);
  return [parseInt(match[1]!, 16), parseInt(match[2]!, 16), parseInt(match[3]!, 16)];
}

/** Relative luminance (WCAG 2): 0 for black, 1 for white. */
export function relativeLuminance(hex: string): number {
  const [r, g, b] = rgbOf(hex).map((channel) => {
    const c = channel / 255;
    return c <= 0.04045 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4;
  }) as [number, number, number];
  return 0.2126 * r + 0.7152 * g + 0.0722 * b;
}

/** Contrast ratio of two colours, from 1 (none) to 21 (black on white). */
export function contrastRatio(a: string, b: string): number {
  const [light, dark] = [relativeLuminance(a), relativeLuminance(b)].sort((x, y) => y - x) as [number, number];
  return (light + 0.05) / (dark + 0.05);
}

/**
 * Black or white, whichever contrasts more with the background. One of the two always reaches
 * at least 4.58:1, so text in the colour chosen passes WCAG AA (4.5:1) on any background.
 */
export function textColourOn(background: string): typeof BLACK | typeof WHITE {
  return contrastRatio(background, BLACK) >= contrastRatio(background, WHITE) ? BLACK : WHITE;
}
