/**
 * A table made from data (tables/NAME.yaml): its rows from a CSV file or the YAML itself, the
 * columns it shows, optional groups, and totals worked out here so templates do no arithmetic.
 */
import { parseFigure } from '../domain/figure-value.js';
import type { TableColumnData, TableData, TableValue } from '../domain/types.js';
import { groupThousands, roundAsPrinted } from '../domain/numbers.js';

export type Align = 'left' | 'right' | 'centre';

export interface CellView {
  text: string;
  align: Align;
  /** The number the cell shows, for numbers and percentages that have one. */
  value?: number;
}

export interface RowView {
  /** The first column, printed as the row's header cell. */
  header: CellView;
  cells: CellView[];
}

/** What templates/fragments/table.hbs receives. */
export interface DataTableView {
  /** The table's caption: its title, then any caption sentence under it. */
  title: string;
  detail?: string;
  columns: { heading: string; align: Align }[];
  /** One group without a heading when the table is not grouped. */
  groups: { heading?: string; rows: RowView[]; subtotal?: RowView }[];
  total?: RowView;
  /** Number of columns, for a group heading spanning them all. */
  span: number;
  empty?: string;
}

interface Column {
  field: string;
  heading: string;
  format: 'text' | 'number' | 'percentage';
  align: Align;
  total: 'sum' | 'mean' | 'none';
  decimals?: number;
}

type Cell = { kind: 'number'; value: number; decimals: number } | { kind: 'text'; text: string };

/** The table's rows: `rows` are records keyed by field, from the CSV's cells or the YAML's rows. */
export function dataTable(data: TableData, rows: readonly Record<string, TableValue>[]): DataTableView {
  const columns = data.columns.map(columnOf);
  const parsed = rows.map((row) => columns.map((c) => cellOf(row[c.field], c)));
  const groupKeys = rows.map((row) => (data.group_by ? textOf(row[data.group_by]) : ''));
  const order = [...new Set(groupKeys)];
  const totals = columns.some((c) => c.total !== 'none');
  const decimals = columns.map((c, i) => c.decimals ?? Math.max(0, ...parsed.map((r) => (r[i]?.kind === 'number' ? r[i].decimals : 0))));

  const rowView = (cells: Cell[]): RowView => {
    const [first, ...rest] = cells.map((cell, i) => cellView(cell, columns[i]!, decimals[i]!));
    return { header: first!, cells: rest };
  };
  const totalRow = (members: Cell[][], label: string): RowView => {
    const cells = columns.map((c, i): CellView => {
      const values = members.flatMap((r) => (r[i]?.kind === 'number' ? [r[i].value] : []));
      if (c.total === 'none' || values.length === 0) return { text: '', align: c.align };
      const sum = values.reduce((a, b) => a + b, 0);
      const value = c.total === 'sum' ? sum : sum / values.length;
      const places = c.decimals ?? (c.total === 'mean' ? decimals[i]! + 1 : decimals[i]!);
      return { text: formatValue(value, places, c.format), align: c.align, value: roundAsPrinted(value, places) };
    });
    const [first, ...rest] = cells;
    return { header: { ...first!, text: first!.text ? `${label}: ${first!.text}` : label, align: 'left' }, cells: rest };
  };

  const groups = order.map((key) => {
    const members = parsed.filter((_, i) => groupKeys[i] === key);
    return {
      ...(data.group_by ? { heading: key === '' ? 'Not given' : key } : {}),
      rows: members.map(rowView),
      ...(data.group_by && totals ? { subtotal: totalRow(members, `Total for ${key === '' ? 'not given' : key}`) } : {}),
    };
  });
  return {
    title: data.title,
    ...(data.caption ? { detail: data.caption } : {}),
    columns: columns.map((c) => ({ heading: c.heading, align: c.align })),
    groups,
    ...(totals && parsed.length ? { total: totalRow(parsed, 'Total') } : {}),
    span: columns.length,
    ...(parsed.length ? {} : { empty: 'There are no rows in this table.' }),
  };
}

function columnOf(c: TableColumnData): Column {
  const format = c.format ?? 'text';
  return {
    field: c.field,
    heading: c.heading ?? c.field,
    format,
    align: c.align ?? (format === 'text' ? 'left' : 'right'),
    total: format === 'text' ? 'none' : c.total ?? 'none',
    ...(c.decimals !== undefined ? { decimals: c.decimals } : {}),
  };
}

function textOf(value: TableValue | undefined): string {
  return value === null || value === undefined ? '' : String(value).trim();
}

/** Numbers are read exactly as the figures are (1,234, 12.5, 85%); anything else is shown as written. */
function cellOf(value: TableValue | undefined, column: Column): Cell {
  const text = textOf(value);
  if (column.format === 'text') return { kind: 'text', text };
  const figure = parseFigure(text);
  if (figure.kind !== 'number') return { kind: 'text', text };
  const fraction = text.replace(/%$/, '').split('.')[1] ?? '';
  return { kind: 'number', value: figure.value, decimals: fraction.replace(/\D/g, '').length };
}

function cellView(cell: Cell, column: Column, decimals: number): CellView {
  if (cell.kind === 'text') return { text: cell.text, align: column.align };
  return { text: formatValue(cell.value, decimals, column.format), align: column.align, value: cell.value };
}

/** "1,234.5", or with a percentage "85%". No locale data, so the same everywhere. */
export function formatValue(value: number, decimals: number, format: 'text' | 'number' | 'percentage'): string {
  const fixed = Math.abs(value).toFixed(decimals);
  const [whole, fraction] = fixed.split('.') as [string, string | undefined];
  const grouped = groupThousands(whole);
  const negative = value < 0 && Number(fixed) !== 0 ? '-' : '';
  return `${negative}${grouped}${fraction ? `.${fraction}` : ''}${format === 'percentage' ? '%' : ''}`;
}
