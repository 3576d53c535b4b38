import type { ErrorObject } from 'ajv';
import { isScalar } from 'yaml';
import type { Problem } from '../errors.js';
import type { YamlSource } from '../load/source.js';
import { positionOf } from '../load/yaml-file.js';
import { didYouMean } from './did-you-mean.js';
import { validatorFor } from './schemas.js';

/** Checks a parsed source against its JSON Schema; returns problems with positions, never throws. */
export function schemaProblems(source: YamlSource): Problem[] {
  if (source.data === undefined && source.problems.length > 0) return [];
  const validate = validatorFor(source.kind);
  if (validate(source.data ?? null)) return [];
  const errors = (validate.errors ?? []).filter((e) => !isNoise(e, validate.errors ?? []));
  const seen = new Set<string>();
  const problems: Problem[] = [];
  for (const error of errors) {
    const problem = toProblem(source, error);
    const key = `${problem.line}:${problem.column}:${problem.message}`;
    if (seen.has(key)) continue;
    seen.add(key);
    problems.push(problem);
  }
  return problems.sort((a, b) => a.line - b.line || a.column - b.column);
}

/**
 * "if" failures only repeat the "then" error beside them; anyOf and oneOf branches are summed up
 * by the anyOf or oneOf error itself;
 * a format error says less than the pattern or type error on the same value.
 */
function isNoise(error: ErrorObject, all: readonly ErrorObject[]): boolean {
  if (error.keyword === 'if') return true;
  if (error.keyword === 'format' && all.some((e) => e.instancePath === error.instancePath && (e.keyword === 'pattern' || e.keyword === 'type'))) return true;
  for (const keyword of ['anyOf', 'oneOf']) {
    if (error.schemaPath.includes(`/${keyword}/`)) {
      return all.some((e) => e.keyword === keyword && error.schemaPath.startsWith(e.schemaPath.slice(0, -keyword.length)));
    }
  }
  return false;
}

function segmentsOf(instancePath: string): string[] {
  return instancePath === ''
    ? []
    : instancePath.slice(1).split('/').map((s) => s.replace(/~1/g, '/').replace(/~0/g, '~'));
}

function toProblem(source: YamlSource, error: ErrorObject): Problem {
  const segments = segmentsOf(error.instancePath);
  const field = segments.length ? `'${segments.filter((s) => !/^\d+$/.test(s)).pop() ?? segments.at(-1)}'` : 'the file';
  const custom = (error.parentSchema?.['x-messages'] as Record<string, string> | undefined)?.[error.keyword];
  let message = custom ? `${field} ${custom}` : `${field} ${error.message ?? 'is not valid'}`;
  let hint: string | undefined;
  let atKey = false;

  switch (error.keyword) {
    case 'required': {
      const missing = (error.params as { missingProperty: string }).missingProperty;
      message = segments.length ? `${field} is missing the required field '${missing}'` : `missing the required field '${missing}'`;
      break;
    }
    case 'additionalProperties': {
      const extra = (error.params as { additionalProperty: string }).additionalProperty;
      segments.push(extra);
      atKey = true;
      message = `unknown field '${extra}'`;
      const known = Object.keys((error.parentSchema?.['properties'] as object | undefined) ?? {});
      const guess = didYouMean(extra, known.filter((k) => k !== '$schema'));
      hint = guess ? `Did you mean '${guess}'?` : `Known fields here: ${known.filter((k) => k !== '$schema').join(', ')}.`;
      break;
    }
    case 'enum': {
      const allowed = (error.params as { allowedValues: unknown[] }).allowedValues.map(String);
      message = `${field} must be one of: ${allowed.join(', ')}`;
      const guess = typeof error.data === 'string' ? didYouMean(error.data, allowed) : undefined;
      if (guess) hint = `Did you mean '${guess}'?`;
      break;
    }
    case 'type': {
      const expected = (error.params as { type: string }).type;
      const written = typeof error.data === 'number' || typeof error.data === 'boolean' ? sourceText(source, segments) : undefined;
      message = `${field} must be ${article(expected)} ${expected}, not ${written !== undefined ? `${typeof error.data} ${written}` : describe(error.data)}`;
      if (expected === 'string' && (typeof error.data === 'number' || typeof error.data === 'boolean')) {
        hint = `Put the value in quotes so it is read as text, e.g. "${written ?? String(error.data)}".`;
      } else if (expected === 'boolean' && typeof error.data === 'string') {
        hint = 'Write true or false.';
      }
      break;
    }
    case 'minItems':
      message = `${field} must not be empty`;
      break;
    case 'minLength':
      message = `${field} must not be empty`;
      break;
  }
  const pos = positionOf(source, segments, atKey);
  return {
    severity: 'error',
    file: source.displayPath,
    line: pos.line,
    column: pos.column,
    message,
    rule: `schema/${error.keyword}`,
    ...(hint ? { hint } : {}),
  };
}

/**
 * The value as written in the file: `01772532471` and `1.10`, which the parsed numbers
 * (1772532471, 1.1) have lost.
 */
function sourceText(source: YamlSource, segments: readonly string[]): string | undefined {
  const node = source.doc.getIn(segments, true);
  return isScalar(node) && typeof node.source === 'string' && node.source !== '' ? node.source : undefined;
}

function article(word: string): string {
  return /^[aeiou]/.test(word) ? 'an' : 'a';
}

function describe(value: unknown): string {
  if (value === null) return 'empty';
  if (Array.isArray(value)) return 'a list';
  if (typeof value === 'object') return 'a mapping';
  return `${typeof value} ${JSON.stringify(value)}`;
}
