import { CsvError, parse } from 'csv-parse/sync';
import { SourceError, type Problem } from '../errors.js';
import { readSourceFile, type FileRoot } from './read-source.js';
import { utf16Message, utf16Of } from './text-encoding.js';
import { plural } from '../domain/words.js';

/** One data row of a CSV file, its cells keyed by the (trimmed) column headings. */
export interface CsvRow {
  /** 1-based line where the row starts. */
  line: number;
  /** Cell text as supplied, not trimmed. */
  cells: Record<string, string>;
  /** 1-based column where each cell starts, counted in the line the cell starts on. */
  columns: Record<string, number>;
  /**
   * The line a cell starts on, only for cells after a quoted value that runs over several lines;
   * every other cell starts on `line`. Use `cellPosition` rather than reading this directly.
   */
  cellLines?: Record<string, number>;
}

export interface CsvSource {
  /** Absolute path. */
  path: string;
  /** Path as shown to the user. */
  displayPath: string;
  /** Column headings, trimmed; empty when the file has no heading row. */
  header: string[];
  /** Data rows, blank rows left out. None when the headings themselves are wrong. */
  rows: CsvRow[];
  /** Problems found while reading; rows with a problem are left out of `rows`. */
  problems: Problem[];
  encoding: 'utf-8' | 'windows-1252';
  /**
   * For a workbook read as a table (load/xlsx-sheet.ts): the sheet's name, and each heading's
   * column number. Then a row's `line` is its row number and its `columns` are column numbers.
   */
  sheet?: string;
  headerColumns?: number[];
}

/** Largest CSV accepted; a year of figures is a few hundred KB, so this only stops accidents. */
const MAX_BYTES = 20 * 1024 * 1024;

const SAVE_AS_UTF8 = "In Excel, use File › Save As and choose 'CSV UTF-8 (Comma delimited)'.";
const QUOTING_HINT = 'A value that contains a comma, a double quote or a line break must be wrapped in double quotes, with each double quote inside it written twice, e.g. "Said ""yes"", then left".';

interface Position {
  line: number;
  column: number;
}

export async function loadCsvFile(path: string, displayPath: string, root: FileRoot | null): Promise<CsvSource> {
  let buffer: Buffer;
  try {
    // The reader checks the size before reading, so a mistaken multi-gigabyte export is never read into memory.
    buffer = await readSourceFile(path, displayPath, 'data file', { root, maxBytes: MAX_BYTES });
  } catch (error) {
    if (!(error instanceof SourceError)) throw error;
    const source: CsvSource = { path, displayPath, header: [], rows: [], problems: [], encoding: 'utf-8' };
    source.problems.push({ severity: 'error', file: displayPath, line: 1, column: 1, message: error.message, rule: error.rule ?? 'load/read', ...(error.hint ? { hint: error.hint } : {}) });
    return source;
  }
  return parseCsv(buffer, path, displayPath);
}

export function parseCsv(buffer: Buffer, path: string, displayPath: string): CsvSource {
  if (buffer.length > MAX_BYTES) return tooLarge(path, displayPath, buffer.length);
  const source: CsvSource = { path, displayPath, header: [], rows: [], problems: [], encoding: 'utf-8' };
  const report = (pos: Position, message: string, rule: string, hint?: string, severity: Problem['severity'] = 'error') => {
    source.problems.push({ severity, file: displayPath, line: pos.line, column: pos.column, message, rule, ...(hint ? { hint } : {}) });
  };

  const utf16 = utf16Of(buffer);
  if (utf16) {
    const { message, hint } = utf16Message(utf16, 'csv');
    report({ line: 1, column: 1 }, message, 'load/utf-16', hint);
    return source;
  }
  if (buffer.includes(0)) {
    report(
      { line: 1, column: 1 },
      'This is not a plain text file (it contains zero bytes), so it cannot be read as CSV',
      'csv/binary',
      `Save the sheet as CSV rather than as a workbook or 'Unicode Text'. ${SAVE_AS_UTF8}`,
    );
    return source;
  }

  const { text, bytes, encoding, firstOddByte } = decode(buffer);
  source.encoding = encoding;
  if (firstOddByte !== undefined) {
    report(
      positionAt(text, firstOddByte),
      `The file is not saved as UTF-8, so it was read as Windows-1252 (Excel's older CSV format): check that "${text[firstOddByte]}" and any other special characters came out right`,
      'csv/encoding',
      SAVE_AS_UTF8,
      'warning',
    );
  }

  const wellFormed = wellFormedRecords(text);
  const { located, failed } = wellFormed ? { located: wellFormed, failed: false } : csvParseRecords(bytes, report);
  const [headerRecord, ...content] = located.filter((r) => r.cells.some((c) => c.trim() !== ''));
  if (headerRecord) readTable(source, headerRecord, content, report);
  else if (!failed) report({ line: 1, column: 1 }, 'The file has no heading row', 'csv/header', 'The first row must give each column a heading.');
  // In file order, so that a syntax error found at the end of parsing follows the rows before it.
  source.problems.sort((a, b) => a.line - b.line || a.column - b.column);
  return source;
}

interface LocatedRecord {
  cells: string[];
  starts: Position[];
  line: number;
}

type Report = (pos: Position, message: string, rule: string, hint?: string) => void;

/**
 * The records by csv-parse, then each one's cells' positions from its own text; a syntax error
 * is reported where the rejected cell starts, and the records before it are kept.
 */
function csvParseRecords(bytes: Buffer, report: Report): { located: LocatedRecord[]; failed: boolean } {
  const records: { cells: string[]; end: number }[] = [];
  let failure: CsvError | undefined;
  try {
    parse(bytes, {
      // Excel writes CRLF, a Mac may write LF, and hand edits can leave a mixture.
      record_delimiter: ['\r\n', '\n', '\r'],
      relax_column_count: true,
      skip_empty_lines: true,
      on_record: (cells: string[], context) => {
        records.push({ cells, end: context.bytes });
        return null;
      },
    });
  } catch (error) {
    if (!(error instanceof CsvError)) throw error;
    failure = error;
  }

  // Walk the records' own text to find where each one and each of its cells starts.
  const cursor: Position = { line: 1, column: 1 };
  let offset = 0;
  const located = records.map(({ cells, end }) => {
    const starts = cellStarts(bytes.toString('utf8', offset, end), cursor);
    offset = end;
    return { cells, starts, line: starts[0]?.line ?? cursor.line };
  });
  if (failure) {
    const starts = cellStarts(bytes.toString('utf8', offset), { ...cursor });
    const index = typeof failure['index'] === 'number' ? failure['index'] : 0;
    const { message, hint } = syntaxMessage(failure);
    report(starts[index] ?? starts[0] ?? cursor, message, 'csv/syntax', hint);
  }
  return { located, failed: failure !== undefined };
}

const QUOTE = 0x22;
const COMMA = 0x2c;
const LF = 0x0a;
const CR = 0x0d;

/**
 * The records of a file csv-parse would read without a syntax error, with their cells'
 * positions, in one pass over the text: what csv-parse and cellStarts give, with the same options
 * (comma, double quotes doubled inside quoted values, CRLF, LF or CR ending a record, empty lines
 * skipped, rows of any length). A value is either unquoted (no double quote in it) or wholly
 * quoted and followed by a comma, a line break or the end. Anything else (a stray or unclosed
 * quote, a lone surrogate) gives undefined, and the file is read by csv-parse, which says what
 * is wrong and where.
 */
function wellFormedRecords(text: string): LocatedRecord[] | undefined {
  const records: LocatedRecord[] = [];
  const n = text.length;
  let i = 0;
  let line = 1;
  let lineStart = 0;
  // Characters outside the Basic Multilingual Plane so far on the line: two code units, one column.
  let pairs = 0;
  const lineBreak = (at: number) => {
    line++;
    lineStart = at + (text.charCodeAt(at) === CR && text.charCodeAt(at + 1) === LF ? 2 : 1);
    pairs = 0;
    return lineStart;
  };
  while (i < n) {
    const first = text.charCodeAt(i);
    if (first === LF || first === CR) {
      // An empty line: csv-parse skips it.
      i = lineBreak(i);
      continue;
    }
    const cells: string[] = [];
    const starts: Position[] = [];
    for (;;) {
      starts.push({ line, column: i - lineStart + 1 - pairs });
      if (text.charCodeAt(i) === QUOTE) {
        let value = '';
        let from = ++i;
        for (;;) {
          if (i >= n) return undefined;
          const c = text.charCodeAt(i);
          if (c === QUOTE) {
            if (text.charCodeAt(i + 1) === QUOTE) {
              value += text.slice(from, i + 1);
              from = i += 2;
              continue;
            }
            value += text.slice(from, i++);
            break;
          }
          if (c === LF || c === CR) i = lineBreak(i);
          else if (c >= 0xd800 && c <= 0xdfff) {
            if (!isSurrogatePair(text, i)) return undefined;
            pairs++;
            i += 2;
          } else i++;
        }
        const after = text.charCodeAt(i);
        if (i < n && after !== COMMA && after !== LF && after !== CR) return undefined;
        cells.push(value);
      } else {
        const from = i;
        for (; i < n; i++) {
          const c = text.charCodeAt(i);
          if (c === COMMA || c === LF || c === CR) break;
          if (c === QUOTE) return undefined;
          if (c >= 0xd800 && c <= 0xdfff) {
            if (!isSurrogatePair(text, i)) return undefined;
            pairs++;
            i++;
          }
        }
        cells.push(text.slice(from, i));
      }
      if (text.charCodeAt(i) !== COMMA) break;
      i++;
    }
    records.push({ cells, starts, line: starts[0]!.line });
    if (i < n) i = lineBreak(i);
  }
  return records;
}

function isSurrogatePair(text: string, i: number): boolean {
  const high = text.charCodeAt(i);
  const low = text.charCodeAt(i + 1);
  return high <= 0xdbff && low >= 0xdc00 && low <= 0xdfff;
}

/** Fills in the headings and the rows, checking both. */
function readTable(source: CsvSource, headerRecord: LocatedRecord, content: LocatedRecord[], report: Report): void {
  source.header = headerRecord.cells.map((h) => h.trim());
  let headerOk = true;
  const seen = new Map<string, number>();
  source.header.forEach((name, i) => {
    const pos = headerRecord.starts[i] ?? headerRecord.starts[0]!;
    if (name === '') {
      headerOk = false;
      report(pos, `Column ${columnLetter(i)} has no heading`, 'csv/header', 'Give every column a heading in the first row, or delete the column if it is not needed.');
      return;
    }
    const first = seen.get(name);
    if (first !== undefined) {
      headerOk = false;
      report(pos, `The heading "${name}" is used twice, for columns ${columnLetter(first)} and ${columnLetter(i)}`, 'csv/duplicate-column', 'Rename or delete one of the two columns.');
      return;
    }
    seen.set(name, i);
  });

  for (const record of content) {
    if (record.cells.length !== source.header.length) {
      const extra = record.starts[source.header.length];
      report(
        record.cells.length > source.header.length && extra ? extra : { line: record.line, column: 1 },
        `This row has ${plural(record.cells.length, 'value')} but there ${source.header.length === 1 ? 'is 1 heading' : `are ${source.header.length} headings`}`,
        'csv/columns',
        `Check for a missing or extra comma. ${QUOTING_HINT}`,
      );
      continue;
    }
    if (!headerOk) continue;
    const row: CsvRow = { line: record.line, cells: {}, columns: {} };
    source.header.forEach((name, i) => {
      const start = record.starts[i] ?? { line: record.line, column: 1 };
      row.cells[name] = record.cells[i] ?? '';
      row.columns[name] = start.column;
      if (start.line !== record.line) (row.cellLines ??= {})[name] = start.line;
    });
    source.rows.push(row);
  }
}

/** Where a cell starts, for pointing a problem at it; the row's start when there is no such column. */
export function cellPosition(row: CsvRow, column: string): Position {
  return { line: row.cellLines?.[column] ?? row.line, column: row.columns[column] ?? 1 };
}

/** Spreadsheet letters for a 0-based column index: 0 → A, 25 → Z, 26 → AA. */
export function columnLetter(index: number): string {
  let letters = '';
  for (let n = index + 1; n > 0; n = Math.floor((n - 1) / 26)) letters = String.fromCharCode(65 + ((n - 1) % 26)) + letters;
  return letters;
}

function tooLarge(path: string, displayPath: string, size: number): CsvSource {
  return {
    path,
    displayPath,
    header: [],
    rows: [],
    encoding: 'utf-8',
    problems: [
      {
        severity: 'error',
        file: displayPath,
        line: 1,
        column: 1,
        message: `The file is ${Math.round(size / 1048576)} MB; the limit is 20 MB`,
        rule: 'load/size',
        hint: 'Check that this is the right file; export only the rows the board needs.',
      },
    ],
  };
}

interface Decoded {
  text: string;
  /** `text` as UTF-8, which is what csv-parse is given, so that its byte offsets fall in `text`. */
  bytes: Buffer;
  encoding: CsvSource['encoding'];
  /** With Windows-1252, the offset in `text` of the first character that is not ASCII. */
  firstOddByte?: number;
}

/**
 * UTF-8, with or without a byte-order mark; otherwise Windows-1252, which is what Excel on a UK
 * Windows machine writes when "CSV (Comma delimited)" is chosen.
 */
function decode(buffer: Buffer): Decoded {
  const body = buffer[0] === 0xef && buffer[1] === 0xbb && buffer[2] === 0xbf ? buffer.subarray(3) : buffer;
  try {
    return { text: new TextDecoder('utf-8', { fatal: true, ignoreBOM: true }).decode(body), bytes: body, encoding: 'utf-8' };
  } catch {
    const text = decodeWindows1252(body);
    // One byte per character, so a byte offset is also a text offset.
    const odd = body.findIndex((b) => b >= 0x80);
    return { text, bytes: Buffer.from(text), encoding: 'windows-1252', ...(odd >= 0 ? { firstOddByte: odd } : {}) };
  }
}

/**
 * What Windows-1252 has at 0x80–0x9F (the WHATWG index), where Latin-1 has control characters.
 * Node 20's TextDecoder('windows-1252') decodes these as Latin-1 (nodejs/node#60888), turning
 * Excel's dashes and curly quotes into invisible characters, so the table is applied here.
 */
const WINDOWS_1252_HIGH =
  '\u20ac\u0081\u201a\u0192\u201e\u2026\u2020\u2021\u02c6\u2030\u0160\u2039\u0152\u008d\u017d\u008f' +
  '\u0090\u2018\u2019\u201c\u201d\u2022\u2013\u2014\u02dc\u2122\u0161\u203a\u0153\u009d\u017e\u0178';

function decodeWindows1252(bytes: Buffer): string {
  return bytes.toString('latin1').replace(/[\x80-\x9f]/g, (ch) => WINDOWS_1252_HIGH[ch.charCodeAt(0) - 0x80]!);
}

function isLineBreak(ch: string | undefined): boolean {
  return ch === '\n' || ch === '\r';
}

/** Moves `pos` over one character of `text` at `i`, returning how many code units it took. */
function step(text: string, i: number, pos: Position): number {
  const ch = text[i];
  if (isLineBreak(ch)) {
    pos.line++;
    pos.column = 1;
    return ch === '\r' && text[i + 1] === '\n' ? 2 : 1;
  }
  // A character outside the Basic Multilingual Plane is two code units but one column.
  const code = text.charCodeAt(i);
  const pair = code >= 0xd800 && code <= 0xdbff && i + 1 < text.length;
  pos.column++;
  return pair ? 2 : 1;
}

/**
 * Where each cell of the record in `text` starts. `text` is one record as csv-parse split it:
 * any blank lines it skipped, the record, then its line break. `cursor` is where `text` begins
 * and is moved to where it ends. On a record csv-parse rejected, this stops making sense only
 * after the cell that was rejected, which is all that is needed of it.
 */
function cellStarts(text: string, cursor: Position): Position[] {
  const starts: Position[] = [];
  let quoted = false;
  let ended = false;
  for (let i = 0; i < text.length; ) {
    const ch = text[i];
    if (!ended && starts.length === 0 && !isLineBreak(ch)) starts.push({ ...cursor });
    if (!ended && starts.length > 0) {
      // A doubled quote inside a quoted value toggles twice, so needs no case of its own.
      if (ch === '"') {
        quoted = !quoted;
      } else if (ch === ',' && !quoted) {
        starts.push({ line: cursor.line, column: cursor.column + 1 });
      } else if (isLineBreak(ch) && !quoted) {
        ended = true;
      }
    }
    i += step(text, i, cursor);
  }
  return starts;
}

function positionAt(text: string, offset: number): Position {
  const pos: Position = { line: 1, column: 1 };
  for (let i = 0; i < offset; ) i += step(text, i, pos);
  return pos;
}

function syntaxMessage(error: CsvError): { message: string; hint?: string } {
  switch (error.code) {
    case 'CSV_QUOTE_NOT_CLOSED':
      return { message: 'This value opens a double quote that is never closed', hint: QUOTING_HINT };
    case 'CSV_INVALID_CLOSING_QUOTE':
      return { message: 'This value has more text after its closing double quote', hint: QUOTING_HINT };
    case 'INVALID_OPENING_QUOTE':
      return { message: 'This value has a double quote in it but does not start with one', hint: QUOTING_HINT };
    case 'CSV_MAX_RECORD_SIZE':
      return { message: 'This row is too long to read', hint: 'Look for a double quote that is never closed, or check that the file is comma-separated.' };
    default:
      return { message: error.message.replace(/ at line \d+.*$/, '') };
  }
}
