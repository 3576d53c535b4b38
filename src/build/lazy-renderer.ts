import type { BoardData } from '../model/types.js';
import type { Renderer } from '../render/renderer.js';

/**
 * The build's one Renderer, made the first time it is asked for: rendering loads large libraries,
 * and a build with nothing to render never loads them.
 */
export function lazyRenderer(boardDir: string, boardData: BoardData): () => Promise<Renderer> {
  let made: Promise<Renderer> | undefined;
  return () =>
    (made ??= (async () => {
      const { Renderer } = await import('../render/renderer.js');
      const { themeAssets } = await import('../render/theme-assets.js');
      return Renderer.create(boardDir, await themeAssets(boardData, boardDir));
    })());
}
