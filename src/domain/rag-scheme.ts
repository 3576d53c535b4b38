import type { Rating } from './schema-types/board.js';
import type { BoardData } from './types.js';

/** One rating of a board's RAG scheme: its word, its meaning and its colour. */
export type { Rating };

/** The scheme most boards use, as Lancashire's board minuted it. */
export const DEFAULT_RAG: readonly Rating[] = [
  { name: 'Red', meaning: 'incomplete', colour: '#c00000' },
  { name: 'Amber', meaning: 'slippage', colour: '#ffc000' },
  { name: 'Green', meaning: 'on track', colour: '#00803c' },
  { name: 'Blue', meaning: 'completed', colour: '#1f5fad' },
];

export function ragScheme(board: Pick<BoardData, 'rag'>): readonly Rating[] {
  return board.rag ?? DEFAULT_RAG;
}
