import { join } from 'node:path';
import { SourceError } from '../errors.js';
import { displayPathOf } from '../load/board-folder.js';
import { MAX_IMAGE_BYTES } from '../load/board-files-check.js';
import { boardRoot, readSourceFile } from '../load/read-source.js';
import { themeView, type ThemeView } from '../model/theme.js';
import type { BoardData } from '../model/types.js';
import { imageDataUri } from './sanitize.js';

/** The theme for the templates, with the logo read from the board folder as a data: URI. */
export async function themeAssets(board: BoardData, boardDir: string): Promise<{ view: ThemeView; logo?: string }> {
  const view = themeView(board);
  const logo = board.theme?.logo;
  if (!logo) return { view };
  const path = join(boardDir, logo);
  // Through the one reader: a logo linked from outside the board is refused, not published.
  const bytes = new Uint8Array(await readSourceFile(path, displayPathOf(path), 'logo', { root: boardRoot(boardDir), maxBytes: MAX_IMAGE_BYTES }));
  const image = imageDataUri(bytes);
  if ('reason' in image) {
    throw new SourceError(`The logo ${displayPathOf(path)} cannot be used: ${image.reason}`, { file: displayPathOf(path), rule: 'theme/logo' });
  }
  return { view, logo: image.uri };
}
