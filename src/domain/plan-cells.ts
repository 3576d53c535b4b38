import type { PlanActionData } from './types.js';

/** A checkpoint cell as written: a rating ("" for none), or { rating, note }. */
export function checkpointCell(cell: NonNullable<PlanActionData['checkpoints']>[string]): { rating?: string; note?: string } {
  if (typeof cell === 'string') return cell.trim() ? { rating: cell.trim() } : {};
  return { ...(cell.rating?.trim() ? { rating: cell.rating.trim() } : {}), ...(cell.note ? { note: cell.note } : {}) };
}

/**
 * A CSV plan's rating cell: the rating, then after a colon a short note, "Amber: awaiting data".
 * Blank, or blank before the colon, is no rating.
 */
export function ratingCell(text: string | undefined): { rating?: string; note?: string } {
  const colon = text?.indexOf(':') ?? -1;
  const [rating, note] = colon < 0 ? [text?.trim(), undefined] : [text!.slice(0, colon).trim(), text!.slice(colon + 1).trim()];
  return { ...(rating ? { rating } : {}), ...(note ? { note } : {}) };
}

/** A CSV plan's checkpoint column is headed "RAG at" and the checkpoint: "RAG at 2019-09-17", "RAG at Q2". */
const CHECKPOINT_COLUMN = /^rag at\s+(\S.*)$/i;

/** The checkpoint a CSV plan's column heading names, or undefined for any other column. */
export function checkpointOfColumn(heading: string): string | undefined {
  return CHECKPOINT_COLUMN.exec(heading.trim())?.[1]!.trim();
}

/** What is wrong with a checkpoint as a plan names it: a date written YYYY-MM-DD must be a real one. */
export function checkpointFault(checkpoint: string): string | undefined {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(checkpoint)) return undefined;
  const [y, m, d] = checkpoint.split('-').map(Number) as [number, number, number];
  const day = new Date(Date.UTC(y, m - 1, d));
  return day.getUTCFullYear() === y && day.getUTCMonth() === m - 1 && day.getUTCDate() === d ? undefined : `checkpoint ${checkpoint} is not a real date`;
}
