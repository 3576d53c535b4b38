import type { SourceKind } from '../load/source.js';
import { readSchema, SCHEMA_FILES } from './schemas.js';

interface Node {
  title?: string;
  description?: string;
  type?: string | string[];
  enum?: unknown[];
  const?: unknown;
  pattern?: string;
  format?: string;
  default?: unknown;
  minimum?: number;
  maximum?: number;
  properties?: Record<string, Node>;
  additionalProperties?: Node | boolean;
  required?: string[];
  items?: Node;
  anyOf?: Node[];
  $ref?: string;
  $defs?: Record<string, Node>;
}

/** Where each kind of file lives, for headings. */
const PLACES: Record<SourceKind, string> = {
  board: 'board.yaml',
  meeting: 'meetings/DATE/meeting.yaml',
  minutes: 'meetings/DATE/minutes.yaml',
  actions: 'actions.yaml',
  plan: 'plans/NAME.yaml',
  'plan-csv': 'plans/NAME.csv',
  indicators: 'performance/indicators.yaml',
  figures: 'performance/YEAR.csv',
  paper: 'meetings/DATE/papers/NAME.md (the header block)',
  training: 'training.yaml',
  'forward-plan': 'forward-plan.yaml',
  table: 'tables/NAME.yaml',
  council: 'council.yaml (in a council folder, beside its boards)',
};

/**
 * The field reference of every data file, as Markdown, generated from schemas/ so the README
 * cannot drift from what `cpb validate` checks.
 */
export function schemaReference(): string {
  const out: string[] = [];
  for (const kind of Object.keys(SCHEMA_FILES) as SourceKind[]) {
    const schema = readSchema(kind) as Node;
    out.push(`#### ${PLACES[kind]}`, '', schema.description ?? '', '', '| field | type | required | description |', '| --- | --- | --- | --- |');
    walk(schema, schema, '', out, new Set());
    out.push('');
  }
  return out.join('\n');
}

function walk(root: Node, node: Node, prefix: string, out: string[], seen: Set<string>): void {
  const resolved = deref(root, node);
  for (const [name, raw] of Object.entries(resolved.properties ?? {})) {
    if (name === '$schema') continue;
    const field = deref(root, raw);
    const path = `${prefix}${name}`;
    const required = resolved.required?.includes(name) ? 'yes' : '';
    out.push(`| \`${path}\` | ${typeOf(root, field)} | ${required} | ${cell(describe(field))} |`);
    const inner = field.items ? deref(root, field.items) : field;
    const key = JSON.stringify(inner.properties ? Object.keys(inner.properties) : []) + path;
    if (inner.properties && !seen.has(key)) {
      seen.add(key);
      walk(root, inner, `${path}${field.items ? '[].' : '.'}`, out, seen);
    }
    if (typeof inner.additionalProperties === 'object') {
      const value = deref(root, inner.additionalProperties);
      if (value.properties) walk(root, value, `${path}.KEY.`, out, seen);
    }
  }
  if (typeof resolved.additionalProperties === 'object' && !resolved.properties?.['id']) {
    const value = deref(root, resolved.additionalProperties);
    if (value.properties && prefix === '') {
      out.push(`| \`ACTION-ID\` | mapping | | ${cell(describe(value))} |`);
      walk(root, value, 'ACTION-ID.', out, seen);
    }
  }
}

/** A field with its $ref resolved; the field's own title and description win. */
function deref(root: Node, node: Node): Node {
  if (!node.$ref) return node;
  const name = node.$ref.replace('#/$defs/', '');
  return { ...deref(root, root.$defs?.[name] ?? {}), ...withoutRef(node) };
}

function withoutRef(node: Node): Node {
  const { $ref: _ref, ...rest } = node;
  return rest;
}

function typeOf(root: Node, node: Node): string {
  if (node.enum) return node.enum.map((v) => `\`${String(v)}\``).join(' \\| ');
  if (node.anyOf && node.anyOf.some((n) => n.type || n.$ref)) return node.anyOf.map((n) => typeOf(root, deref(root, n))).join(' or ');
  if (node.format === 'date') return 'date (YYYY-MM-DD)';
  if (node.items) return `list of ${typeOf(root, deref(root, node.items))}`;
  if (node.type === 'object') return 'mapping';
  if (node.type === 'integer') return 'whole number';
  return Array.isArray(node.type) ? node.type.join(' or ') : node.type ?? 'value';
}

function describe(node: Node): string {
  const parts = [node.description ?? node.title ?? ''];
  if (node.default !== undefined) parts.push(`Default: \`${String(node.default)}\`.`);
  return parts.join(' ').trim();
}

function cell(text: string): string {
  return text.replace(/\|/g, '\\|').replace(/\n/g, ' ');
}
