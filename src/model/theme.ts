import type { BoardData } from '../domain/types.js';

/** The council's look, as CSS the templates insert. Values are checked by the schema's patterns. */
export interface ThemeView {
  /** CSS custom properties and font, generated from checked values only. */
  css: string;
  logoAlt?: string;
  address: string[];
}

export function themeView(board: Pick<BoardData, 'theme' | 'council'>): ThemeView {
  const theme = board.theme ?? {};
  const rules: string[] = [];
  if (theme.accent) rules.push(`--accent: ${theme.accent};`);
  if (theme.font) rules.push(`font-family: ${theme.font};`);
  return {
    css: rules.length ? `:root { ${rules.join(' ')} }` : '',
    ...(theme.logo ? { logoAlt: theme.logo_alt ?? board.council } : {}),
    address: theme.address ?? [],
  };
}
