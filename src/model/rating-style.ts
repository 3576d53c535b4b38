import { textColourOn } from '../domain/contrast.js';
import { DEFAULT_RAG, type Rating } from '../domain/rag-scheme.js';

/** A rating as printed: always the word, on its colour, in black or white text chosen for contrast. */
export interface RatingCell {
  name: string;
  meaning: string;
  background: string;
  colour: string;
  /** "background-color:#c00000;color:#ffffff": built from validated #RRGGBB colours only. */
  style: string;
}

/** Used for a rating the board gave no colour and that is not one of the default four. */
export const NEUTRAL = '#e6e6e6';

export function ratingCell(rating: Rating): RatingCell {
  const background = (rating.colour ?? DEFAULT_RAG.find((r) => r.name.toLowerCase() === rating.name.toLowerCase())?.colour ?? NEUTRAL).toLowerCase();
  const colour = textColourOn(background);
  return { name: rating.name, meaning: rating.meaning, background, colour, style: `background-color:${background};color:${colour}` };
}

/**
 * The scheme's rating that means the action is done: the last whose meaning says completed
 * (Blue in the default scheme). A scheme without one has no completed rating, so every action
 * stays open.
 */
export function completedRating(scheme: readonly Rating[]): Rating | undefined {
  return scheme.findLast((r) => /\b(completed?|closed|done|achieved)\b/i.test(r.meaning));
}

/**
 * The three ratings a computed RAG uses, worst first: the scheme's first three (Red, Amber,
 * Green by default), or the default names where a board's scheme has fewer.
 */
export function computedRatings(scheme: readonly Rating[]): readonly [Rating, Rating, Rating] {
  return [0, 1, 2].map((i) => scheme[i] ?? DEFAULT_RAG[i]!) as unknown as readonly [Rating, Rating, Rating];
}
