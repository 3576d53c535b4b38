import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Ajv2020, type ValidateFunction } from 'ajv/dist/2020.js';
import addFormatsModule from 'ajv-formats';
import type { SourceKind } from '../load/source.js';
import { SCHEMAS_DIR } from '../package-root.js';

// ajv-formats is CommonJS with a default export object.
const addFormats = addFormatsModule as unknown as typeof addFormatsModule.default;

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
};

let validators: Map<SourceKind, ValidateFunction> | undefined;

/** Reads one schema from schemas/ (the single source of truth for every field). */
export function readSchema(kind: SourceKind): Record<string, unknown> {
  return JSON.parse(readFileSync(join(SCHEMAS_DIR, SCHEMA_FILES[kind]), 'utf8')) as Record<string, unknown>;
}

/** A compiled validator per kind of source, built once per process. */
export function validatorFor(kind: SourceKind): ValidateFunction {
  if (!validators) {
    const ajv = new Ajv2020({ allErrors: true, verbose: true, strict: true, strictRequired: false });
    addFormats(ajv, ['date', 'email', 'uri']);
    // Our own annotation: friendlier messages per failing keyword.
    ajv.addKeyword({ keyword: 'x-messages', schemaType: 'object' });
    validators = new Map();
    for (const k of Object.keys(SCHEMA_FILES) as SourceKind[]) validators.set(k, ajv.compile(readSchema(k)));
  }
  return validators.get(kind)!;
}
