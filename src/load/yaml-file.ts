import { LineCounter, parseAllDocuments, parseDocument, isMap, isSeq, isScalar, isPair, type Document, type Node } from 'yaml';
import { SourceError, type Problem } from '../errors.js';
import type { YamlKind, YamlSource } from './source.js';
import { readSourceFile, type FileRoot } from './read-source.js';
import { utf16Message, utf16Of } from './text-encoding.js';

/**
 * Reads a YAML file keeping node positions. YAML 1.2 core schema only, so `no`, `01/02/2019`
 * and `2019-11-26` stay strings instead of turning into booleans and dates behind the user's back.
 */
export async function loadYamlFile(path: string, displayPath: string, kind: YamlKind, root: FileRoot | null): Promise<YamlSource> {
  let buffer: Buffer;
  try {
    buffer = await readSourceFile(path, displayPath, 'data file', { root });
  } catch (error) {
    // Refused by the reader (outside the board, not a file, too large): a problem of this file.
    if (error instanceof SourceError) return unreadable(path, displayPath, kind, { message: error.message, rule: error.rule ?? 'load/read', ...(error.hint ? { hint: error.hint } : {}) });
    throw error;
  }
  const utf16 = utf16Of(buffer);
  if (utf16) return unreadable(path, displayPath, kind, { ...utf16Message(utf16, 'yaml'), rule: 'load/utf-16' });
  return parseYaml(decodeText(buffer), path, displayPath, kind);
}

/** A source holding only the one problem that stopped it being read. */
export function unreadable(path: string, displayPath: string, kind: YamlKind, problem: { message: string; rule: string; hint?: string }): YamlSource {
  const lineCounter = new LineCounter();
  const doc = parseDocument('', { lineCounter });
  return { kind, path, displayPath, data: undefined, doc, lineCounter, problems: [{ severity: 'error', file: displayPath, line: 1, column: 1, ...problem }] };
}

/** UTF-8 with or without a byte-order mark. */
export function decodeText(buffer: Buffer): string {
  const text = buffer.toString('utf8');
  return text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
}

export function parseYaml(text: string, path: string, displayPath: string, kind: YamlKind): YamlSource {
  const lineCounter = new LineCounter();
  if (text.includes('\u0000')) {
    // A NUL byte never belongs in YAML: this is a binary file (a spreadsheet or image saved under the wrong name).
    return unreadable(path, displayPath, kind, { message: 'this is a binary file, not YAML text', rule: 'load/binary', hint: 'Check the file name: save the data as YAML text.' });
  }
  const doc = parseDocument(text, { ...PARSE_OPTIONS, lineCounter });
  const problems: Problem[] = [];
  for (const [severity, list] of [['error', doc.errors], ['warning', doc.warnings]] as const) {
    for (const e of list) {
      const pos = e.linePos?.[0];
      if (e.code === 'MULTIPLE_DOCS') {
        problems.push(multipleDocuments(text, displayPath, pos?.line ?? 1));
        continue;
      }
      problems.push({
        severity,
        file: displayPath,
        line: pos?.line ?? 1,
        column: pos?.col ?? 1,
        message: firstLine(e.message),
        rule: e.code === 'DUPLICATE_KEY' ? 'yaml/duplicate-key' : 'yaml/syntax',
        ...(e.code === 'DUPLICATE_KEY' ? { hint: 'Each key may appear once in a mapping; merge or rename one.' } : {}),
      });
    }
  }
  let data: unknown;
  if (!problems.some((p) => p.severity === 'error')) {
    try {
      // An alias bomb expands to millions of nodes; refuse long before that.
      data = doc.toJS({ maxAliasCount: 100 });
    } catch (error) {
      problems.push({
        severity: 'error',
        file: displayPath,
        line: 1,
        column: 1,
        message: firstLine((error as Error).message),
        rule: 'yaml/syntax',
      });
    }
  }
  return withPositionsOnDemand(kind, path, displayPath, data, problems, text);
}

const PARSE_OPTIONS = { version: '1.2', schema: 'core', uniqueKeys: true, prettyErrors: true } as const;

/**
 * The source, its document and line counter parsed again from the text the first time either is
 * asked for (to place a problem in the file): the same parse, so the same nodes and positions.
 * Keeping every file's document from loading to the end of validation cost more in garbage
 * collection than parsing again the few files with a problem does (the 10 MB bench board: about
 * half its collection time).
 */
function withPositionsOnDemand(kind: YamlKind, path: string, displayPath: string, data: unknown, problems: Problem[], text: string): YamlSource {
  let parsed: { doc: Document; lineCounter: LineCounter } | undefined;
  const positions = () => {
    if (!parsed) {
      const lineCounter = new LineCounter();
      parsed = { doc: parseDocument(text, { ...PARSE_OPTIONS, lineCounter }), lineCounter };
    }
    return parsed;
  };
  return {
    kind,
    path,
    displayPath,
    data,
    get doc() {
      return positions().doc;
    },
    get lineCounter() {
      return positions().lineCounter;
    },
    problems,
  };
}

/** Two or more documents in one file, said in plain words: the parser's own message names an API. */
function multipleDocuments(text: string, displayPath: string, line: number): Problem {
  const count = parseAllDocuments(text);
  const documents = Array.isArray(count) ? count.length : 2;
  return {
    severity: 'error',
    file: displayPath,
    line,
    column: 1,
    message: `this file holds ${documents} YAML documents; a data file holds one`,
    rule: 'yaml/multiple-documents',
    hint: `A line of three dashes (---) starts a new document. Remove the --- at line ${line}, or move what follows it into a file of its own.`,
  };
}

function firstLine(message: string): string {
  // The parser recurses into nested lists and mappings; data nested thousands deep exhausts the
  // stack long before it could be a real board file.
  if (/call stack/i.test(message)) return 'the data is nested too deeply to read';
  return message.split('\n')[0]!.replace(/ at line \d+, column \d+:?$/, '');
}

/**
 * The line and column of the value at a JSON path (as ajv's instancePath segments), or of the
 * nearest ancestor that exists. With `key`, the key of the last segment is pointed at instead.
 */
export function positionOf(source: YamlSource, segments: readonly string[], key = false): { line: number; column: number } {
  let node: Node | null | undefined = source.doc.contents as Node | null;
  let best = node?.range?.[0] ?? 0;
  for (const [index, segment] of segments.entries()) {
    const last = index === segments.length - 1;
    if (isMap(node)) {
      const pair = node.items.find((p) => isPair(p) && isScalar(p.key) && String(p.key.value) === segment);
      if (!pair) break;
      if (last && key && isScalar(pair.key) && pair.key.range) {
        best = pair.key.range[0];
        break;
      }
      node = pair.value as Node | null;
      best = node?.range?.[0] ?? (isScalar(pair.key) ? pair.key.range?.[0] ?? best : best);
    } else if (isSeq(node)) {
      const item = node.items[Number(segment)] as Node | undefined;
      if (!item) break;
      node = item;
      best = item.range?.[0] ?? best;
    } else {
      break;
    }
  }
  const pos = source.lineCounter.linePos(best);
  return { line: pos.line, column: pos.col };
}
