import { SourceError } from '../errors.js';
import type { RenderFiles } from '../domain/loaded-files.js';
import type { ThemeView } from '../model/theme.js';
import { imageDataUri } from './sanitize.js';

/** The theme for the templates, with the logo load read as a data: URI. */
export function themeAssets(view: ThemeView, logo: RenderFiles['logo']): { view: ThemeView; logo?: string } {
  if (!logo) return { view };
  const image = imageDataUri(logo.bytes);
  if ('reason' in image) {
    throw new SourceError(`The logo ${logo.displayPath} cannot be used: ${image.reason}`, { file: logo.displayPath, rule: 'theme/logo' });
  }
  return { view, logo: image.uri };
}
