import { parseFigure } from '../domain/figure-value.js';
import type { IndicatorData, IndicatorsData } from '../domain/types.js';
import { definitionFor, reportGroups, sheetParts, type SheetRow } from '../domain/sheet-indicators.js';
import { yearFigure, yearOfIndicator } from '../domain/year-figure.js';

/**
 * Performance indicators over a financial year, and their RAG. Pure: figures come in as the
 * cells of a figures CSV (see load/figure-table.ts), already validated.
 */

/** Worst first; printed with the board's first three rating names (Red, Amber, Green by default). */
export type RagLevel = 'red' | 'amber' | 'green';
export const RAG_LEVELS: readonly RagLevel[] = ['red', 'amber', 'green'];

// Targets and tolerances are decimals typed by people, so "90 - 5" is compared with a little
// slack for binary rounding (85.00000000000001 must still be 85).
const EPSILON = 1e-9;

/**
 * The RAG of one value, the same rule every month:
 *   higher-is-better: value ≥ target → green; value ≥ target − tolerance → amber; otherwise red.
 *   lower-is-better:  value ≤ target → green; value ≤ target + tolerance → amber; otherwise red.
 *   neither, or no target: no rating.
 * Tolerance is in the indicator's unit and defaults to 0 (then there is no amber).
 */
export function ragLevel(value: number, target: number | undefined, tolerance: number | undefined, polarity: IndicatorData['polarity']): RagLevel | undefined {
  if (target === undefined || polarity === 'neither') return undefined;
  const slack = Math.abs(tolerance ?? 0);
  const eps = EPSILON * Math.max(1, Math.abs(target));
  // How far the value is on the good side of target (negative: on the wrong side).
  const margin = polarity === 'higher-is-better' ? value - target : target - value;
  if (margin >= -eps) return 'green';
  if (margin >= -slack - eps) return 'amber';
  return 'red';
}

/** The target for a month (YYYY-MM): the single target, or that month's from a per-month target. */
export function targetFor(indicator: Pick<IndicatorData, 'target'>, month: string): number | undefined {
  const { target } = indicator;
  if (target === undefined || typeof target === 'number') return target;
  return target[month];
}

export { yearFigure } from '../domain/year-figure.js';

/** One month of an indicator. */
export interface MonthFigure {
  /** YYYY-MM. */
  month: string;
  /** As supplied (trimmed); undefined when the file has no cell for the month at all. */
  shown?: string;
  /** The figure, when the month has one. */
  value?: number;
  target?: number;
  rag?: RagLevel;
}

export interface IndicatorSeries {
  indicator: IndicatorData;
  /** The twelve months of the financial year, April first. */
  months: MonthFigure[];
  /** The latest month with a figure, and the one with a figure before it. */
  latest?: MonthFigure & { value: number };
  previous?: MonthFigure & { value: number };
  year?: number;
}

export interface PerformanceGroup {
  title: string;
  commentary?: string;
  /** A further table of the group before it: the run of tables shares one commentary. */
  continues?: boolean;
  indicators: IndicatorSeries[];
}

export interface RatingChange {
  series: IndicatorSeries;
  from: RagLevel;
  to: RagLevel;
}

/** board.yaml performance.wide_tables: how a table too wide for portrait at a readable size is printed. */
export type WideTables = 'shrink' | 'fit' | 'landscape';

export interface PerformanceReport {
  /** YYYY-MM, April to March. */
  months: string[];
  /** Left out for `shrink`, today's layout. */
  wideTables?: Exclude<WideTables, 'shrink'>;
  groups: PerformanceGroup[];
  /** The latest month any indicator has a figure for. */
  lastMonth?: string;
  /** Indicators whose rating in their latest month differs from the month with a figure before it. */
  changes: RatingChange[];
  /** Indicators rated amber or red in their latest month, worst first, then in report order. */
  offTarget: IndicatorSeries[];
}

/** A figure as supplied for one indicator in one month. */
export interface SuppliedFigure {
  indicator: string;
  month: string;
  raw: string;
}

export function indicatorSeries(indicator: IndicatorData, months: readonly string[], supplied: ReadonlyMap<string, string>): IndicatorSeries {
  const figures = months.map((month): MonthFigure => {
    const raw = supplied.get(month);
    const target = targetFor(indicator, month);
    const base = { month, ...(raw !== undefined ? { shown: raw.trim() } : {}), ...(target !== undefined ? { target } : {}) };
    const parsed = raw === undefined ? undefined : parseFigure(raw);
    if (parsed?.kind !== 'number') return base;
    const rag = ragLevel(parsed.value, target, indicator.tolerance, indicator.polarity);
    return { ...base, value: parsed.value, ...(rag ? { rag } : {}) };
  });
  const withValue = figures.filter((f): f is MonthFigure & { value: number } => f.value !== undefined);
  const latest = withValue.at(-1);
  const previous = withValue.at(-2);
  const year = yearFigure(figures.map((f) => f.value), indicator.average ?? 'mean');
  return {
    indicator,
    months: figures,
    ...(latest ? { latest } : {}),
    ...(previous ? { previous } : {}),
    ...(year !== undefined ? { year } : {}),
  };
}

/**
 * The report of a year: the indicators of indicators.yaml (when the board has one) filled in from
 * what a wide sheet's `rows` say, or the sheet's indicators alone. A sheet may name an indicator
 * by its id or its name.
 */
export function performanceReport(definitions: IndicatorsData | undefined, months: readonly string[], figures: readonly SuppliedFigure[], rows: readonly SheetRow[] = [], wideTables: WideTables = 'shrink'): PerformanceReport {
  const percentKeys = new Set(figures.filter((f) => { const v = parseFigure(f.raw); return v.kind === 'number' && v.percent; }).map((f) => f.indicator));
  const reportGroupsOf = reportGroups(definitions, rows, percentKeys);
  const all = definitions ? definitions.groups.flatMap((g) => g.indicators) : [];
  const idOf = (key: string) => (definitions ? definitionFor(key, all)?.id ?? key : key);
  const byIndicator = new Map<string, Map<string, string>>();
  for (const f of figures) {
    const id = idOf(f.indicator);
    const supplied = byIndicator.get(id) ?? new Map<string, string>();
    supplied.set(f.month, f.raw);
    byIndicator.set(id, supplied);
  }
  const groups = reportGroupsOf.map((g) => ({
    title: g.title,
    ...(g.commentary ? { commentary: g.commentary } : {}),
    ...(g.continues ? { continues: true } : {}),
    indicators: g.indicators.map((i) => indicatorSeries(i, months, byIndicator.get(i.id) ?? new Map())),
  }));
  const allSeries = groups.flatMap((g) => g.indicators);
  const rowById = new Map(rows.map((r) => [idOf(r.key), r] as const));
  const valuesOf = (id: string) => allSeries.find((s) => s.indicator.id === id)?.months.map((m) => m.value);
  for (const series of allSeries) {
    if (series.indicator.average !== 'ratio') continue;
    const year = yearOfIndicator(series.indicator, series.months.map((m) => m.value), valuesOf, sheetParts(rowById.get(series.indicator.id)));
    if (year !== undefined) series.year = year;
  }
  const lastMonth = allSeries.flatMap((s) => (s.latest ? [s.latest.month] : [])).sort().at(-1);
  const changes = allSeries.flatMap((series): RatingChange[] => {
    const from = series.previous?.rag;
    const to = series.latest?.rag;
    return from && to && from !== to ? [{ series, from, to }] : [];
  });
  const offTarget = allSeries
    .filter((s) => s.latest?.rag === 'red' || s.latest?.rag === 'amber')
    .sort((a, b) => RAG_LEVELS.indexOf(a.latest!.rag!) - RAG_LEVELS.indexOf(b.latest!.rag!));
  return { months: [...months], ...(wideTables !== 'shrink' ? { wideTables } : {}), groups, ...(lastMonth ? { lastMonth } : {}), changes, offTarget };
}
