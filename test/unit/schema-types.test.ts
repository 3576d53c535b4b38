import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { generateSchemaTypes, TYPES_DIR } from '../../scripts/schema-types.mjs';

describe('the types generated from schemas/', () => {
  it('in src/domain/schema-types/ are the ones the schemas give now (run `npm run types` if not)', async () => {
    const generated = await generateSchemaTypes();
    expect(readdirSync(TYPES_DIR).sort()).toEqual([...generated.keys()].sort());
    for (const [name, ts] of generated) {
      expect(readFileSync(join(TYPES_DIR, name), 'utf8'), `src/domain/schema-types/${name}`).toBe(ts);
    }
  });

  it('has one file per schema, each naming the schema it came from', async () => {
    const schemas = readdirSync(join(import.meta.dirname, '../../schemas')).filter((name) => name.endsWith('.schema.json'));
    const generated = await generateSchemaTypes();
    expect(generated.size).toBe(schemas.length);
    for (const schema of schemas) expect(generated.get(schema.replace('.schema.json', '.ts'))).toContain(`schemas/${schema}`);
  });
});
