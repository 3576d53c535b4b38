import type { ValidateFunction } from 'ajv/dist/2020.js';
import type { SourceKind } from '../load/source.js';
import * as generated from './generated/schema-validators.js';
import { compileValidators, exportName, schemasFingerprint } from './schema-compiler.js';
import { readSchemaText, SCHEMA_FILES } from './schema-files.js';

export { SCHEMA_FILES };

let validators: Map<SourceKind, ValidateFunction> | undefined;

/** Reads one schema from schemas/ (the single source of truth for every field). */
export function readSchema(kind: SourceKind): Record<string, unknown> {
  return JSON.parse(readSchemaText(kind)) as Record<string, unknown>;
}

/**
 * A validator per kind of source: the ones generated from schemas/ at build time, or, when a
 * schema has changed since (`npm run validators` not yet run), compiled now from the schemas as
 * they are, so a check never goes by an old schema.
 */
export function validatorFor(kind: SourceKind): ValidateFunction {
  if (!validators) {
    const exported = generated as unknown as Record<string, ValidateFunction | string>;
    validators = generated.SCHEMAS_FINGERPRINT === schemasFingerprint()
      ? new Map((Object.keys(SCHEMA_FILES) as SourceKind[]).map((k) => [k, exported[exportName(k)] as ValidateFunction]))
      : compileValidators();
  }
  return validators.get(kind)!;
}
