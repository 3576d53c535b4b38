import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import MiniSearch, { type Options } from 'minisearch';
import type { SearchEntry } from '../../model/site/search-entries.js';

/** Shared by the build (which indexes) and the page (which loads the index with the same options). */
export const SEARCH_OPTIONS: Options<SearchEntry> = {
  fields: ['title', 'text'],
  storeFields: ['title', 'url', 'meeting', 'meetingUrl', 'kind'],
};

/**
 * The index as a script that sets `window.CPB_SEARCH`: loaded with <script src>, it works from a
 * file share, where pages cannot fetch() a JSON file.
 */
export function searchIndexScript(entries: readonly SearchEntry[]): string {
  const index = new MiniSearch<SearchEntry>(SEARCH_OPTIONS);
  index.addAll([...entries]);
  const payload = { options: SEARCH_OPTIONS, index: index.toJSON() };
  return `/* Search index of this site, written by cpb. */\nwindow.CPB_SEARCH = ${scriptSafeJson(payload)};\n`;
}

/** JSON that cannot end a script element or break a JavaScript string. */
export function scriptSafeJson(value: unknown): string {
  return JSON.stringify(value)
    .replace(/</g, '\\u003c')
    .replace(/>/g, '\\u003e')
    .replace(/\u2028/g, '\\u2028')
    .replace(/\u2029/g, '\\u2029');
}

/** MiniSearch's browser build (which defines `window.MiniSearch`), with its licence. */
export async function miniSearchBrowserScript(): Promise<string> {
  const require = createRequire(import.meta.url);
  const root = join(dirname(require.resolve('minisearch')), '..', '..');
  const [code, licence, pkg] = await Promise.all([
    readFile(join(root, 'dist/umd/index.js'), 'utf8'),
    readFile(join(root, 'LICENSE.txt'), 'utf8').catch(() => 'MIT License'),
    readFile(join(root, 'package.json'), 'utf8'),
  ]);
  const version = (JSON.parse(pkg) as { version: string }).version;
  // Its source map is not copied: the reference would be a broken link on the published site.
  const body = code.replace(/^\/\/# sourceMappingURL=.*$/m, '');
  return `/*! MiniSearch ${version} (https://github.com/lucaong/minisearch)\n${licence.replace(/\*\//g, '* /').trim()}\n*/\n${body}`;
}
