import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { schemaReference } from '../../src/validate/schema-docs.js';
import { SCHEMA_FILES, readSchema } from '../../src/validate/schemas.js';
import type { SourceKind } from '../../src/load/source.js';

const REFERENCE = readFileSync(join(import.meta.dirname, '../../docs/reference.md'), 'utf8');

describe('the field reference', () => {
  it('in docs/reference.md is the one generated from the schemas (run `npm run docs` if not)', () => {
    const start = REFERENCE.indexOf('-->', REFERENCE.indexOf('<!-- fields:start')) + 4;
    const end = REFERENCE.indexOf('<!-- fields:end -->');
    expect(REFERENCE.slice(start, end)).toBe(schemaReference());
  });

  it('names every field of every schema with a title and a description', () => {
    const missing: string[] = [];
    const visit = (node: unknown, path: string) => {
      if (!node || typeof node !== 'object') return;
      const n = node as Record<string, unknown>;
      for (const [name, field] of Object.entries((n['properties'] as Record<string, Record<string, unknown>>) ?? {})) {
        if (!field['$ref'] && !(field['title'] && field['description'])) missing.push(`${path}.${name}`);
        visit(field, `${path}.${name}`);
      }
      for (const [name, def] of Object.entries((n['$defs'] as Record<string, unknown>) ?? {})) visit(def, `${path}#${name}`);
      visit(n['items'], `${path}[]`);
    };
    for (const kind of Object.keys(SCHEMA_FILES) as SourceKind[]) visit(readSchema(kind), kind);
    expect(missing).toEqual([]);
  });
});
