import type { YamlKind, YamlSource } from './source.js';
import { decodeText, parseYaml } from './yaml-file.js';
import { SourceError } from '../errors.js';
import { readSourceFile, type FileRoot } from './read-source.js';
import { utf16Message, utf16Of } from './text-encoding.js';

/** Kind of the header block, checked against schemas/paper.schema.json. */
const PAPER_KIND: YamlKind = 'paper';

/** A paper written in Markdown, with its optional cover-report header block. */
export interface MarkdownPaper {
  /** Absolute path. */
  path: string;
  /** Path as shown to the user. */
  displayPath: string;
  /**
   * The YAML header between a first line `---` and the next `---` line, parsed with positions
   * that are lines and columns of the .md file itself; undefined when the paper has none.
   */
  header: YamlSource | undefined;
  /** The Markdown after the header block (the whole file when there is none). */
  body: string;
  /** 1-based line of the .md file where the body starts. */
  bodyLine: number;
}

/** Reads a Markdown paper through the one reader; throws a SourceError naming it when refused. */
export async function loadMarkdownPaper(path: string, displayPath: string, root: FileRoot | null): Promise<MarkdownPaper> {
  const buffer = await readSourceFile(path, displayPath, 'paper', { root });
  const utf16 = utf16Of(buffer);
  if (utf16) {
    const { message, hint } = utf16Message(utf16, 'markdown');
    throw new SourceError(`The paper ${displayPath}: ${message}`, { file: displayPath, rule: 'load/utf-16', hint });
  }
  return parseMarkdownPaper(decodeText(buffer), path, displayPath);
}

const FENCE = /^---[ \t]*(?:\r?\n|\r)?$/;

/**
 * Splits a paper into its header block and body. The header is parsed from the start of the
 * file up to (not including) the closing `---` line: the opening `---` is then read by YAML as
 * its document-start marker, so every offset, line and column in the parsed document (problems,
 * and positionOf() later) is already a position in the .md file, with nothing to shift.
 */
export function parseMarkdownPaper(text: string, path: string, displayPath: string): MarkdownPaper {
  if (text.charCodeAt(0) === 0xfeff) text = text.slice(1);
  // Line by line (each with its line break) only as far as the closing fence: the body can be long.
  const firstEnd = lineEnd(text, 0);
  if (!FENCE.test(text.slice(0, firstEnd))) {
    return { path, displayPath, header: undefined, body: text, bodyLine: 1 };
  }
  let offset = firstEnd;
  for (let index = 1; offset < text.length; index++) {
    const end = lineEnd(text, offset);
    if (FENCE.test(text.slice(offset, end))) {
      const header = parseYaml(text.slice(0, offset), path, displayPath, PAPER_KIND);
      return { path, displayPath, header, body: text.slice(end), bodyLine: index + 2 };
    }
    offset = end;
  }
  // An opening `---` with no closing one: report it, and treat everything after it as the body.
  const header = parseYaml('---\n', path, displayPath, PAPER_KIND);
  header.data = undefined;
  header.problems.push({
    severity: 'error',
    file: displayPath,
    line: 1,
    column: 1,
    message: "the header block opened by '---' on line 1 is never closed",
    rule: 'paper/unclosed-header',
    hint: "End the header with a line holding only '---', or delete the first line if the paper has no header.",
  });
  return { path, displayPath, header, body: text.slice(firstEnd), bodyLine: 2 };
}

/** Where the line starting at `from` ends, after its line break (CRLF, LF or CR), or the end of the text. */
function lineEnd(text: string, from: number): number {
  for (let i = from; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 0x0a) return i + 1;
    if (c === 0x0d) return text.charCodeAt(i + 1) === 0x0a ? i + 2 : i + 1;
  }
  return text.length;
}
