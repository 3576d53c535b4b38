import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { getDocument } from 'pdfjs-dist/legacy/build/pdf.mjs';

/** The text of each page of a PDF, whitespace folded, as a reader would search it. */
export async function pdfPages(path: string): Promise<string[]> {
  const data = new Uint8Array(await readFile(path));
  const doc = await getDocument({ data, useSystemFonts: false, isEvalSupported: false }).promise;
  const pages: string[] = [];
  for (let n = 1; n <= doc.numPages; n++) {
    const content = await (await doc.getPage(n)).getTextContent();
    const text = content.items.map((item) => ('str' in item ? item.str + (item.hasEOL ? ' ' : '') : '')).join('');
    pages.push(fold(text));
  }
  await doc.destroy();
  return pages;
}

export function fold(text: string): string {
  return text.replace(/\s+/g, ' ').trim();
}

export interface OutlineEntry {
  title: string;
  page: number;
  children: OutlineEntry[];
}

/** The PDF's bookmarks with the page (1-based) each opens, read with pdf.js. */
export async function pdfOutline(path: string): Promise<OutlineEntry[]> {
  const data = new Uint8Array(await readFile(path));
  const doc = await getDocument({ data, isEvalSupported: false }).promise;
  type Node = { title: string; dest: unknown; items: Node[] };
  const walk = async (nodes: Node[]): Promise<OutlineEntry[]> =>
    Promise.all(
      nodes.map(async (node) => {
        const dest = (typeof node.dest === 'string' ? await doc.getDestination(node.dest) : node.dest) as unknown[] | null;
        const page = dest && dest[0] ? (await doc.getPageIndex(dest[0] as { num: number; gen: number })) + 1 : 0;
        return { title: node.title, page, children: await walk(node.items ?? []) };
      }),
    );
  const outline = (await doc.getOutline()) as Node[] | null;
  const result = await walk(outline ?? []);
  await doc.destroy();
  return result;
}

/** Title, author, subject, keywords and language as a PDF reader shows them. */
export async function pdfMetadata(path: string): Promise<Record<string, string>> {
  const data = new Uint8Array(await readFile(path));
  const doc = await getDocument({ data, isEvalSupported: false }).promise;
  const { info } = (await doc.getMetadata()) as unknown as { info: Record<string, unknown> };
  await doc.destroy();
  return Object.fromEntries(Object.entries(info).filter(([, v]) => typeof v === 'string')) as Record<string, string>;
}

/**
 * The pages of the smallest PDF under `dir` whose text holds `text`: a paper found by what it
 * says, not by its file name (the pack holds it too, and is larger). Empty when none does.
 */
export async function smallestPdfWith(dir: string, text: string): Promise<string[]> {
  const found: string[][] = [];
  for (const file of (await readdir(dir, { recursive: true })).filter((f) => f.endsWith('.pdf'))) {
    const pages = await pdfPages(join(dir, file));
    if (pages.some((p) => p.includes(text))) found.push(pages);
  }
  return found.sort((a, b) => a.join(' ').length - b.join(' ').length)[0] ?? [];
}
