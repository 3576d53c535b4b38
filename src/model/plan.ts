import { basename } from 'node:path';
import type { AnySource } from '../load/board-folder.js';
import type { Rating } from '../domain/rag-scheme.js';
import { parseTimescale, type Timescale } from './timescale.js';
import type { PlanActionData, PlanData } from '../domain/types.js';
import { checkpointCell, checkpointOfColumn, ratingCell } from '../domain/plan-cells.js';

/**
 * A delivery plan in one shape whatever its source: a YAML plan (objectives → actions, or
 * objectives → areas of focus → actions) or a CSV plan (one row per action). Pure.
 */
export interface PlanAction {
  ref?: string;
  action: string;
  timescale?: Timescale;
  lead?: string;
  /** Current rating, a name from the board's scheme; none until the first review. */
  rag?: string;
  /** A short note printed under the current rating. */
  ragNote?: string;
  /** Earlier ratings by checkpoint (a review date, YYYY-MM-DD, or a label such as "Q2"); "" for none. */
  checkpoints: Record<string, string>;
  /** Short notes printed under a checkpoint's rating, by checkpoint. */
  checkpointNotes?: Record<string, string>;
  commentary?: string;
}

/** A group of an objective's actions: under an area of focus, or (without a title) directly under it. */
export interface PlanArea {
  title?: string;
  actions: PlanAction[];
}

export interface PlanObjective {
  ref?: string;
  title: string;
  aim?: string;
  how?: string;
  areas: PlanArea[];
}

export interface Plan {
  title: string;
  objectiveLabel?: string;
  /** Reviews, oldest first: dates (YYYY-MM-DD) or labels ("April 2019", "Q2"). */
  checkpoints: string[];
  /** board.yaml plans.unrated_word: what a cell with no rating says ("" for blank); unset, today's words. */
  unratedWord?: string;
  objectives: PlanObjective[];
}

export function planFromData(data: PlanData): Plan {
  return {
    title: data.title,
    ...(data.objective_label ? { objectiveLabel: data.objective_label } : {}),
    checkpoints: data.checkpoints ?? [],
    objectives: data.objectives.map((o) => ({
      ...(o.ref ? { ref: o.ref } : {}),
      title: o.title,
      ...(o.aim ? { aim: o.aim } : {}),
      ...(o.how ? { how: o.how } : {}),
      areas: [
        ...(o.actions?.length ? [{ actions: o.actions.map(actionOf) }] : []),
        ...(o.areas ?? []).map((a) => ({ title: a.title, actions: a.actions.map(actionOf) })),
      ],
    })),
  };
}

/**
 * A CSV plan, one row per action (cells keyed by column heading). Objectives are grouped in the
 * order they first appear, and areas within each objective likewise; rows without an area sit
 * directly under their objective.
 */
export function planFromRows(rows: readonly Readonly<Record<string, string | undefined>>[], title: string, header: readonly string[] = Object.keys(rows[0] ?? {})): Plan {
  const objectives: PlanObjective[] = [];
  // "RAG at Q2" columns, in the header's order, are the plan's checkpoints.
  const checkpointColumns = header.flatMap((heading) => {
    const checkpoint = checkpointOfColumn(heading);
    return checkpoint === undefined ? [] : [{ heading, checkpoint }];
  });
  for (const row of rows) {
    const cell = (name: string) => row[name]?.trim() || undefined;
    const objectiveTitle = cell('objective') ?? '';
    let objective = objectives.find((o) => o.title === objectiveTitle);
    if (!objective) objectives.push((objective = { title: objectiveTitle, areas: [] }));
    const areaTitle = cell('area');
    let area = objective.areas.find((a) => a.title === areaTitle);
    if (!area) objective.areas.push((area = { ...(areaTitle ? { title: areaTitle } : {}), actions: [] }));
    const timescale = cell('timescale');
    const lead = cell('lead');
    const ref = cell('ref');
    const rag = ratingCell(row['rag']);
    const commentary = cell('commentary');
    area.actions.push({
      ...(ref ? { ref } : {}),
      action: cell('action') ?? '',
      ...(timescale ? { timescale: parseTimescale(timescale) } : {}),
      ...(lead ? { lead } : {}),
      ...(rag.rating ? { rag: rag.rating } : {}),
      ...(rag.note ? { ragNote: rag.note } : {}),
      ...checkpointsOf(checkpointColumns.map(({ heading, checkpoint }) => [checkpoint, ratingCell(row[heading])])),
      ...(commentary ? { commentary } : {}),
    });
  }
  return { title, checkpoints: checkpointColumns.map((c) => c.checkpoint), objectives };
}

/** "delivery-plan-2022-24" → "Delivery plan 2022-24": a CSV plan's title from its file name. */
export function titleOfFileName(name: string): string {
  const words = name.replace(/\.[^.]*$/, '').replace(/[-_](?=\D)|(?<=\D)[-_]/g, ' ').trim();
  return words.charAt(0).toUpperCase() + words.slice(1);
}

function actionOf(a: PlanActionData): PlanAction {
  return {
    ...(a.ref ? { ref: a.ref } : {}),
    action: a.action,
    ...(a.timescale ? { timescale: parseTimescale(a.timescale) } : {}),
    ...(a.lead ? { lead: a.lead } : {}),
    ...(a.rag ? { rag: a.rag } : {}),
    ...(a.rag_note ? { ragNote: a.rag_note } : {}),
    ...checkpointsOf(Object.entries(a.checkpoints ?? {}).map(([key, cell]) => [key, checkpointCell(cell)] as const)),
    ...(a.commentary ? { commentary: a.commentary } : {}),
  };
}

/** An action's checkpoint cells, each read as a rating and a note, by checkpoint. */
function checkpointsOf(cells: readonly (readonly [string, { rating?: string; note?: string }])[]): Pick<PlanAction, 'checkpoints' | 'checkpointNotes'> {
  const checkpoints: Record<string, string> = {};
  const notes: Record<string, string> = {};
  for (const [key, { rating, note }] of cells) {
    if (rating) checkpoints[key] = rating;
    if (note) notes[key] = note;
  }
  return { checkpoints, ...(Object.keys(notes).length ? { checkpointNotes: notes } : {}) };
}

export function actionsOf(objective: PlanObjective): PlanAction[] {
  return objective.areas.flatMap((a) => a.actions);
}

/** Open: not rated with the scheme's completed rating (an unrated action is open). */
export function isOpen(action: PlanAction, completed: Rating | undefined): boolean {
  return completed === undefined || action.rag !== completed.name;
}

/** The plan with only its open actions; areas and objectives are kept even when left empty. */
export function openOnly(plan: Plan, completed: Rating | undefined): Plan {
  return {
    ...plan,
    objectives: plan.objectives.map((o) => ({
      ...o,
      areas: o.areas.map((a) => ({ ...a, actions: a.actions.filter((x) => isOpen(x, completed)) })),
    })),
  };
}

export interface RatingCounts {
  /** One count per rating of the scheme, in the scheme's order. */
  byRating: number[];
  /** Actions with no current rating (or one outside the scheme). */
  unrated: number;
  total: number;
}

export interface PlanSummary {
  objectives: { objective: PlanObjective; counts: RatingCounts }[];
  totals: RatingCounts;
  /** Whether any action has a current rating. */
  anyRated: boolean;
}

/** Counts of actions by current rating, per objective and in all. */
export function planSummary(plan: Plan, scheme: readonly Rating[]): PlanSummary {
  const names = scheme.map((r) => r.name);
  const count = (actions: PlanAction[]): RatingCounts => {
    const byRating = names.map((name) => actions.filter((a) => a.rag === name).length);
    const rated = byRating.reduce((a, b) => a + b, 0);
    return { byRating, unrated: actions.length - rated, total: actions.length };
  };
  const objectives = plan.objectives.map((objective) => ({ objective, counts: count(actionsOf(objective)) }));
  const totals = count(plan.objectives.flatMap(actionsOf));
  return { objectives, totals, anyRated: totals.unrated < totals.total };
}

/** A YAML plan as it is; a CSV plan's rows grouped into the same shape. */
export function planOf(source: AnySource): Plan {
  if ('doc' in source) return planFromData(source.data as PlanData);
  return planFromRows(source.rows.map((r) => r.cells), titleOfFileName(basename(source.path)), source.header);
}
