import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { SourceKind } from '../load/source.js';
import { SCHEMAS_DIR } from '../package-root.js';

/** The schema of each kind of data file; CSV kinds are described one row at a time. */
export const SCHEMA_FILES: Record<SourceKind, string> = {
  board: 'board.schema.json',
  meeting: 'meeting.schema.json',
  minutes: 'minutes.schema.json',
  actions: 'actions.schema.json',
  plan: 'plan.schema.json',
  'plan-csv': 'plan-row.schema.json',
  indicators: 'indicators.schema.json',
  figures: 'figure-row.schema.json',
  paper: 'paper.schema.json',
  training: 'training.schema.json',
  'forward-plan': 'forward-plan.schema.json',
  table: 'table.schema.json',
  council: 'council.schema.json',
};

const texts = new Map<SourceKind, string>();

/** One schema's text from schemas/ (the single source of truth for every field), read once per process. */
export function readSchemaText(kind: SourceKind): string {
  let text = texts.get(kind);
  if (text === undefined) {
    text = readFileSync(join(SCHEMAS_DIR, SCHEMA_FILES[kind]), 'utf8');
    texts.set(kind, text);
  }
  return text;
}
