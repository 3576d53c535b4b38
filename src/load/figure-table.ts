import { basename } from 'node:path';
import type { Problem } from '../errors.js';
import type { CsvSource } from './csv-file.js';

/** One figure as supplied, whichever layout the CSV had, with where it stands in the file. */
export interface FigureCell {
  indicator: string;
  /** YYYY-MM. */
  month: string;
  /** Exactly as exported; parsed later. */
  raw: string;
  line: number;
  /** Column of the value. */
  column: number;
  /** Column of the month: its own cell in the long layout, the value's in the wide one. */
  monthColumn: number;
}

export interface FigureTable {
  /** Calendar year in which the financial year begins (April), from the file name. */
  startYear?: number;
  layout?: 'long' | 'wide';
  cells: FigureCell[];
  problems: Problem[];
}

const MONTHS = ['jan', 'feb', 'mar', 'apr', 'may', 'jun', 'jul', 'aug', 'sep', 'oct', 'nov', 'dec'];
const FILE_NAME = /^(\d{4})-(\d{2})\.csv$/i;

/** "2019-20.csv" → 2019, the financial year April 2019 to March 2020. */
export function financialYearOfFile(path: string): number | undefined {
  const match = FILE_NAME.exec(basename(path));
  if (!match) return undefined;
  const start = Number(match[1]);
  return (start + 1) % 100 === Number(match[2]) ? start : undefined;
}

/** The twelve months of a financial year, April first, as YYYY-MM. */
export function financialYearMonths(startYear: number): string[] {
  return Array.from({ length: 12 }, (_, i) => {
    const month = ((i + 3) % 12) + 1;
    const year = month >= 4 ? startYear : startYear + 1;
    return `${year}-${String(month).padStart(2, '0')}`;
  });
}

/** A wide layout's column heading as YYYY-MM: "Apr", "April", "apr-19"… or "2019-04". */
export function monthOfHeading(heading: string, startYear: number): string | undefined {
  const h = heading.trim().toLowerCase();
  if (/^\d{4}-(0[1-9]|1[0-2])$/.test(h)) return h;
  const index = MONTHS.indexOf(h.slice(0, 3));
  if (index < 0 || !/^[a-z]+([ -]?\d{2,4})?$/.test(h)) return undefined;
  const month = index + 1;
  return `${month >= 4 ? startYear : startYear + 1}-${String(month).padStart(2, '0')}`;
}

/** Reads a figures CSV in either layout into one cell per indicator per month. */
export function figureTable(source: CsvSource): FigureTable {
  const problems: Problem[] = [];
  const headerProblem = (message: string, rule: string, column = 1, hint?: string) =>
    problems.push({ severity: 'error', file: source.displayPath, line: 1, column, message, rule, ...(hint ? { hint } : {}) });

  const startYear = financialYearOfFile(source.path);
  if (startYear === undefined) {
    headerProblem(`cannot tell the financial year from the file name '${basename(source.path)}'`, 'figures/file-name', 1,
      'Name figures files by financial year, e.g. performance/2019-20.csv for April 2019 to March 2020.');
    return { cells: [], problems };
  }
  const header = source.header.map((h) => h.trim().toLowerCase());
  if (!header.includes('indicator')) {
    headerProblem("the header has no 'indicator' column", 'figures/columns', 1, 'The first row names the columns: indicator, month, value (or indicator, Apr, May, … Mar).');
    return { startYear, cells: [], problems };
  }
  const cells: FigureCell[] = [];
  const headerColumn = (name: string) => headerColumnOf(source, name);
  if (header.includes('month') || header.includes('value')) {
    for (const row of source.rows) {
      cells.push({
        indicator: (row.cells['indicator'] ?? '').trim(),
        month: (row.cells['month'] ?? '').trim(),
        raw: row.cells['value'] ?? '',
        line: row.line,
        column: row.columns['value'] ?? 1,
        monthColumn: row.columns['month'] ?? 1,
      });
    }
    return { startYear, layout: 'long', cells, problems };
  }
  const monthColumns: { name: string; month: string }[] = [];
  for (const name of source.header) {
    if (name.trim().toLowerCase() === 'indicator') continue;
    const month = monthOfHeading(name, startYear);
    if (month) monthColumns.push({ name, month });
    else headerProblem(`column '${name}' is not a month`, 'figures/columns', headerColumn(name), "Month columns are headed Apr, May, … Mar or YYYY-MM; a long layout has the columns indicator, month, value.");
  }
  for (const row of source.rows) {
    for (const { name, month } of monthColumns) {
      cells.push({
        indicator: (row.cells['indicator'] ?? row.cells[source.header.find((h) => h.trim().toLowerCase() === 'indicator') ?? ''] ?? '').trim(),
        month,
        raw: row.cells[name] ?? '',
        line: row.line,
        column: row.columns[name] ?? 1,
        monthColumn: row.columns[name] ?? 1,
      });
    }
  }
  return { startYear, layout: 'wide', cells, problems };
}

/** 1-based column of a header cell, counting the header's characters. */
function headerColumnOf(source: CsvSource, name: string): number {
  let column = 1;
  for (const h of source.header) {
    if (h === name) return column;
    column += h.length + 1;
  }
  return 1;
}
