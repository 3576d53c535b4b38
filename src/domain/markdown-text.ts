/** Plain text put into the board's Markdown (a name, a minute reference), escaped so it prints as written. Pure. */
export function markdownText(text: string): string {
  return text.replace(/[\\`*_[\]<>&#|~]/g, (c) => `\\${c}`);
}
