import { basename } from 'node:path';
import type { Problem } from '../errors.js';
import type { CsvRow, CsvSource } from './csv-file.js';
import type { SheetCell, SheetRow } from '../domain/sheet-indicators.js';

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
  /** A wide sheet's rows, one per indicator, with what its other columns and any target row say. */
  rows: SheetRow[];
  problems: Problem[];
}

const MONTHS = ['jan', 'feb', 'mar', 'apr', 'may', 'jun', 'jul', 'aug', 'sep', 'oct', 'nov', 'dec'];
const FILE_NAME = /^(\d{4})-(\d{2})\.(csv|xlsx)$/i;

/** "2019-20.csv" (or .xlsx) → 2019, the financial year April 2019 to March 2020. */
export function financialYearOfFile(path: string): number | undefined {
  const match = FILE_NAME.exec(basename(path));
  if (!match) return undefined;
  const start = Number(match[1]);
  return (start + 1) % 100 === Number(match[2]) ? start : undefined;
}

/** The figures file of a financial year ("2019-20"): performance/2019-20.csv or .xlsx. */
export function figuresOfYear<T extends { path: string }>(figures: readonly T[], year: string): T | undefined {
  return figures.find((f) => financialYearOfFile(f.path) !== undefined && basename(f.path).replace(/\.(csv|xlsx)$/i, '') === year);
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

/** What a wide sheet's column is for, known from its heading; months are recognised separately. */
export type SheetRole = 'indicator' | 'name' | 'group' | 'unit' | 'published-mean' | 'published-sum' | 'notes' | 'target' | 'numerator' | 'denominator';

const ROLE_HEADINGS: Record<string, SheetRole> = {
  indicator: 'indicator', 'indicator id': 'indicator', 'indicator name': 'indicator', measure: 'indicator', id: 'indicator',
  name: 'name',
  group: 'group', section: 'group', area: 'group', theme: 'group',
  unit: 'unit', units: 'unit',
  average: 'published-mean', 'year average': 'published-mean', mean: 'published-mean', 'average to date': 'published-mean',
  total: 'published-sum', 'year total': 'published-sum', 'total to date': 'published-sum',
  notes: 'notes', note: 'notes', comments: 'notes',
  target: 'target', 'year target': 'target',
  numerator: 'numerator', denominator: 'denominator',
};

/** The role of a wide sheet's column from its heading ("Section", "Indicator", "Unit", "Average"…). */
export function roleOfHeading(heading: string): SheetRole | undefined {
  return ROLE_HEADINGS[heading.trim().toLowerCase().replace(/[:.]$/, '')];
}

/** The words a target row's indicator cell holds. */
const TARGET_ROW = /^targets?$/i;

/** Reads a figures sheet in either layout into one cell per indicator per month. */
export function figureTable(source: CsvSource): FigureTable {
  const problems: Problem[] = [];
  const headerProblem = (message: string, rule: string, column = 1, hint?: string) =>
    problems.push({ severity: 'error', file: source.displayPath, line: 1, column, message, rule, ...(hint ? { hint } : {}) });

  const startYear = financialYearOfFile(source.path);
  if (startYear === undefined) {
    headerProblem(`cannot tell the financial year from the file name '${basename(source.path)}'`, 'figures/file-name', 1,
      'Name figures files by financial year, e.g. performance/2019-20.csv (or .xlsx) for April 2019 to March 2020.');
    return { cells: [], rows: [], problems };
  }
  const header = source.header.map((h) => h.trim().toLowerCase());
  const cells: FigureCell[] = [];
  const headerColumn = (name: string) => headerColumnOf(source, name);
  if (header.includes('month') || header.includes('value')) {
    if (!header.includes('indicator')) {
      headerProblem("the header has no 'indicator' column", 'figures/columns', 1, 'The first row names the columns: indicator, month, value (or indicator, Apr, May, … Mar).');
      return { startYear, cells: [], rows: [], problems };
    }
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
    // One row per indicator, in the order they first appear, for a report made from the figures alone.
    const rows: SheetRow[] = [];
    const keys = new Set<string>();
    for (const c of cells) {
      if (!c.indicator || keys.has(c.indicator)) continue;
      keys.add(c.indicator);
      rows.push({ key: c.indicator, line: c.line });
    }
    return { startYear, layout: 'long', cells, rows, problems };
  }
  const monthColumns: { name: string; month: string }[] = [];
  const roles = new Map<SheetRole, string>();
  for (const name of source.header) {
    const role = roleOfHeading(name);
    if (role && !roles.has(role)) {
      roles.set(role, name);
      continue;
    }
    const month = monthOfHeading(name, startYear);
    if (month) monthColumns.push({ name, month });
    else {
      headerProblem(role ? `a second '${name}' column` : `column '${name}' is not a month`, 'figures/columns', headerColumn(name),
        'Month columns are headed Apr, May, … Mar or YYYY-MM; beside them a wide sheet may have Section, Indicator, Name, Unit, Average or Total, Notes and Target columns; a long layout has the columns indicator, month, value.');
    }
  }
  const indicatorColumn = roles.get('indicator');
  if (!indicatorColumn) {
    headerProblem("the header has no 'indicator' column", 'figures/columns', 1, 'The first row names the columns: indicator, month, value (or indicator, Apr, May, … Mar).');
    return { startYear, cells: [], rows: [], problems };
  }
  const text = (row: CsvRow, role: SheetRole) => {
    const name = roles.get(role);
    return name === undefined ? undefined : row.cells[name];
  };
  const cellOf = (row: CsvRow, role: SheetRole): SheetCell | undefined => {
    const name = roles.get(role);
    const raw = name === undefined ? undefined : row.cells[name];
    return name === undefined || raw === undefined || raw.trim() === '' ? undefined : { raw, line: row.line, column: row.columns[name] ?? 1 };
  };
  const rows: SheetRow[] = [];
  for (const row of source.rows) {
    const key = (row.cells[indicatorColumn] ?? '').trim();
    if (TARGET_ROW.test(key)) {
      const above = rows.at(-1);
      if (!above) {
        problems.push({ severity: 'error', file: source.displayPath, line: row.line, column: row.columns[indicatorColumn] ?? 1, message: 'a Target row with no indicator row above it', rule: 'figures/target-row',
          hint: "Put an indicator's row of targets straight under its row of figures." });
        continue;
      }
      above.monthTargets = monthColumns.flatMap(({ name, month }) => {
        const raw = row.cells[name] ?? '';
        return raw.trim() === '' ? [] : [{ month, cell: { raw, line: row.line, column: row.columns[name] ?? 1 } }];
      });
      continue;
    }
    const group = text(row, 'group');
    const name = text(row, 'name');
    const notes = text(row, 'notes');
    const unit = cellOf(row, 'unit');
    const target = cellOf(row, 'target');
    const mean = cellOf(row, 'published-mean');
    const sum = cellOf(row, 'published-sum');
    const numerator = cellOf(row, 'numerator');
    const denominator = cellOf(row, 'denominator');
    const published = mean ? { ...mean, rule: 'mean' as const } : sum ? { ...sum, rule: 'sum' as const } : undefined;
    rows.push({
      key,
      line: row.line,
      ...(group?.trim() ? { group: group.trim() } : {}),
      ...(name?.trim() ? { name: name.trim() } : {}),
      ...(notes?.trim() ? { notes: notes.trim() } : {}),
      ...(unit ? { unit } : {}),
      ...(target ? { target } : {}),
      ...(published ? { published } : {}),
      ...(numerator ? { numerator } : {}),
      ...(denominator ? { denominator } : {}),
    });
    for (const { name: column, month } of monthColumns) {
      cells.push({
        indicator: key,
        month,
        raw: row.cells[column] ?? '',
        line: row.line,
        column: row.columns[column] ?? 1,
        monthColumn: row.columns[column] ?? 1,
      });
    }
  }
  return { startYear, layout: 'wide', cells, rows, problems };
}

/** 1-based column of a header cell: a workbook's own column, or in a CSV counting the header's characters. */
function headerColumnOf(source: CsvSource, name: string): number {
  if (source.headerColumns) return source.headerColumns[source.header.indexOf(name)] ?? 1;
  let column = 1;
  for (const h of source.header) {
    if (h === name) return column;
    column += h.length + 1;
  }
  return 1;
}
