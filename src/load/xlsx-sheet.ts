import type ExcelJS from 'exceljs';
import { SourceError, type Problem } from '../errors.js';
import { columnLetter, type CsvRow, type CsvSource } from './csv-file.js';
import { readSourceFile, type FileRoot } from './read-source.js';
import { checkEntryExpands, ZipFault, zipEntries } from './zip-directory.js';
import { megabytes } from './bounded-read.js';

/**
 * An Excel workbook (.xlsx) of figures read as a table, the same shape a CSV is read into, so
 * that every rule reads both alike. The first worksheet is read; its first non-blank row is
 * the heading row. Cells come out as text as an analyst sees them: a number in a cell formatted
 * as a percentage (0.931 shown as 93.1%) is "93.1%", a formula gives its result, a date heading
 * ("Apr-19") gives its month. Each problem names the sheet and cell: `2019-20.xlsx: Figures!B7`.
 */

/** Largest workbook read, as for a CSV: a year of figures is tens of KB. */
const MAX_XLSX_BYTES = 20 * 1024 * 1024;
/** What it may unzip to: a sheet of figures is far smaller; more is a ZIP bomb. */
const MAX_XLSX_EXPANDED = 100 * 1024 * 1024;
const MAX_XLSX_ENTRIES = 10_000;

const HINT_RESAVE = "Open it in Excel (or LibreOffice Calc) and save it again as an 'Excel Workbook (.xlsx)', or save the sheet as CSV UTF-8.";

export async function loadXlsxFile(path: string, displayPath: string, root: FileRoot | null): Promise<CsvSource> {
  const source: CsvSource = { path, displayPath, header: [], rows: [], problems: [], encoding: 'utf-8' };
  const fail = (message: string, rule: string, hint?: string) => {
    source.problems.push({ severity: 'error', file: displayPath, line: 1, column: 1, message, rule, ...(hint ? { hint } : {}) });
    return source;
  };
  let bytes: Buffer;
  try {
    bytes = await readSourceFile(path, displayPath, 'workbook', { root, maxBytes: MAX_XLSX_BYTES });
    checkWorkbookArchive(bytes, displayPath);
  } catch (error) {
    if (!(error instanceof SourceError)) throw error;
    return fail(error.message, error.rule ?? 'load/read', error.hint);
  }
  // Loaded only for a board that has a workbook: exceljs is large, and most runs read none.
  const { default: Excel } = await import('exceljs');
  const workbook = new Excel.Workbook();
  try {
    // exceljs's types name an older Buffer; the bytes are what it reads.
    await workbook.xlsx.load(bytes as unknown as ExcelJS.Buffer);
  } catch (error) {
    return fail(`The workbook ${displayPath} cannot be read: ${error instanceof Error ? error.message : String(error)}`, 'xlsx/damaged', HINT_RESAVE);
  }
  const sheet = workbook.worksheets.find((w) => w.state !== 'hidden' && w.state !== 'veryHidden') ?? workbook.worksheets[0];
  if (!sheet) return fail(`The workbook ${displayPath} has no worksheet`, 'xlsx/no-sheet', HINT_RESAVE);
  source.sheet = sheet.name;
  readSheet(source, sheet);
  source.problems = withSheetCells(source, source.problems);
  return source;
}

/** Size, entries and expansion from the ZIP's own table of contents, before exceljs unzips anything. */
function checkWorkbookArchive(bytes: Buffer, displayPath: string): void {
  const fault = (what: string, rule: string, hint = HINT_RESAVE) => new SourceError(`The workbook ${displayPath} ${what}`, { file: displayPath, rule, hint });
  if (bytes.length === 0) throw fault('is empty (0 bytes)', 'load/empty');
  if (bytes.length >= 8 && bytes.subarray(0, 8).equals(Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]))) {
    throw fault('is password-protected, or is an old-style .xls file', 'xlsx/encrypted', "Remove the password and save it as an 'Excel Workbook (.xlsx)'.");
  }
  try {
    const entries = zipEntries(bytes, MAX_XLSX_ENTRIES);
    const expanded = entries.reduce((sum, e) => sum + e.size, 0);
    if (expanded > MAX_XLSX_EXPANDED) {
      throw fault(`unzips to ${megabytes(expanded)} (the limit is ${megabytes(MAX_XLSX_EXPANDED)}), far more than a sheet of figures needs`, 'xlsx/too-large',
        'A file this small that expands this much may have been made to exhaust memory. Save the figures again from the spreadsheet.');
    }
    if (entries.some((e) => e.encrypted)) throw fault('is encrypted', 'xlsx/encrypted', "Remove the password and save it as an 'Excel Workbook (.xlsx)'.");
    if (!entries.some((e) => e.name === 'xl/workbook.xml')) {
      const ods = entries.some((e) => e.name === 'content.xml');
      throw fault(ods ? 'is an OpenDocument spreadsheet (.ods), not an Excel workbook' : 'is a ZIP archive but not an Excel workbook', 'xlsx/not-a-workbook',
        "In the spreadsheet, use File › Save As and choose 'Excel 2007-365 (.xlsx)'.");
    }
    for (const entry of entries) checkEntryExpands(bytes, entry);
  } catch (error) {
    if (error instanceof ZipFault) throw fault(`cannot be read as an Excel workbook: ${error.message.replace('(a .docx is one)', '(a .xlsx is one)')}`, 'xlsx/damaged');
    throw error;
  }
}

/** The heading row and the data rows, blank rows left out, checked as a CSV's are. */
function readSheet(source: CsvSource, sheet: ExcelJS.Worksheet): void {
  const report = (line: number, column: number, message: string, rule: string, hint?: string) =>
    source.problems.push({ severity: 'error', file: source.displayPath, line, column, message, rule, ...(hint ? { hint } : {}) });
  let headerRow: number | undefined;
  const headings = new Map<number, string>();
  sheet.eachRow({ includeEmpty: false }, (row, rowNumber) => {
    const texts = new Map<number, string>();
    row.eachCell({ includeEmpty: false }, (cell, column) => {
      const text = cellText(cell, headerRow === undefined);
      if (text.trim() !== '') texts.set(column, text);
    });
    if (texts.size === 0) return;
    if (headerRow === undefined) {
      headerRow = rowNumber;
      for (const [column, text] of texts) headings.set(column, text.trim());
      return;
    }
    const outside = [...texts.keys()].find((c) => !headings.has(c));
    if (outside !== undefined) {
      report(rowNumber, outside, `Cell ${columnLetter(outside - 1)}${rowNumber} has a value but its column has no heading`, 'csv/header', 'Give every column a heading in the first row, or clear the cell.');
      return;
    }
    const record: CsvRow = { line: rowNumber, cells: {}, columns: {} };
    for (const [column, heading] of headings) {
      record.cells[heading] = texts.get(column) ?? '';
      record.columns[heading] = column;
    }
    source.rows.push(record);
  });
  if (headerRow === undefined) {
    report(1, 1, `The sheet '${sheet.name}' is empty`, 'csv/header', 'The first row must give each column a heading.');
    return;
  }
  const seen = new Map<string, number>();
  const columns = [...headings.keys()].sort((a, b) => a - b);
  for (const column of columns) {
    const name = headings.get(column)!;
    const first = seen.get(name);
    if (first !== undefined) {
      report(headerRow, column, `The heading "${name}" is used twice, for columns ${columnLetter(first - 1)} and ${columnLetter(column - 1)}`, 'csv/duplicate-column', 'Rename or delete one of the two columns.');
      source.rows = [];
    }
    seen.set(name, column);
  }
  source.header = columns.map((c) => headings.get(c)!);
  source.headerColumns = columns;
}

type CellValue = ExcelJS.CellValue;

/** A cell as text as the sheet shows it, without the display's rounding. */
function cellText(cell: ExcelJS.Cell, heading: boolean): string {
  return valueText(cell.value, cell.numFmt ?? '', heading);
}

function valueText(value: CellValue, numFmt: string, heading: boolean): string {
  if (value === null || value === undefined) return '';
  if (typeof value === 'number') {
    // 12 significant digits drop binary noise such as 0.931 × 100 = 93.10000000000001.
    if (/%/.test(numFmt.replace(/"[^"]*"/g, ''))) return `${Number((value * 100).toPrecision(12))}%`;
    return String(Number(value.toPrecision(15)));
  }
  if (typeof value === 'string') return value;
  if (typeof value === 'boolean') return value ? 'TRUE' : 'FALSE';
  if (value instanceof Date) {
    const iso = value.toISOString();
    // A month heading typed as a date ("Apr-19") is that month; a date elsewhere prints as a date.
    return heading ? iso.slice(0, 7) : iso.slice(0, 10);
  }
  if ('error' in value) return String(value.error);
  if ('richText' in value) return value.richText.map((r) => r.text).join('');
  if ('formula' in value || 'sharedFormula' in value) return valueText((value as { result?: CellValue }).result ?? null, numFmt, heading);
  if ('text' in value) return String(value.text);
  return '';
}

/** `Figures!B7`, the sheet quoted as Excel writes it when its name is not a plain word. */
export function sheetCell(sheet: string, line: number, column: number): string {
  const name = /^[A-Za-z_][A-Za-z0-9_.]*$/.test(sheet) ? sheet : `'${sheet.replaceAll("'", "''")}'`;
  return `${name}!${columnLetter(column - 1)}${line}`;
}

/** Names the cell of each problem of a workbook's table; a CSV's problems are returned as they are. */
export function withSheetCells(source: Pick<CsvSource, 'sheet' | 'displayPath'>, problems: Problem[]): Problem[] {
  const { sheet } = source;
  if (sheet === undefined) return problems;
  return problems.map((p) => (p.file !== source.displayPath || p.cell ? p : { ...p, cell: sheetCell(sheet, p.line, p.column) }));
}
