// Writes src/validate/generated/schema-validators.ts: every schema's validator as code, so cpb
// does not compile the schemas each run. Run by `npm run validators` (and `npm run types`) after
// `tsc`; test/unit/schema-validators.test.ts fails when the file is stale.
import { writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';

const ROOT = resolve(import.meta.dirname, '..');
export const VALIDATORS_FILE = join(ROOT, 'src/validate/generated/schema-validators.ts');
const { validatorsModuleCode } = await import(join(ROOT, 'dist/validate/schema-compiler.js'));
writeFileSync(VALIDATORS_FILE, validatorsModuleCode());
console.log('Wrote src/validate/generated/schema-validators.ts');
