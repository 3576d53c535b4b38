/** Titles as words in a file name. Pure. */

/** Letters that do not come apart into a plain letter and an accent. */
const LETTERS: Record<string, string> = { ß: 'ss', æ: 'ae', œ: 'oe', ø: 'o', ł: 'l', đ: 'd', ð: 'd', þ: 'th', ı: 'i' };

/** Long enough to tell papers apart, short enough for a link in an email. */
export const SLUG_LENGTH = 60;

/**
 * "Looked-after children’s health" → "looked-after-childrens-health": lower case ASCII words
 * joined by "-", cut after the last whole word that fits in `max` characters; "paper" when the
 * title has no letters or digits at all.
 */
export function slug(title: string, max = SLUG_LENGTH): string {
  const plain = title
    .toLowerCase()
    .normalize('NFKD')
    .replace(/\p{M}/gu, '')
    .replace(/[ßæœøłđðþı]/g, (c) => LETTERS[c]!)
    // An apostrophe belongs to its word: "children's" is one word, not "children-s".
    .replace(/['’‘`]/g, '')
    .replace(/&/g, ' and ');
  const words = plain.split(/[^a-z0-9]+/).filter((w) => w.length > 0);
  let out = '';
  for (const word of words) {
    const next = out ? `${out}-${word}` : word;
    if (next.length > max) break;
    out = next;
  }
  // A first word longer than the limit on its own is cut rather than lost.
  if (!out && words[0]) out = words[0].slice(0, max);
  return out || 'paper';
}
