import { readFile, readdir } from 'node:fs/promises';
import { join } from 'node:path';
import { SourceError } from '../errors.js';
import { displayPathOf } from '../load/board-folder.js';
import { readSourceFile, templatesRoot } from '../load/read-source.js';
import { TEMPLATES_DIR } from '../package-root.js';

/** Where a template was found: a board's own templates/ folder first, then cpb's. */
export interface TemplateFile {
  name: string;
  path: string;
  text: string;
}

export function templateDirs(boardDir?: string): string[] {
  return boardDir ? [join(boardDir, 'templates'), TEMPLATES_DIR] : [TEMPLATES_DIR];
}

/**
 * One template's text, or undefined when `dir` has no such file. A board's templates go through
 * the one reader, which refuses a link leading out of the board's templates folder, a pipe or a
 * folder in a template's place; cpb's own templates are part of cpb and are read as they are.
 */
async function readTemplate(dir: string, relPath: string): Promise<string | undefined> {
  const path = join(dir, relPath);
  if (dir === TEMPLATES_DIR) return readFile(path, 'utf8').catch(() => undefined);
  try {
    return (await readSourceFile(path, displayPathOf(path), 'template', { root: templatesRoot(join(dir, '..')) })).toString('utf8');
  } catch (error) {
    if (error instanceof SourceError && error.rule === 'load/missing') return undefined;
    throw error;
  }
}

/** Reads `relPath` from the first folder that has it. */
export async function findTemplateFile(relPath: string, dirs: readonly string[]): Promise<TemplateFile | undefined> {
  for (const dir of dirs) {
    const path = join(dir, relPath);
    const text = await readTemplate(dir, relPath);
    if (text !== undefined) return { name: relPath, path, text };
  }
  return undefined;
}

/** Every partial under partials/, a board's copy winning over cpb's. */
export async function findPartials(dirs: readonly string[]): Promise<TemplateFile[]> {
  const byName = new Map<string, TemplateFile>();
  for (const dir of [...dirs].reverse()) {
    const partialsDir = join(dir, 'partials');
    const names = await readdir(partialsDir).catch(() => [] as string[]);
    for (const file of names.filter((n) => n.endsWith('.hbs'))) {
      const text = await readTemplate(dir, join('partials', file));
      if (text !== undefined) byName.set(file.slice(0, -4), { name: file.slice(0, -4), path: join(partialsDir, file), text });
    }
  }
  return [...byName.values()];
}
