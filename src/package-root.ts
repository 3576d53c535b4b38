import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

/**
 * The folder cpb is installed in (holding schemas/, templates/, data/). Compiled code runs from
 * dist/ and tests from src/, both one level below it.
 */
export const PACKAGE_ROOT = join(dirname(fileURLToPath(import.meta.url)), '..');

export const SCHEMAS_DIR = join(PACKAGE_ROOT, 'schemas');
export const TEMPLATES_DIR = join(PACKAGE_ROOT, 'templates');
export const DATA_DIR = join(PACKAGE_ROOT, 'data');

/** cpb's own version, from its package.json. */
export function cpbVersion(): string {
  return (JSON.parse(readFileSync(join(PACKAGE_ROOT, 'package.json'), 'utf8')) as { version: string }).version;
}
