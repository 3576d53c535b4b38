// Types of scripts/schema-types.mjs, for the test that checks the generated files are fresh.
export const TYPES_DIR: string;
export function generateSchemaTypes(): Promise<Map<string, string>>;
