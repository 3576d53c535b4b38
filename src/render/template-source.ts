import { readFile, readdir } from 'node:fs/promises';
import { join } from 'node:path';
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

/** Reads `relPath` from the first folder that has it. */
export async function findTemplateFile(relPath: string, dirs: readonly string[]): Promise<TemplateFile | undefined> {
  for (const dir of dirs) {
    const path = join(dir, relPath);
    const text = await readFile(path, 'utf8').catch(() => undefined);
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
      const path = join(partialsDir, file);
      byName.set(file.slice(0, -4), { name: file.slice(0, -4), path, text: await readFile(path, 'utf8') });
    }
  }
  return [...byName.values()];
}
