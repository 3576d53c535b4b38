import { copyFile, mkdir } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { ExitCode, UsageError } from '../../errors.js';
import { displayPathOf } from '../../load/display-path.js';
import type { SourceKind } from '../../load/source.js';
import { SCHEMAS_DIR } from '../../package-root.js';
import { schemaReference } from '../../validate/schema-docs.js';
import { readSchema, SCHEMA_FILES } from '../../validate/schemas.js';
import type { Io } from '../io.js';

/**
 * `cpb schema`: lists the schemas (kind and path); `cpb schema KIND` prints one;
 * `--out DIR` copies them all there, for editors and other tools; `--markdown` prints the
 * field reference in docs/reference.md.
 */
export async function schemaCommand(kind: string | undefined, options: { out?: string; markdown?: boolean }, io: Io): Promise<ExitCode> {
  const kinds = Object.keys(SCHEMA_FILES) as SourceKind[];
  if (options.markdown) {
    io.stdout(schemaReference());
    return ExitCode.ok;
  }
  if (kind !== undefined && !kinds.includes(kind as SourceKind)) {
    throw new UsageError(`No schema for '${kind}'`, { hint: `Kinds: ${kinds.join(', ')}.` });
  }
  if (options.out) {
    const out = resolve(options.out);
    await mkdir(out, { recursive: true });
    for (const k of kind ? [kind as SourceKind] : kinds) await copyFile(join(SCHEMAS_DIR, SCHEMA_FILES[k]), join(out, SCHEMA_FILES[k]));
    io.stderr(`Wrote ${kind ? 1 : kinds.length} schema${kind ? '' : 's'} to ${displayPathOf(out)}\n`);
    return ExitCode.ok;
  }
  if (kind) {
    io.stdout(`${JSON.stringify(readSchema(kind as SourceKind), null, 2)}\n`);
    return ExitCode.ok;
  }
  for (const k of kinds) io.stdout(`${k.padEnd(13)} ${join(SCHEMAS_DIR, SCHEMA_FILES[k])}\n`);
  return ExitCode.ok;
}
