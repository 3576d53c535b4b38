import { basename, dirname, extname } from 'node:path';
import type { SourceKind } from './source.js';
import { roleOfHeading } from './figure-table.js';

/**
 * The kind of a data file from its name and the folder it sits in, the same whether it was
 * found in a board folder or named on the command line:
 *   board.yaml, actions.yaml, meetings/<date>/meeting.yaml, meetings/<date>/minutes.yaml,
 *   plans/<name>.yaml|.csv, performance/indicators.yaml, performance/<year>.csv|.xlsx,
 *   training.yaml, forward-plan.yaml, tables/<name>.yaml, and a council folder's council.yaml
 */
export function kindOfPath(path: string): SourceKind | undefined {
  const name = basename(path);
  const ext = extname(name).toLowerCase();
  const folder = basename(dirname(path));
  if (name === 'board.yaml') return 'board';
  if (name === 'council.yaml') return 'council';
  if (name === 'actions.yaml') return 'actions';
  if (name === 'meeting.yaml') return 'meeting';
  if (name === 'minutes.yaml') return 'minutes';
  if (name === 'training.yaml') return 'training';
  if (name === 'forward-plan.yaml') return 'forward-plan';
  if (folder === 'tables' && (ext === '.yaml' || ext === '.yml')) return 'table';
  if (folder === 'plans' && (ext === '.yaml' || ext === '.yml')) return 'plan';
  if (folder === 'plans' && ext === '.csv') return 'plan-csv';
  if (folder === 'performance' && name === 'indicators.yaml') return 'indicators';
  if (folder === 'performance' && (ext === '.csv' || ext === '.xlsx')) return 'figures';
  return undefined;
}

/** For a CSV named on its own, outside its folder: known from its header. */
export function kindOfCsvHeader(header: readonly string[]): SourceKind | undefined {
  const columns = new Set(header.map((h) => h.trim().toLowerCase()));
  if (columns.has('objective') && columns.has('action')) return 'plan-csv';
  if (columns.has('indicator') || header.some((h) => roleOfHeading(h) === 'indicator')) return 'figures';
  return undefined;
}

/** A file whose content is text: CSV or YAML. */
export function isCsvKind(kind: SourceKind): kind is 'plan-csv' | 'figures' {
  return kind === 'plan-csv' || kind === 'figures';
}
