import type { IndicatorSeries, MonthFigure, PerformanceReport, RagLevel } from './performance.js';
import { RAG_LEVELS } from './performance.js';
import type { Rating } from '../domain/rag-scheme.js';
import { computedRatings, ratingCell, type RatingCell } from './rating-style.js';
import type { IndicatorData } from '../domain/types.js';
import { groupThousands, roundToTenth } from '../domain/numbers.js';
import { listWords } from '../domain/words.js';
import { tablePage } from './performance-pages.js';

/** What templates/fragments/performance.hbs receives; every figure is already formatted. */
export interface PerformanceReportView {
  /** "Financial year 2019-20: figures for April to November 2019." */
  period: string;
  /** Column headings for the months: "Apr" with "April 2019" for screen readers. */
  months: { short: string; long: string }[];
  /** How the RAG and the year's figure are worked out, in sentences. */
  key: string[];
  headline: {
    changes: { name: string; from: RatingCell; to: RatingCell; when: string }[];
    offTarget: { name: string; rating: RatingCell; value: string; target: string; month: string }[];
    noChanges?: string;
    noneOffTarget?: string;
  };
  groups: GroupView[];
  /** Set by board.yaml performance.wide_tables: the page rules for landscape tables are then printed. */
  readable?: boolean;
}

export interface GroupView {
  title: string;
  /** Printed on A4 landscape pages, and in type of `pt` points (both only with performance.wide_tables). */
  landscape?: boolean;
  pt?: number;
  caption: string;
  /** Markdown, rendered by the caller. */
  commentary?: string;
  rows: IndicatorRowView[];
  notes: { name: string; text: string }[];
}

export interface IndicatorRowView {
  name: string;
  unit: string;
  /** Twelve cells: the formatted figure, or the missing marker exactly as supplied ('' for none). */
  months: { text: string; missing: boolean }[];
  trend?: SparklineView;
  trendText: string;
  year: string;
  yearRule: string;
  target: string;
  /** When the target changes by month: which month's target is shown. */
  targetMonth?: string;
  rag?: RatingCell;
  /** The month the rating is for, e.g. "November 2019". */
  ragMonth?: string;
}

/** A tiny line chart of the months with figures; the text alternative is `IndicatorRowView.trendText`. */
export interface SparklineView {
  width: number;
  height: number;
  /** Each run of consecutive months with figures, as SVG polyline points; a lone month is a dot. */
  lines: string[];
  dots: { cx: number; cy: number }[];
  last: { cx: number; cy: number };
}

const MONTH_NAMES = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'];
const UNIT_WORDS: Record<IndicatorData['unit'], string> = { count: 'number', percentage: '%', 'rate-per-10000': 'rate per 10,000', days: 'days' };
const RULE_WORDS: Record<NonNullable<IndicatorData['average']>, string> = { mean: 'average', latest: 'latest', sum: 'total', ratio: 'overall', none: '' };

export function monthName(month: string): string {
  return `${MONTH_NAMES[Number(month.slice(5, 7)) - 1] ?? month}`;
}

/** "2019-11" → "November 2019". */
export function monthLong(month: string): string {
  return `${monthName(month)} ${month.slice(0, 4)}`;
}

/** 2084 → "2,084"; 93.125 with 1 decimal → "93.1". Without `decimals`, as many as the number has. */
export function formatFigure(value: number, decimals?: number): string {
  const fixed = decimals === undefined ? String(value) : value.toFixed(decimals);
  const [whole, fraction] = fixed.split('.') as [string, string | undefined];
  const sign = whole.startsWith('-') ? '-' : '';
  const grouped = groupThousands(whole.replace('-', ''));
  return `${sign}${grouped}${fraction !== undefined ? `.${fraction}` : ''}`;
}

export function performanceReportView(report: PerformanceReport, scheme: readonly Rating[], year: string): PerformanceReportView {
  const ratings = computedRatings(scheme).map(ratingCell);
  const ratingOf = (level: RagLevel) => ratings[RAG_LEVELS.indexOf(level)]!;
  const [red, amber, green] = ratings as [RatingCell, RatingCell, RatingCell];
  const first = report.months[0]!;
  const period = report.lastMonth
    ? `Financial year ${year}: figures for ${monthName(first)}${report.lastMonth === first ? '' : ` to ${monthName(report.lastMonth)}`} ${report.lastMonth.slice(0, 4)}.`
    : `Financial year ${year}: no figures yet.`;
  const decimalsOf = (s: IndicatorSeries) => s.indicator.decimals;
  const withUnit = (s: IndicatorSeries, v: number) => `${formatFigure(v, decimalsOf(s))}${s.indicator.unit === 'percentage' ? '%' : ''}`;

  return {
    period,
    months: report.months.map((m) => ({ short: monthName(m).slice(0, 3), long: monthLong(m) })),
    key: [
      `RAG is for the latest month with a figure: ${green.name} on or better than target; ${amber.name} worse than target by no more than the indicator's tolerance; ${red.name} beyond that. Indicators without a target, or where neither higher nor lower is better, have no rating.`,
      yearKey(report),
    ],
    headline: {
      changes: report.changes.map((c) => ({
        name: c.series.indicator.name,
        from: ratingOf(c.from),
        to: ratingOf(c.to),
        when: `${monthName(c.series.previous!.month)} to ${monthLong(c.series.latest!.month)}`,
      })),
      offTarget: report.offTarget.map((s) => ({
        name: s.indicator.name,
        rating: ratingOf(s.latest!.rag!),
        value: withUnit(s, s.latest!.value),
        target: withUnit(s, s.latest!.target!),
        month: monthLong(s.latest!.month),
      })),
      ...(report.changes.length === 0 ? { noChanges: 'No indicator’s rating changed since the month before.' } : {}),
      ...(report.offTarget.length === 0 ? { noneOffTarget: ratable(report) ? 'Every indicator with a target is on target.' : 'No indicator is rated: none has both a target and a direction (higher or lower is better).' } : {}),
    },
    ...(report.wideTables ? { readable: true } : {}),
    groups: sharedCommentaries(report.groups.map((g) => ({
      title: g.title,
      ...(report.wideTables ? tablePage(tableColumns(report, g.indicators.map((s) => rowView(s, ratingOf))), report.wideTables) : {}),
      caption: `${g.title}: figures by month for ${year}, trend, year to date, target and RAG`,
      ...(g.commentary ? { commentary: g.commentary } : {}),
      rows: g.indicators.map((s) => rowView(s, ratingOf)),
      notes: g.indicators.flatMap((s) => {
        const text = noteText(s);
        return text ? [{ name: s.indicator.name, text }] : [];
      }),
    })), report.groups),
  };
}

/**
 * A run of tables that share one commentary (each group after the first with continues: true):
 * the commentaries and notes of the run are printed once, after its last table.
 */
function sharedCommentaries(views: GroupView[], groups: readonly PerformanceReport['groups'][number][]): GroupView[] {
  if (!groups.some((g) => g.continues)) return views;
  const out: GroupView[] = [];
  views.forEach((view, i) => {
    const last = out.at(-1);
    if (groups[i]!.continues && last) {
      const commentary = [last.commentary, view.commentary].filter(Boolean).join('\n\n');
      const { commentary: _dropped, ...earlier } = last;
      out[out.length - 1] = { ...earlier, notes: [] };
      out.push({ ...view, ...(commentary ? { commentary } : {}), notes: [...last.notes, ...view.notes] });
    } else out.push(view);
  });
  return out;
}

/** How the year to date is made; the sentence on ratios only where an indicator has one. */
function yearKey(report: PerformanceReport): string {
  const ratio = report.groups.some((g) => g.indicators.some((s) => s.indicator.average === 'ratio'));
  return `The year to date is the average, the latest or the total of the months with a figure, as each indicator says${ratio ? ', or overall: the months’ numerators added up over their denominators added up' : ''}; a month without a figure is left out, never counted as zero, and is shown as supplied.`;
}

/** The text of each column after the indicator's, heading first, as the table prints them. */
function tableColumns(report: PerformanceReport, rows: readonly IndicatorRowView[]): string[][] {
  const months = report.months.map((m, i) => [monthName(m).slice(0, 3), ...rows.map((r) => r.months[i]?.text ?? '')]);
  return [
    ...months,
    ['Year to date', ...rows.map((r) => `${r.year}${r.yearRule ? ` ${r.yearRule}` : ''}`)],
    ['Target', ...rows.map((r) => `${r.target}${r.targetMonth ? ` (${r.targetMonth})` : ''}`)],
    ['RAG', ...rows.map((r) => r.rag?.name ?? '')],
  ];
}

/** Whether any indicator has what a rating needs: a target and a direction in which better lies. */
function ratable(report: PerformanceReport): boolean {
  return report.groups.some((g) => g.indicators.some((s) => s.indicator.polarity !== 'neither' && s.indicator.target !== undefined));
}

function rowView(s: IndicatorSeries, ratingOf: (level: RagLevel) => RatingCell): IndicatorRowView {
  const { indicator } = s;
  const format = (v: number) => formatFigure(v, indicator.decimals);
  const rule = indicator.average ?? 'mean';
  const targetMonth = s.latest?.month ?? [...s.months].reverse().find((m) => m.target !== undefined)?.month;
  const target = targetMonth ? s.months.find((m) => m.month === targetMonth)?.target : undefined;
  const varies = typeof indicator.target === 'object';
  const trend = sparkline(s.months);
  return {
    name: indicator.name,
    unit: UNIT_WORDS[indicator.unit],
    months: s.months.map((m) => (m.value !== undefined ? { text: format(m.value), missing: false } : { text: m.shown ?? '', missing: true })),
    ...(trend ? { trend } : {}),
    trendText: trendText(s.months, format),
    year: s.year !== undefined ? formatFigure(s.year, indicator.year_decimals ?? indicator.decimals ?? (rule === 'mean' || rule === 'ratio' ? 1 : undefined)) : '',
    yearRule: s.year !== undefined ? RULE_WORDS[rule] : '',
    target: target !== undefined ? format(target) : '',
    ...(varies && target !== undefined && targetMonth ? { targetMonth: monthName(targetMonth).slice(0, 3) } : {}),
    ...(s.latest?.rag ? { rag: ratingOf(s.latest.rag), ragMonth: monthLong(s.latest.month) } : {}),
  };
}

/** "Trend from April to November: rising from 88.0 to 93.0", with any months left out named. */
export function trendText(months: readonly MonthFigure[], format: (v: number) => string): string {
  const present = months.filter((m): m is MonthFigure & { value: number } => m.value !== undefined);
  const first = present[0];
  const last = present.at(-1);
  if (!first || !last) return 'No figures yet.';
  if (first === last) return `Only one month has a figure: ${monthName(first.month)}, ${format(first.value)}.`;
  const from = format(first.value);
  const to = format(last.value);
  const direction = last.value > first.value ? `rising from ${from} to ${to}` : last.value < first.value ? `falling from ${from} to ${to}` : `level at ${to}`;
  const between = months.slice(months.indexOf(first), months.indexOf(last) + 1);
  const gaps = between.filter((m) => m.value === undefined).map((m) => monthName(m.month));
  return `Trend from ${monthName(first.month)} to ${monthName(last.month)}: ${direction}${gaps.length ? ` (no figure for ${listWords(gaps)})` : ''}.`;
}

const SPARK = { width: 72, height: 20, pad: 2.5 };

/** Coordinates of a sparkline over the twelve months; none when fewer than one month has a figure. */
export function sparkline(months: readonly MonthFigure[]): SparklineView | undefined {
  const values = months.map((m) => m.value);
  const present = values.filter((v): v is number => v !== undefined);
  if (present.length === 0) return undefined;
  const min = Math.min(...present);
  const max = Math.max(...present);
  const step = (SPARK.width - 2 * SPARK.pad) / Math.max(1, months.length - 1);
  const point = (v: number, i: number) => ({
    cx: roundToTenth(SPARK.pad + i * step),
    cy: roundToTenth(max === min ? SPARK.height / 2 : SPARK.pad + ((max - v) / (max - min)) * (SPARK.height - 2 * SPARK.pad)),
  });
  const runs: { cx: number; cy: number }[][] = [];
  let run: { cx: number; cy: number }[] = [];
  values.forEach((v, i) => {
    if (v === undefined) {
      if (run.length) runs.push(run);
      run = [];
    } else run.push(point(v, i));
  });
  if (run.length) runs.push(run);
  const lastIndex = values.findLastIndex((v) => v !== undefined);
  return {
    width: SPARK.width,
    height: SPARK.height,
    lines: runs.filter((r) => r.length > 1).map((r) => r.map((p) => `${p.cx},${p.cy}`).join(' ')),
    dots: runs.filter((r) => r.length === 1).map((r) => r[0]!),
    last: point(values[lastIndex]!, lastIndex),
  };
}

function noteText(s: IndicatorSeries): string {
  const { indicator } = s;
  const parts: string[] = [];
  if (indicator.notes) parts.push(indicator.notes.trim());
  const polarity = { 'higher-is-better': 'Higher is better', 'lower-is-better': 'Lower is better', neither: '' }[indicator.polarity];
  const target =
    indicator.target === undefined
      ? ''
      : typeof indicator.target === 'number'
        ? `target ${formatFigure(indicator.target, indicator.decimals)}`
        : 'target set month by month';
  const tolerance = indicator.tolerance !== undefined && indicator.target !== undefined ? `tolerance ${formatFigure(indicator.tolerance)}` : '';
  const rule = [polarity, target, tolerance].filter(Boolean).join('; ');
  if (rule) parts.push(`${rule.charAt(0).toUpperCase()}${rule.slice(1)}.`);
  const c = indicator.comparators;
  const comparators = [
    c?.england !== undefined ? `England ${formatFigure(c.england, indicator.decimals)}` : '',
    c?.statistical_neighbours !== undefined ? `statistical neighbours ${formatFigure(c.statistical_neighbours, indicator.decimals)}` : '',
  ].filter(Boolean);
  if (comparators.length) parts.push(`Latest published comparators: ${comparators.join('; ')}.`);
  return parts.join(' ');
}
