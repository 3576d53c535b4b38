import { readdir } from 'node:fs/promises';
import { join } from 'node:path';
import { SourceError } from '../errors.js';
import { TEMPLATES_DIR } from '../package-root.js';
import { displayPathOf } from './display-path.js';
import { readSourceFile, templatesRoot } from './read-source.js';
import type { TemplateFile, TemplateSet } from '../domain/loaded-files.js';

/** The folders of cpb's own templates that the renderer and the site draw on. */
const TEMPLATE_FOLDERS = ['documents', 'fragments', 'css', 'site'];

export function templateDirs(boardDir?: string): string[] {
  return boardDir ? [join(boardDir, 'templates'), TEMPLATES_DIR] : [TEMPLATES_DIR];
}

/**
 * Reads the templates once for a build: every file cpb ships under documents/, fragments/, css/
 * and site/, each from the board's templates/ folder when it has its own copy, and the partials.
 */
export async function loadTemplates(boardDir?: string): Promise<TemplateSet> {
  const dirs = templateDirs(boardDir);
  const files = new Map<string, TemplateFile>();
  for (const folder of TEMPLATE_FOLDERS) {
    const names = (await readdir(join(TEMPLATES_DIR, folder)).catch(() => [] as string[])).sort();
    for (const name of names) {
      const relPath = `${folder}/${name}`;
      const file = await findTemplateFile(relPath, dirs);
      if (file) files.set(relPath, file);
    }
  }
  return { files, partials: await findPartials(dirs), ...(boardDir ? { boardDir } : {}) };
}

/**
 * One template's text, or undefined when `dir` has no such file. A board's templates go through
 * the one reader, which refuses a link leading out of the board's templates folder, a pipe or a
 * folder in a template's place; cpb's own templates are part of cpb, read wherever it is installed.
 */
async function readTemplate(dir: string, relPath: string): Promise<string | undefined> {
  const path = join(dir, relPath);
  try {
    const root = dir === TEMPLATES_DIR ? null : templatesRoot(join(dir, '..'));
    return (await readSourceFile(path, displayPathOf(path), 'template', { root })).toString('utf8');
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
async function findPartials(dirs: readonly string[]): Promise<TemplateFile[]> {
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
