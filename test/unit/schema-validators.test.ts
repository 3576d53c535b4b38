import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadSingleFile } from '../../src/load/board-folder.js';
import { kindOfPath } from '../../src/load/kinds.js';
import type { SourceKind } from '../../src/load/source.js';
import * as generated from '../../src/validate/generated/schema-validators.js';
import { compileValidators, exportName, schemasFingerprint, validatorsModuleCode } from '../../src/validate/schema-compiler.js';
import { SCHEMA_FILES, validatorFor } from '../../src/validate/schemas.js';

const ROOT = join(import.meta.dirname, '../..');
const GENERATED = join(ROOT, 'src/validate/generated/schema-validators.ts');

/** Every data file cpb knows by its place, in the examples and the broken boards of test/corpus. */
function dataFiles(): string[] {
  return ['examples', 'test/corpus'].flatMap((dir) =>
    readdirSync(join(ROOT, dir), { recursive: true, withFileTypes: true })
      .filter((e) => e.isFile() && kindOfPath(join(e.parentPath, e.name)) !== undefined)
      .map((e) => join(e.parentPath, e.name)),
  );
}

describe('the validators generated from schemas/', () => {
  it('in src/validate/generated/ are the ones the schemas give now (run `npm run validators` if not)', () => {
    expect(readFileSync(GENERATED, 'utf8') === validatorsModuleCode(), 'src/validate/generated/schema-validators.ts is stale: run `npm run validators`').toBe(true);
    expect(generated.SCHEMAS_FINGERPRINT).toBe(schemasFingerprint());
  });

  it('are the ones cpb checks with', () => {
    const exported = generated as unknown as Record<string, unknown>;
    for (const kind of Object.keys(SCHEMA_FILES) as SourceKind[]) expect(validatorFor(kind)).toBe(exported[exportName(kind)]);
  });

  it('find exactly what the schemas compiled now find, in every example and broken board', async () => {
    const compiled = compileValidators();
    const files = dataFiles();
    expect(files.length).toBeGreaterThan(100);
    let failing = 0;
    for (const path of files) {
      const source = await loadSingleFile(path);
      const records = 'doc' in source ? [source.data ?? null] : source.rows.map((r) => r.cells);
      for (const record of records) {
        const fresh = compiled.get(source.kind)!;
        const ok = validatorFor(source.kind)(record);
        expect(fresh(record), path).toBe(ok);
        expect(validatorFor(source.kind).errors ?? null, path).toEqual(fresh.errors ?? null);
        if (!ok) failing++;
      }
    }
    // The corpus is there to break the schemas: the comparison covered many failing files.
    expect(failing).toBeGreaterThan(20);
  });
});
