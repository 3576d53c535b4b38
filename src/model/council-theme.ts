import type { BoardData } from '../domain/types.js';
import type { Council } from '../domain/schema-types/council.js';

/**
 * A board's data with the council's theme defaults under its own: the accent and font of
 * council.yaml's theme, and its address as the address block, each only where board.yaml's theme
 * sets none. The logo stays the board's own (a path inside the board folder).
 */
export function withCouncilTheme(board: BoardData, council: Pick<Council, 'theme' | 'address'>): BoardData {
  const defaults = { ...(council.theme ?? {}), ...(council.address ? { address: council.address } : {}) };
  if (Object.keys(defaults).length === 0) return board;
  return { ...board, theme: { ...defaults, ...(board.theme ?? {}) } };
}

/** What of the council a board's outputs depend on, for its build's fingerprints: a change to the theme defaults builds the boards again. */
export function councilThemeSalt(council: Pick<Council, 'theme' | 'address'>): string {
  return JSON.stringify({ theme: council.theme ?? null, address: council.address ?? null });
}
