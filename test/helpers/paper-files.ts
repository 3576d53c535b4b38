import { readdirSync } from 'node:fs';
import { join } from 'node:path';

/**
 * A paper's file in a meeting's folder (out/DATE, out/DATE/confidential or site/meetings/DATE),
 * found by the numbers its name starts with ("04-1-…" for item 4's first paper): tests name papers
 * by item and place, so a title's words in the name do not have to be spelled out in each test.
 * Throws unless exactly one file matches.
 */
export function paperFile(folder: string, item: number, position: number, ext: 'html' | 'pdf'): string {
  const names = readdirSync(folder).filter((name) => paperName(item, position, ext).test(name));
  if (names.length !== 1) throw new Error(`expected one file for item ${item} paper ${position} (.${ext}) in ${folder}, found ${names.length}: ${names.join(', ')}`);
  return join(folder, names[0]!);
}

/** What a paper's file name looks like: "04-1-" then lower-case words joined by "-", then the extension. */
export function paperName(item: number, position: number, ext: 'html' | 'pdf'): RegExp {
  return new RegExp(`^${String(item).padStart(2, '0')}-${position}-[a-z0-9]+(-[a-z0-9]+)*\\.${ext}$`);
}

/** The progress line a build prints before it prints a paper's PDF, e.g. "Printing 2019-11-26/04-1-….pdf". */
export function printingPaper(meeting: string, item: number, position: number): RegExp {
  return new RegExp(`Printing ${meeting}/${paperName(item, position, 'pdf').source.slice(1, -1)}`);
}
