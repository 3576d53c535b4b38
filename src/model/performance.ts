import { parseFigure } from '../domain/figure-value.js';
import type { IndicatorData, IndicatorsData } from '../domain/types.js';

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

/**
 * The year's figure from the months that have one (missing months are skipped, never zero):
 * mean of them, the latest of them, their sum, or none. Undefined when no month has a figure.
 */
export function yearFigure(values: readonly (number | undefined)[], rule: NonNullable<IndicatorData['average']>): number | undefined {
  const present = values.filter((v): v is number => v !== undefined);
  if (present.length === 0 || rule === 'none') return undefined;
  switch (rule) {
    case 'mean':
      return present.reduce((a, b) => a + b, 0) / present.length;
    case 'latest':
      return present.at(-1);
    case 'sum':
      return present.reduce((a, b) => a + b, 0);
  }
}

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
  indicators: IndicatorSeries[];
}

export interface RatingChange {
  series: IndicatorSeries;
  from: RagLevel;
  to: RagLevel;
}

export interface PerformanceReport {
  /** YYYY-MM, April to March. */
  months: string[];
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

export function performanceReport(data: IndicatorsData, months: readonly string[], figures: readonly SuppliedFigure[]): PerformanceReport {
  const byIndicator = new Map<string, Map<string, string>>();
  for (const f of figures) {
    const supplied = byIndicator.get(f.indicator) ?? new Map<string, string>();
    supplied.set(f.month, f.raw);
    byIndicator.set(f.indicator, supplied);
  }
  const groups = data.groups.map((g) => ({
    title: g.title,
    ...(g.commentary ? { commentary: g.commentary } : {}),
    indicators: g.indicators.map((i) => indicatorSeries(i, months, byIndicator.get(i.id) ?? new Map())),
  }));
  const all = groups.flatMap((g) => g.indicators);
  const lastMonth = all.flatMap((s) => (s.latest ? [s.latest.month] : [])).sort().at(-1);
  const changes = all.flatMap((series): RatingChange[] => {
    const from = series.previous?.rag;
    const to = series.latest?.rag;
    return from && to && from !== to ? [{ series, from, to }] : [];
  });
  const offTarget = all
    .filter((s) => s.latest?.rag === 'red' || s.latest?.rag === 'amber')
    .sort((a, b) => RAG_LEVELS.indexOf(a.latest!.rag!) - RAG_LEVELS.indexOf(b.latest!.rag!));
  return { months: [...months], groups, ...(lastMonth ? { lastMonth } : {}), changes, offTarget };
}
