import { readFile } from 'node:fs/promises';
import { relative, sep } from 'node:path';
import { pdfMetadata, pdfOutline, pdfPages, type OutlineEntry } from './pdf.js';
import { filesUnder } from './site.js';

/** Every file under the output folder that is not inside a confidential folder, relative, with '/'. */
export async function publicFiles(outDir: string): Promise<string[]> {
  return (await filesUnder(outDir).catch(() => []))
    .map((f) => relative(outDir, f).split(sep).join('/'))
    .filter((f) => !f.split('/').includes('confidential'));
}

/**
 * What a reader of the file can find in it, lower-cased (the search index keeps its words lower-
 * cased): a PDF's text on every page, its metadata and its outline; any other file as text.
 */
export async function readableText(path: string): Promise<string> {
  if (!path.endsWith('.pdf')) return (await readFile(path, 'utf8')).toLowerCase();
  const titles = (entries: OutlineEntry[]): string[] => entries.flatMap((e) => [e.title, ...titles(e.children)]);
  const [pages, metadata, outline] = await Promise.all([pdfPages(path), pdfMetadata(path), pdfOutline(path)]);
  return [...pages, ...Object.values(metadata), ...titles(outline)].join('\n').toLowerCase();
}

/** Which of `words` (lower case) each public file holds: "file: word" for each. */
export async function wordsInPublicFiles(outDir: string, words: readonly string[]): Promise<string[]> {
  const found: string[] = [];
  if (words.length === 0) return found;
  for (const file of await publicFiles(outDir)) {
    const text = await readableText(`${outDir}/${file}`);
    for (const word of words) if (text.includes(word)) found.push(`${file}: ${word}`);
  }
  return found;
}
