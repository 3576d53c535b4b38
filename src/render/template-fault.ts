/**
 * Turns what Handlebars says about a broken template into a line and a reason in plain words.
 * Pure: no files, no Handlebars.
 */

export interface TemplateFault {
  /** 1-based line in the template, when known. */
  line?: number;
  reason: string;
}

/** A parse error (from Handlebars.parse) in `text`. */
export function syntaxFault(error: unknown, text: string): TemplateFault {
  const message = error instanceof Error ? error.message : String(error);
  const lineNumber = (error as { lineNumber?: unknown }).lineNumber;
  const mismatch = /^(\S+) doesn't match (\S+)/.exec(message);
  if (mismatch) {
    return { ...lineOf(lineNumber), reason: `{{#${mismatch[1]}}} is closed by {{/${mismatch[2]}}}: each block ends with its own name` };
  }
  const parseLine = Number(/(?:Parse|Lexical) error on line (\d+)/.exec(message)?.[1]);
  const got = /got '([^']+)'\s*$/.exec(message)?.[1];
  if (got === 'EOF') {
    const open = unclosedBlock(text);
    if (open) return { line: open.line, reason: `{{#${open.name}}} is never closed: there is no {{/${open.name}}}` };
    return { ...lineOf(parseLine), reason: 'the template ends inside a {{ }}' };
  }
  const reasons: Record<string, string> = {
    INVALID: 'a {{ }} is not closed, or holds something that is not a name, a "string" or a number',
    CLOSE: 'a {{ }} is missing its name',
    CLOSE_UNESCAPED: 'a {{{ }}} is missing its name',
    INVERSE: '{{else}} is outside any {{#if}}, {{#unless}} or {{#each}} block',
    OPEN_ENDBLOCK: 'a {{/…}} closes a block that was never opened',
  };
  if (/^Lexical error/.test(message)) return { ...lineOf(parseLine), reason: 'there is text in a {{ }} that Handlebars cannot read' };
  const unclosed = got?.startsWith('OPEN') ? 'a {{ is not closed by }} before the next {{' : undefined;
  return { ...lineOf(parseLine), reason: (got && reasons[got]) ?? unclosed ?? 'a {{ }} here cannot be read' };
}

/** An error thrown while a template was filled in. `line` is where Handlebars said, when it said. */
export function renderFault(error: unknown, text: string, line?: number): TemplateFault {
  const message = (error instanceof Error ? error.message : String(error)).split('\n')[0]!.replace(/ - \d+:\d+$/, '');
  const at = line ?? (typeof (error as { lineNumber?: unknown }).lineNumber === 'number' ? (error as { lineNumber: number }).lineNumber : undefined);
  const partial = /^The partial (\S+) could not be found$/.exec(message);
  if (partial) {
    return { ...lineOf(at ?? lineWhere(text, new RegExp(`\\{\\{~?#?>\\s*${escape(partial[1]!)}(?![\\w-])`))), reason: `there is no partial '${partial[1]}'` };
  }
  const iterator = /^Must pass iterator to #(\w+)$/.exec(message);
  if (iterator) {
    const name = iterator[1]!;
    return { ...lineOf(at ?? lineWhere(text, new RegExp(`\\{\\{~?#${name}\\s*~?\\}\\}`))), reason: `{{#${name}}} needs the list to go through, e.g. {{#${name} items}}` };
  }
  const helper = /^Missing helper: "(.+)"$/.exec(message);
  if (helper) return { ...lineOf(at), reason: `there is no helper '${helper[1]}'` };
  return { ...lineOf(at), reason: message };
}

function lineOf(line: unknown): { line?: number } {
  return typeof line === 'number' && Number.isInteger(line) && line > 0 ? { line } : {};
}

function escape(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

function lineWhere(text: string, pattern: RegExp): number | undefined {
  const match = pattern.exec(text);
  return match ? lineAt(text, match.index) : undefined;
}

function lineAt(text: string, index: number): number {
  let line = 1;
  for (let i = 0; i < index; i++) if (text.charCodeAt(i) === 10) line++;
  return line;
}

/** The innermost block opened ({{#name}} or {{^name}}) and never closed, with its line. */
export function unclosedBlock(text: string): { name: string; line: number } | undefined {
  // Comments may hold anything; blank them out, keeping the line breaks.
  const plain = text.replace(/\{\{!--[\s\S]*?--\}\}|\{\{![\s\S]*?\}\}/g, (c) => c.replace(/[^\n]/g, ' '));
  const open: { name: string; line: number }[] = [];
  for (const match of plain.matchAll(/\{\{~?\s*([#^/])\s*(?:>\s*|\*)?([^\s}~()]+)/g)) {
    const name = match[2]!;
    if (match[1] === '/') {
      const at = open.map((b) => b.name).lastIndexOf(name);
      if (at >= 0) open.length = at;
    } else {
      open.push({ name, line: lineAt(plain, match.index) });
    }
  }
  return open.at(-1);
}
