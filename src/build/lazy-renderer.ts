import type { RenderFiles } from '../domain/loaded-files.js';
import type { BoardModel } from '../model/board-model.js';
import type { Renderer } from '../render/renderer.js';

/**
 * The build's one Renderer, for the meetings and the site, made the first time it is asked for
 * from the templates, logo and images load reads for it: rendering loads large libraries, and a
 * build with nothing to render never loads them. `logo`: one read already (a council's, for a
 * board of the council without its own).
 */
export function lazyRenderer(model: BoardModel, logo?: RenderFiles['logo']): () => Promise<Renderer> {
  let made: Promise<Renderer> | undefined;
  return () =>
    (made ??= (async () => {
      const { Renderer } = await import('../render/renderer.js');
      const { loadRenderFiles } = await import('../load/render-files.js');
      const { boardMarkdown } = await import('../model/generated-views.js');
      const files = await loadRenderFiles(model.dir, { ...(model.logo ? { logo: model.logo } : {}), markdown: boardMarkdown(model) });
      return Renderer.create(logo ? { ...files, logo } : files, model.theme);
    })());
}
