import { shortDate } from '../domain/dates.js';
import { actionsOf, isOpen, openOnly, planSummary, type Plan, type PlanAction, type PlanSummary, type RatingCounts } from './plan.js';
import type { Rating } from '../domain/rag-scheme.js';
import { completedRating, ratingCell, type RatingCell } from './rating-style.js';
import { roundToTenth } from '../domain/numbers.js';
import { plural } from '../domain/words.js';

/** What templates/fragments/plan.hbs receives. Every number and coordinate is worked out here. */
export interface PlanReportView {
  title: string;
  /** Which actions the tables list, in a sentence. */
  showing: string;
  summary: PlanSummaryView;
  objectives: ObjectiveView[];
}

export interface PlanSummaryView {
  /** Whether any action has a rating yet; without, `noRatings` is said instead of a chart. */
  rated: boolean;
  noRatings?: string;
  caption: string;
  /** Column headings after the objective: one per rating (with its colour), then any unrated, then the total. */
  columns: { label: string; meaning?: string; rating?: RatingCell }[];
  /** Heading of the last column: "Total", or "Actions" when there are no ratings to count. */
  totalLabel: string;
  rows: { label: string; cells: number[]; total: number }[];
  totals: { cells: number[]; total: number };
  chart?: ChartView;
}

/** A horizontal stacked bar chart, one bar per objective, in SVG user units. */
export interface ChartView {
  width: number;
  height: number;
  /** The text alternative: what the chart shows, counts included. */
  label: string;
  labelX: number;
  bars: {
    label: string;
    y: number;
    height: number;
    textY: number;
    segments: { x: number; width: number; fill: string; textColour: string; textX: number; count: number; showCount: boolean; name: string }[];
    totalX: number;
    total: number;
  }[];
  legend: { x: number; y: number; size: number; textX: number; textY: number; fill: string; label: string }[];
}

export interface ObjectiveView {
  heading: string;
  aim?: string;
  how?: string;
  /** "12 open actions of 34", or "34 actions". */
  count: string;
  empty?: string;
  groups: { area?: string; caption: string; actions: ActionView[] }[];
}

export interface ActionView {
  ref: string;
  action: string;
  timescale: string;
  /** YYYY-MM-DD when the timescale names a date, for <time datetime>. */
  by?: string;
  ongoing: boolean;
  /** The timescale's date is before the meeting and the action is not completed. */
  pastTimescale: boolean;
  lead: string;
  rag?: RatingCell;
  /** A short note under the current rating. */
  ragNote?: string;
  /** One per plan checkpoint, in the plan's order. */
  checkpoints: { rating?: RatingCell; note?: string }[];
  commentary?: string;
  /** The action's text holds a list (lines starting "- ", "* " or "1. "): rendered as Markdown by the caller, nesting kept. */
  hasList?: boolean;
}

export interface PlanViewOptions {
  show: 'open' | 'all';
  /** The meeting's date, YYYY-MM-DD: timescales before it are past. */
  asOf: string;
}

export interface PlanTableView {
  /** Headings of the checkpoint columns, e.g. "17 September 2019". */
  checkpointHeadings: string[];
  objectiveLabel: string;
  /** Whether any action names a lead (otherwise the column is left out). */
  leadColumn: boolean;
  /** What a cell without a rating says: the current RAG's and a checkpoint's (board.yaml plans.unrated_word). */
  unratedCurrent: string;
  unratedCheckpoint: string;
}

export function planReportView(plan: Plan, scheme: readonly Rating[], options: PlanViewOptions): PlanReportView & PlanTableView {
  const completed = completedRating(scheme);
  const label = plan.objectiveLabel ?? 'Objective';
  const shown = options.show === 'open' ? openOnly(plan, completed) : plan;
  const cells = new Map(scheme.map((r) => [r.name, ratingCell(r)]));
  const cellOf = (name: string | undefined) => (name === undefined ? undefined : cells.get(name) ?? ratingCell({ name, meaning: '' }));
  const showing =
    options.show === 'open'
      ? completed
        ? `Open actions only: every action not rated ${completed.name} (${completed.meaning}).`
        : 'Open actions only: the board’s RAG scheme has no rating for completed actions, so every action is listed.'
      : 'All actions, open and completed.';

  return {
    title: plan.title,
    showing,
    objectiveLabel: label,
    checkpointHeadings: plan.checkpoints.map((c) => (/^\d{4}-\d{2}-\d{2}$/.test(c) ? `RAG at ${shortDate(c)}` : c)),
    unratedCurrent: plan.unratedWord ?? 'Not yet rated',
    unratedCheckpoint: plan.unratedWord ?? '–',
    leadColumn: plan.objectives.some((o) => actionsOf(o).some((a) => a.lead !== undefined)),
    summary: summaryView(plan, scheme, label),
    objectives: shown.objectives.map((objective, i) => {
      const all = actionsOf(plan.objectives[i]!);
      const listed = actionsOf(objective);
      const heading = objectiveHeading(label, objective.ref, objective.title);
      return {
        heading,
        ...(objective.aim ? { aim: objective.aim } : {}),
        ...(objective.how ? { how: objective.how } : {}),
        count: options.show === 'open' ? `${plural(listed.length, 'open action')} of ${all.length}` : plural(all.length, 'action'),
        ...(listed.length === 0 ? { empty: options.show === 'open' ? 'No open actions.' : 'No actions.' } : {}),
        groups: objective.areas
          .filter((a) => a.actions.length > 0)
          .map((area) => ({
            ...(area.title ? { area: area.title } : {}),
            caption: area.title ? `Actions for ${heading}, area of focus: ${area.title}` : `Actions for ${heading}`,
            actions: area.actions.map((a) => actionView(a, plan.checkpoints, cellOf, completed, options.asOf)),
          })),
      };
    }),
  };
}

function actionView(
  a: PlanAction,
  checkpoints: string[],
  cellOf: (name: string | undefined) => RatingCell | undefined,
  completed: Rating | undefined,
  asOf: string,
): ActionView {
  const rag = cellOf(a.rag);
  return {
    ref: a.ref ?? '',
    action: a.action,
    timescale: a.timescale?.text ?? '',
    ...(a.timescale?.by ? { by: a.timescale.by } : {}),
    ongoing: a.timescale?.ongoing ?? false,
    pastTimescale: a.timescale?.by !== undefined && a.timescale.by < asOf && isOpen(a, completed),
    lead: a.lead ?? '',
    ...(rag ? { rag } : {}),
    ...(a.ragNote ? { ragNote: a.ragNote } : {}),
    checkpoints: checkpoints.map((key) => {
      const rating = cellOf(a.checkpoints[key]);
      const note = a.checkpointNotes?.[key];
      return { ...(rating ? { rating } : {}), ...(note ? { note } : {}) };
    }),
    ...(a.commentary ? { commentary: a.commentary } : {}),
    ...(/\n\s*([-*]|\d+\.)\s/.test(`\n${a.action}`) ? { hasList: true } : {}),
  };
}

/** "Objective 1: Title", or the title alone when the objective has no reference. */
export function objectiveHeading(label: string, ref: string | undefined, title: string): string {
  return ref ? `${label} ${ref}: ${title}` : title;
}

/** The summary table's and chart's name for an objective: short, unique in practice. */
function shortLabel(label: string, ref: string | undefined, title: string): string {
  return ref ? `${label} ${ref}` : title;
}

function summaryView(plan: Plan, scheme: readonly Rating[], label: string): PlanSummaryView {
  const summary = planSummary(plan, scheme);
  const ratings = scheme.map(ratingCell);
  // Without any rating, a "not yet rated" column would only repeat the total.
  const withUnrated = summary.anyRated && summary.totals.unrated > 0;
  const cellsOf = (c: RatingCounts) => [...(summary.anyRated ? c.byRating : []), ...(withUnrated ? [c.unrated] : [])];
  const columns: PlanSummaryView['columns'] = [
    ...(summary.anyRated ? ratings.map((r) => ({ label: r.name, meaning: r.meaning, rating: r })) : []),
    ...(withUnrated ? [{ label: 'Not yet rated' }] : []),
  ];
  const total = summary.totals.total;
  return {
    rated: summary.anyRated,
    ...(summary.anyRated
      ? {}
      : { noRatings: `No ratings have been given yet: none of the plan's ${plural(total, 'action')} has a RAG rating.` }),
    caption: summary.anyRated
      ? `Every action in the plan by its current rating, per ${label.toLowerCase()}`
      : `Actions in the plan, per ${label.toLowerCase()}`,
    columns,
    totalLabel: summary.anyRated ? 'Total' : 'Actions',
    rows: summary.objectives.map(({ objective, counts }) => ({
      label: objectiveHeading(label, objective.ref, objective.title),
      cells: cellsOf(counts),
      total: counts.total,
    })),
    totals: { cells: cellsOf(summary.totals), total },
    ...(summary.anyRated ? { chart: chartView(summary, ratings, label) } : {}),
  };
}

const CHART = { width: 640, labelWidth: 150, barArea: 420, row: 26, bar: 18, legendRow: 22, swatch: 12, minCountWidth: 16 };

/** Geometry of the stacked bar chart of the summary, and its text alternative. */
export function chartView(summary: PlanSummary, ratings: readonly RatingCell[], label: string): ChartView {
  const max = Math.max(1, ...summary.objectives.map((o) => o.counts.total - o.counts.unrated));
  const scale = CHART.barArea / max;
  const x0 = CHART.labelWidth + 8;
  const bars = summary.objectives.map(({ objective, counts }, i) => {
    const y = 4 + i * CHART.row;
    let x = x0;
    const segments = counts.byRating.flatMap((count, r) => {
      if (count === 0) return [];
      const rating = ratings[r]!;
      const width = roundToTenth(count * scale);
      const segment = {
        x: roundToTenth(x),
        width,
        fill: rating.background,
        textColour: rating.colour,
        textX: roundToTenth(x + width / 2),
        count,
        showCount: width >= CHART.minCountWidth,
        name: rating.name,
      };
      x += width;
      return [segment];
    });
    const rated = counts.total - counts.unrated;
    return {
      label: truncate(shortLabel(label, objective.ref, objective.title), 24),
      y,
      height: CHART.bar,
      textY: y + CHART.bar / 2 + 4,
      segments,
      totalX: roundToTenth(x + 4),
      total: rated,
    };
  });
  // The legend runs left to right from the chart's left edge, wrapping onto a new row when full.
  const legendTop = 4 + bars.length * CHART.row + 8;
  let lx = 0;
  let row = 0;
  const legend = ratings.map((r) => {
    const text = `${r.name} (${r.meaning})`;
    const width = CHART.swatch + 4 + text.length * 6.5 + 14;
    if (lx > 0 && lx + width > CHART.width) {
      lx = 0;
      row += 1;
    }
    const y = legendTop + row * CHART.legendRow;
    const item = { x: lx, y, size: CHART.swatch, textX: lx + CHART.swatch + 4, textY: y + CHART.swatch - 2, fill: r.background, label: text };
    lx += width;
    return item;
  });
  const legendY = legendTop + row * CHART.legendRow;
  const described = summary.objectives
    .map(({ objective, counts }) => {
      const parts = counts.byRating.flatMap((n, r) => (n > 0 ? [`${n} ${ratings[r]!.name}`] : []));
      if (counts.unrated > 0) parts.push(`${counts.unrated} not yet rated`);
      return `${shortLabel(label, objective.ref, objective.title)}: ${parts.length ? parts.join(', ') : 'no actions'}`;
    })
    .join('; ');
  return {
    width: CHART.width,
    height: legendY + CHART.legendRow,
    label: `Bar chart of actions by current rating for each ${label.toLowerCase()}. ${described}.`,
    labelX: CHART.labelWidth,
    bars,
    legend,
  };
}

function truncate(text: string, max: number): string {
  return text.length <= max ? text : `${text.slice(0, max - 1).trimEnd()}…`;
}

