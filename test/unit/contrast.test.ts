import { describe, expect, it } from 'vitest';
import { AA_NORMAL_TEXT, BLACK, WHITE, contrastRatio, relativeLuminance, textColourOn } from '../../src/domain/contrast.js';
import { DEFAULT_RAG } from '../../src/domain/rag-scheme.js';
import { NEUTRAL, ratingCell } from '../../src/model/rating-style.js';

describe('contrast of text on a coloured cell', () => {
  it('measures luminance and contrast as WCAG 2 defines them', () => {
    expect(relativeLuminance('#000000')).toBe(0);
    expect(relativeLuminance('#FFFFFF')).toBeCloseTo(1, 10);
    expect(contrastRatio(BLACK, WHITE)).toBeCloseTo(21, 10);
    expect(contrastRatio(WHITE, BLACK)).toBeCloseTo(21, 10);
    // The well-known borderline grey: #777777 on white is 4.48:1, just short of AA.
    expect(contrastRatio('#777777', WHITE)).toBeCloseTo(4.48, 2);
    expect(contrastRatio('#767676', WHITE)).toBeGreaterThanOrEqual(4.5);
  });

  it('puts white on dark cells and black on light ones', () => {
    expect(textColourOn('#c00000')).toBe(WHITE); // red
    expect(textColourOn('#00803c')).toBe(WHITE); // green
    expect(textColourOn('#1f5fad')).toBe(WHITE); // blue
    expect(textColourOn('#ffc000')).toBe(BLACK); // amber
    expect(textColourOn('#FFFF00')).toBe(BLACK);
    expect(textColourOn('#777777')).toBe(BLACK); // white would fail AA here
    expect(textColourOn(NEUTRAL)).toBe(BLACK);
  });

  it('always reaches AA (4.5:1), whatever the background', () => {
    for (let r = 0; r <= 255; r += 17) {
      for (let g = 0; g <= 255; g += 17) {
        for (let b = 0; b <= 255; b += 17) {
          const hex = `#${[r, g, b].map((c) => c.toString(16).padStart(2, '0')).join('')}`;
          expect(contrastRatio(hex, textColourOn(hex)), hex).toBeGreaterThanOrEqual(AA_NORMAL_TEXT);
        }
      }
    }
  });

  it('styles each rating of the default scheme with its word, its colour and text that passes AA', () => {
    for (const rating of DEFAULT_RAG) {
      const cell = ratingCell(rating);
      expect(cell.name).toBe(rating.name);
      expect(cell.style).toBe(`background-color:${rating.colour};color:${cell.colour}`);
      expect(contrastRatio(cell.background, cell.colour)).toBeGreaterThanOrEqual(AA_NORMAL_TEXT);
    }
  });

  it('gives a rating without a colour the default colour of its name, or a neutral one', () => {
    expect(ratingCell({ name: 'Amber', meaning: 'slipping' }).background).toBe('#ffc000');
    expect(ratingCell({ name: 'Purple', meaning: 'paused' }).background).toBe(NEUTRAL);
  });
});
