/**
 * Text files saved as UTF-16 ("Unicode" in Notepad and Word, "Unicode Text" in Excel): with a
 * byte-order mark, or without one but with a zero byte beside almost every ASCII character.
 */
export function utf16Of(buffer: Uint8Array): 'UTF-16LE' | 'UTF-16BE' | undefined {
  if (buffer[0] === 0xff && buffer[1] === 0xfe) return 'UTF-16LE';
  if (buffer[0] === 0xfe && buffer[1] === 0xff) return 'UTF-16BE';
  const pairs = Math.floor(Math.min(buffer.length, 4096) / 2);
  if (pairs < 2) return undefined;
  let evenZeros = 0;
  let oddZeros = 0;
  for (let i = 0; i < pairs; i++) {
    if (buffer[2 * i] === 0) evenZeros++;
    if (buffer[2 * i + 1] === 0) oddZeros++;
  }
  // Text in a Latin script has the zero in the same half of nearly every pair.
  if (oddZeros >= pairs * 0.6 && evenZeros <= pairs * 0.1) return 'UTF-16LE';
  if (evenZeros >= pairs * 0.6 && oddZeros <= pairs * 0.1) return 'UTF-16BE';
  return undefined;
}

/** What a message says about a UTF-16 file, and how to save it again as UTF-8. */
export function utf16Message(encoding: string, kind: 'yaml' | 'csv' | 'markdown'): { message: string; hint: string } {
  const what = kind === 'csv' ? 'CSV file' : kind === 'yaml' ? 'YAML file' : 'Markdown file';
  const hint =
    kind === 'csv'
      ? "In Excel, use File › Save As and choose 'CSV UTF-8 (Comma delimited)' (not 'Unicode Text'); in a text editor, save it with the encoding UTF-8."
      : "Open it in a text editor and save it with the encoding UTF-8: in Notepad, File › Save As, then Encoding: UTF-8; in VS Code, click 'UTF-16' in the status bar, choose 'Save with Encoding', then 'UTF-8'.";
  return { message: `this ${what} is saved as ${encoding.replace(/(LE|BE)$/, '')} text; cpb reads UTF-8`, hint };
}
