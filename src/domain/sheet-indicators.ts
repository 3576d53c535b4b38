import type { IndicatorData, IndicatorsData } from './types.js';
import type { YearParts } from './year-figure.js';

/**
 * What a wide figures sheet says about each indicator besides its monthly figures: the columns
 * analysts keep next to the months (section, name, unit, the published average or total, notes,
 * target) and any target row under it. Read by load/figure-table.ts; merged with the definitions
 * of indicators.yaml here, the one place validate and model both take the report's indicators from.
 */

/** One cell as supplied, with where it stands (line and column, or for a workbook row and column). */
export interface SheetCell {
  raw: string;
  line: number;
  column: number;
}

export interface SheetRow {
  /** The indicator cell: an id or the indicator's name. */
  key: string;
  line: number;
  group?: string;
  name?: string;
  unit?: SheetCell;
  /** The published year figure; `rule` from its heading ("Average" → mean, "Total" → sum). */
  published?: SheetCell & { rule: 'mean' | 'sum' };
  notes?: string;
  target?: SheetCell;
  /** The year's numerator and denominator, when the sheet holds a percentage as its two sums. */
  numerator?: SheetCell;
  denominator?: SheetCell;
  /** From a "Target" row under the indicator's row: a target per month, YYYY-MM. */
  monthTargets?: { month: string; cell: SheetCell }[];
}

export interface ReportGroup {
  title: string;
  commentary?: string;
  /** A further table of the group before it: they share one commentary. */
  continues?: boolean;
  indicators: IndicatorData[];
}

/** What a figures sheet without indicators.yaml prints its single group under. */
export const UNGROUPED_TITLE = 'Indicators';

const UNIT_WORDS: Record<string, IndicatorData['unit']> = {
  count: 'count', number: 'count', no: 'count', 'no.': 'count', '#': 'count',
  percentage: 'percentage', percent: 'percentage', '%': 'percentage',
  'rate-per-10000': 'rate-per-10000', rate: 'rate-per-10000', 'rate per 10,000': 'rate-per-10000', 'rate per 10000': 'rate-per-10000', 'per 10,000': 'rate-per-10000',
  days: 'days', day: 'days',
};

/** A unit as an analyst writes it ("%", "No.", "Rate per 10,000", "days") as cpb's unit; undefined if unknown. */
export function unitOfWord(word: string): IndicatorData['unit'] | undefined {
  return UNIT_WORDS[word.trim().toLowerCase()];
}

/** The words unitOfWord knows, for a hint. */
export const UNIT_WORDS_KNOWN = '%, percentage, number, count, No., rate, rate per 10,000, days';

const fold = (s: string) => s.trim().replace(/\s+/g, ' ').toLowerCase();

/** Finds a sheet's indicator cell among the definitions: by id, else by name (case and spacing aside). */
export function definitionFor(key: string, definitions: readonly IndicatorData[]): IndicatorData | undefined {
  return definitions.find((d) => d.id === key.trim()) ?? definitions.find((d) => fold(d.name) === fold(key));
}

/**
 * definitionFor over the same definitions for many keys (every row or cell of a sheet): each
 * key's answer is worked out once, and the definitions are looked through by id and by name
 * once, not once per key. The first definition with the id, else with the name, as before.
 */
export function definitionFinder(definitions: readonly IndicatorData[]): (key: string) => IndicatorData | undefined {
  const byId = new Map<string, IndicatorData>();
  for (const d of definitions) if (!byId.has(d.id)) byId.set(d.id, d);
  // By name only when a key is not an id, as definitionFor folds the names only then.
  let byName: Map<string, IndicatorData> | undefined;
  const answers = new Map<string, IndicatorData | undefined>();
  return (key) => {
    if (answers.has(key)) return answers.get(key);
    let found = byId.get(key.trim());
    if (!found) {
      if (!byName) {
        byName = new Map();
        for (const d of definitions) {
          const name = fold(d.name);
          if (!byName.has(name)) byName.set(name, d);
        }
      }
      found = byName.get(fold(key));
    }
    answers.set(key, found);
    return found;
  };
}

/** A target (or numerator, denominator) cell's number; undefined when blank or not a plain number (validation reports those). */
function targetNumber(cell: SheetCell | undefined): number | undefined {
  const text = cell?.raw.trim().replace(/%$/, '').replaceAll(',', '') ?? '';
  return text !== '' && Number.isFinite(Number(text)) ? Number(text) : undefined;
}

/** A sheet row's Numerator and Denominator columns as the year's two sums, when both are numbers. */
export function sheetParts(row: SheetRow | undefined): YearParts | undefined {
  const numerator = targetNumber(row?.numerator);
  const denominator = targetNumber(row?.denominator);
  return numerator !== undefined && denominator !== undefined ? { numerator, denominator } : undefined;
}

/** The sheet's target for an indicator: a target row's months, else the target column. */
export function sheetTarget(row: SheetRow | undefined): IndicatorData['target'] {
  if (!row) return undefined;
  const byMonth = (row.monthTargets ?? []).flatMap(({ month, cell }) => {
    const n = targetNumber(cell);
    return n === undefined ? [] : [[month, n] as const];
  });
  if (byMonth.length > 0) return Object.fromEntries(byMonth);
  return targetNumber(row.target);
}

/**
 * The report's groups of indicators. With indicators.yaml, its groups and definitions, each
 * filled in from the sheet where the definition is silent (target, notes, the year rule of a
 * published average or total). Without it, the sheet alone: groups by its section column in the
 * order they first appear, names and units from its columns, and no polarity, so no rating.
 * `percentKeys` are the sheet's indicators with a figure written as a percentage.
 */
export function reportGroups(definitions: IndicatorsData | undefined, rows: readonly SheetRow[], percentKeys: ReadonlySet<string>): ReportGroup[] {
  if (definitions) {
    const find = definitionFinder(definitions.groups.flatMap((g) => g.indicators));
    const rowOf = new Map<string, SheetRow>();
    for (const row of rows) {
      const d = find(row.key);
      if (d && !rowOf.has(d.id)) rowOf.set(d.id, row);
    }
    return definitions.groups.map((g) => ({
      title: g.title,
      ...(g.commentary ? { commentary: g.commentary } : {}),
      ...(g.continues ? { continues: true } : {}),
      indicators: g.indicators.map((d) => withSheet(d, rowOf.get(d.id))),
    }));
  }
  const groups: ReportGroup[] = [];
  for (const row of rows) {
    const title = row.group?.trim() || UNGROUPED_TITLE;
    let group = groups.find((g) => g.title === title);
    if (!group) groups.push((group = { title, indicators: [] }));
    if (group.indicators.some((i) => i.id === row.key)) continue;
    const unit = (row.unit && unitOfWord(row.unit.raw)) ?? (percentKeys.has(row.key) ? 'percentage' : 'count');
    const target = sheetTarget(row);
    group.indicators.push({
      id: row.key,
      name: row.name?.trim() || row.key,
      unit,
      polarity: 'neither',
      ...(target !== undefined ? { target } : {}),
      ...(sheetParts(row) ? { average: 'ratio' as const } : row.published ? { average: row.published.rule } : {}),
      ...(row.notes?.trim() ? { notes: row.notes.trim() } : {}),
    });
  }
  return groups;
}

function withSheet(definition: IndicatorData, row: SheetRow | undefined): IndicatorData {
  if (!row) return definition;
  const target = definition.target ?? sheetTarget(row);
  const notes = definition.notes ?? (row.notes?.trim() || undefined);
  const average = definition.average ?? (sheetParts(row) ? 'ratio' : row.published?.rule);
  return {
    ...definition,
    ...(target !== undefined ? { target } : {}),
    ...(notes ? { notes } : {}),
    ...(average ? { average } : {}),
  };
}
