import type { PlanActionData } from './types.js';

/** A checkpoint cell as written: a rating ("" for none), or { rating, note }. */
export function checkpointCell(cell: NonNullable<PlanActionData['checkpoints']>[string]): { rating?: string; note?: string } {
  if (typeof cell === 'string') return cell.trim() ? { rating: cell.trim() } : {};
  return { ...(cell.rating?.trim() ? { rating: cell.rating.trim() } : {}), ...(cell.note ? { note: cell.note } : {}) };
}
