import { lstat, readdir } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { SourceError, type Problem } from '../errors.js';
import { isInside } from './board-path.js';
import { problemOf } from './paper-files.js';
import { boardRoot, openSourceFile, readSourceFile, templatesRoot } from './read-source.js';

/** Largest logo or picture read. */
export const MAX_IMAGE_BYTES = 10 * 1024 * 1024;

/**
 * Puts the board's other files through the reader, so that `cpb validate` refuses what the build
 * would: the logo board.yaml names, and every file of the board's own templates/ folder (each
 * must lie inside it once links are followed). A missing logo is the theme rules' business.
 */
export async function checkBoardFiles(boardDir: string, boardData: unknown, displayPathOf: (path: string) => string): Promise<Problem[]> {
  const problems: Problem[] = [];
  const refuse = (error: unknown, displayPath: string) => {
    if (!(error instanceof SourceError)) throw error;
    // A link that leads nowhere: a missing logo is the theme rules' business; a missing template is cpb's own.
    if (error.rule !== 'load/missing') problems.push(problemOf(error, displayPath));
  };
  const logo = (boardData as { theme?: { logo?: unknown } } | null | undefined)?.theme?.logo;
  if (typeof logo === 'string' && logo !== '') {
    const path = resolve(boardDir, logo);
    if (isInside(boardDir, path) && (await lstat(path).catch(() => undefined))) {
      await readSourceFile(path, displayPathOf(path), 'logo', { root: boardRoot(boardDir), maxBytes: MAX_IMAGE_BYTES }).catch((e) => refuse(e, displayPathOf(path)));
    }
  }
  const templates = templatesRoot(boardDir);
  for (const path of await entriesUnder(templates.dir)) {
    try {
      const { handle } = await openSourceFile(path, displayPathOf(path), 'template', templates);
      await handle.close();
    } catch (error) {
      refuse(error, displayPathOf(path));
    }
  }
  return problems;
}

/** Everything under `dir` but real folders (which are walked), sorted. */
async function entriesUnder(dir: string): Promise<string[]> {
  const entries = await readdir(dir, { withFileTypes: true }).catch(() => []);
  const found: string[] = [];
  for (const entry of entries.sort((a, b) => a.name.localeCompare(b.name))) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) found.push(...(await entriesUnder(path)));
    else found.push(path);
  }
  return found;
}
