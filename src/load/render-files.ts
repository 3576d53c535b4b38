import { join } from 'node:path';
import { displayPathOf } from './display-path.js';
import { MAX_IMAGE_BYTES } from './board-files-check.js';
import { loadImages } from './markdown-images.js';
import { boardRoot, readSourceFile } from './read-source.js';
import { loadTemplates } from './template-files.js';
import type { RenderFiles } from '../domain/loaded-files.js';

/**
 * Reads what the renderer needs of a board: its templates over cpb's, the logo, and the images
 * its Markdown texts refer to. Without a board, cpb's own templates only.
 */
export async function loadRenderFiles(boardDir?: string, board: { logo?: string; markdown?: readonly string[] } = {}): Promise<RenderFiles> {
  if (!boardDir) return { templates: await loadTemplates(), images: new Map() };
  const logo = board.logo ? await loadLogo(boardDir, board.logo) : undefined;
  const templates = await loadTemplates(boardDir);
  const images = await loadImages(board.markdown ?? [], boardDir, boardDir);
  return { templates, ...(logo ? { logo } : {}), images };
}

/** Through the one reader: a logo linked from outside the board is refused, not published. */
async function loadLogo(boardDir: string, logo: string): Promise<{ bytes: Uint8Array; displayPath: string }> {
  const path = join(boardDir, logo);
  const displayPath = displayPathOf(path);
  return { bytes: new Uint8Array(await readSourceFile(path, displayPath, 'logo', { root: boardRoot(boardDir), maxBytes: MAX_IMAGE_BYTES })), displayPath };
}
