import type { Problem } from '../errors.js';
import type { TableSource } from '../load/board-folder.js';
import { cellPosition } from '../load/csv-file.js';
import { didYouMean } from './did-you-mean.js';
import { readSchema, validatorFor } from './schemas.js';

/**
 * A CSV against its row schema: the header names known columns, required ones present; then
 * each row (plans) is validated as an object. Figures have two layouts, so only their
 * long layout's header is checked here; the figure rules read both.
 */
export function csvSchemaProblems(source: TableSource): Problem[] {
  if (source.header.length === 0) return [];
  const schema = readSchema(source.kind) as { properties: Record<string, unknown>; patternProperties?: Record<string, unknown>; required?: string[] };
  const known = Object.keys(schema.properties);
  // Columns named by a pattern, such as a plan's "RAG at Q2" (headings are matched lower-cased).
  const patterns = Object.keys(schema.patternProperties ?? {}).map((p) => new RegExp(p));
  const header = source.header.map((h) => h.toLowerCase());
  const problems: Problem[] = [];
  const headerProblem = (message: string, rule: string, hint?: string) =>
    problems.push({ severity: 'error', file: source.displayPath, line: 1, column: 1, message, rule, ...(hint ? { hint } : {}) });

  if (source.kind === 'figures' && !header.includes('month') && !header.includes('value')) return [];
  for (const name of source.header) {
    if (!known.includes(name.toLowerCase()) && !patterns.some((p) => p.test(name.toLowerCase()))) {
      const guess = didYouMean(name, known);
      headerProblem(`unknown column '${name}'`, 'schema/additionalProperties', guess ? `Did you mean '${guess}'?` : `Known columns: ${known.join(', ')}.`);
    }
  }
  for (const required of schema.required ?? []) {
    if (!header.includes(required)) headerProblem(`the header has no '${required}' column`, 'schema/required', `Columns needed: ${(schema.required ?? []).join(', ')}.`);
  }
  if (problems.length || source.kind === 'figures') return problems;

  const validate = validatorFor(source.kind);
  for (const row of source.rows) {
    const record: Record<string, string> = {};
    for (const [name, value] of Object.entries(row.cells)) if (value.trim() !== '') record[name.toLowerCase()] = value.trim();
    if (validate(record)) continue;
    for (const error of validate.errors ?? []) {
      const column = error.keyword === 'required'
        ? (error.params as { missingProperty: string }).missingProperty
        : error.instancePath.slice(1);
      const original = source.header.find((h) => h.toLowerCase() === column) ?? column;
      const pos = row.cells[original] !== undefined ? cellPosition(row, original) : { line: row.line, column: 1 };
      problems.push({
        severity: 'error',
        file: source.displayPath,
        ...pos,
        message: error.keyword === 'required' ? `the '${column}' cell is empty` : `'${column}' ${error.message ?? 'is not valid'}`,
        rule: `schema/${error.keyword}`,
      });
    }
  }
  return problems;
}
