import { createHash } from 'node:crypto';
import type { RenderFiles } from '../domain/loaded-files.js';
import type { BoardData } from '../domain/types.js';
import type { BoardModel } from './board-model.js';
import type { Council } from '../domain/schema-types/council.js';

/**
 * A board's data with the council's theme defaults under its own: the accent and font of
 * council.yaml's theme, and its address as the address block, each only where board.yaml's theme
 * sets none. The logo is not among them: a logo is a file, read from its own folder (see councilLogoFor).
 */
export function withCouncilTheme(board: BoardData, council: Pick<Council, 'theme' | 'address'>): BoardData {
  const defaults = { ...(council.theme ?? {}), ...(council.address ? { address: council.address } : {}) };
  if (Object.keys(defaults).length === 0) return board;
  return { ...board, theme: { ...defaults, ...(board.theme ?? {}) } };
}

/**
 * The council's logo for a board whose board.yaml names none of its own: the bytes load read
 * from the council folder (a logo outside it is refused there), and its words for screen readers
 * (logo_alt, else the council's name). A board with its own logo keeps it: undefined.
 */
export function councilLogoFor(model: BoardModel, council: Pick<Council, 'name' | 'logo_alt'>, logo: RenderFiles['logo']): { model: BoardModel; files: NonNullable<RenderFiles['logo']> } | undefined {
  if (!logo || model.logo) return undefined;
  return { model: { ...model, theme: { ...model.theme, logoAlt: council.logo_alt ?? council.name } }, files: logo };
}

/**
 * What of the council a board's outputs depend on, for its build's fingerprints: a change to the
 * theme defaults, or to the logo a board without its own shows, builds the boards again.
 */
export function councilThemeSalt(council: Pick<Council, 'theme' | 'address'>, logo?: RenderFiles['logo']): string {
  const logoHash = logo ? createHash('sha256').update(logo.bytes).digest('hex') : null;
  return JSON.stringify({ theme: council.theme ?? null, address: council.address ?? null, ...(logoHash ? { logo: logoHash } : {}) });
}
