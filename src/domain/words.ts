/** English as the papers print it. Pure. */

/** "a", "a and b", "a, b and c"; empty for none. */
export function listWords(words: readonly string[]): string {
  return words.length > 1 ? `${words.slice(0, -1).join(', ')} and ${words.at(-1)!}` : (words[0] ?? '');
}

/** "1 action", "2 actions": a count with its noun, which takes an s unless it is one. */
export function plural(n: number, noun: string): string {
  return `${n} ${noun}${n === 1 ? '' : 's'}`;
}
