import type { Problem } from '../../errors.js';
import type { TableSource } from '../../load/board-folder.js';
import { figureTable, financialYearMonths, type FigureCell } from '../../load/figure-table.js';
import { withSheetCells } from '../../load/xlsx-sheet.js';
import { definitionFinder, reportGroups, sheetParts, unitOfWord, UNIT_WORDS_KNOWN, type SheetCell, type SheetRow } from '../../domain/sheet-indicators.js';
import { yearOfIndicator } from '../../domain/year-figure.js';
import { roundAsPrinted } from '../../domain/numbers.js';
import type { IndicatorData, IndicatorsData } from '../../domain/types.js';
import { didYouMean } from '../did-you-mean.js';
import { parseFigure } from '../../domain/figure-value.js';
import type { YamlSource } from '../../load/source.js';
import { at, type RuleContext } from './context.js';

/** Indicator ids are unique; a ratio's numerator and denominator are both given, each another indicator. */
export function indicatorProblems(source: YamlSource): Problem[] {
  const problems: Problem[] = [];
  const seen = new Set<string>();
  const data = source.data as IndicatorsData;
  const ids = data.groups.flatMap((g) => g.indicators.map((i) => i.id));
  data.groups.forEach((group, g) =>
    group.indicators.forEach((indicator, i) => {
      const path = ['groups', g, 'indicators', i];
      if (seen.has(indicator.id)) {
        problems.push(at(source, [...path, 'id'], `indicator id '${indicator.id}' is used twice`, 'indicators/duplicate-id'));
      }
      seen.add(indicator.id);
      for (const [field, other] of [['numerator', 'denominator'], ['denominator', 'numerator']] as const) {
        const id = indicator[field];
        if (id === undefined) continue;
        if (indicator[other] === undefined) {
          problems.push(at(source, [...path, field], `'${indicator.id}' has a ${field} but no ${other}`, 'indicators/ratio', { hint: `A ratio is the numerator's months added up over the denominator's: give both, each an indicator's id.` }));
        } else if (!ids.includes(id) || id === indicator.id) {
          const guess = didYouMean(id, ids);
          problems.push(at(source, [...path, field], `${field} '${id}' is not another indicator in this file`, 'indicators/ratio', { hint: guess ? `Did you mean '${guess}'?` : `Give the id of the indicator whose monthly figures are the ${field}.` }));
        }
      }
    }),
  );
  return problems;
}

// Both figure rules read each file's table: made once per file.
const tables = new WeakMap<TableSource, ReturnType<typeof figureTable>>();
function tableOf(source: TableSource): ReturnType<typeof figureTable> {
  let table = tables.get(source);
  if (!table) tables.set(source, (table = figureTable(source)));
  return table;
}

/** Every figure: a month of the file's financial year, given once, with a value read exactly. */
export function figuresProblems(source: TableSource): Problem[] {
  const table = tableOf(source);
  const problems = [...table.problems];
  if (table.startYear === undefined) return problems;
  const months = financialYearMonths(table.startYear);
  const seen = new Map<string, number>();
  const place = (line: number, column: number) => ({ file: source.displayPath, line, column });

  for (const cell of table.cells) {
    const where = place(cell.line, cell.column);
    if (!cell.indicator) {
      // A wide row has a cell per month: the row is reported once.
      if (!problems.some((p) => p.rule === 'figures/no-indicator' && p.line === cell.line)) {
        problems.push({ severity: 'error', ...place(cell.line, 1), message: 'a row has no indicator', rule: 'figures/no-indicator' });
      }
      continue;
    }
    const monthPlace = place(cell.line, cell.monthColumn);
    if (!/^\d{4}-(0[1-9]|1[0-2])$/.test(cell.month)) {
      problems.push({ severity: 'error', ...monthPlace, message: `month '${cell.month}' must be written YYYY-MM, e.g. ${months[0]}`, rule: 'figures/month' });
      continue;
    }
    if (!months.includes(cell.month)) {
      problems.push({ severity: 'error', ...monthPlace, message: `month ${cell.month} is outside the financial year ${months[0]} to ${months[11]} of this file`, rule: 'figures/month-outside-year',
        hint: 'Put each year\'s figures in its own file, e.g. performance/2019-20.csv.' });
    }
    const key = `${cell.indicator}|${cell.month}`;
    if (seen.has(key)) {
      problems.push({ severity: 'error', ...where, message: `a second figure for '${cell.indicator}' in ${cell.month} (the first is on line ${seen.get(key)})`, rule: 'figures/duplicate' });
    }
    seen.set(key, cell.line);
    const value = parseFigure(cell.raw);
    if (value.kind === 'invalid') {
      problems.push({ severity: 'error', ...where, message: `'${cell.raw.trim()}' is not a figure: ${value.reason}`, rule: 'figures/value', ...(value.hint ? { hint: value.hint } : {}) });
    }
  }
  problems.push(...sheetColumnProblems(source, table.rows));
  return withSheetCells(source, problems);
}

/** A wide sheet's own columns: a unit cpb knows, targets and published figures that are numbers. */
function sheetColumnProblems(source: TableSource, rows: readonly SheetRow[]): Problem[] {
  const problems: Problem[] = [];
  const place = (cell: SheetCell) => ({ severity: 'error' as const, file: source.displayPath, line: cell.line, column: cell.column });
  const notANumber = (cell: SheetCell, what: string, rule: string) => {
    const value = parseFigure(cell.raw);
    if (value.kind === 'number') return;
    const reason = value.kind === 'invalid' ? value.reason : 'it is not a number';
    problems.push({ ...place(cell), message: `${what} '${cell.raw.trim()}' is not a figure: ${reason}`, rule, ...(value.kind === 'invalid' && value.hint ? { hint: value.hint } : {}) });
  };
  for (const row of rows) {
    if (row.unit && !unitOfWord(row.unit.raw)) {
      problems.push({ ...place(row.unit), message: `unit '${row.unit.raw.trim()}' is not one cpb knows`, rule: 'figures/unit-word', hint: `Write one of: ${UNIT_WORDS_KNOWN}.` });
    }
    if (row.target) notANumber(row.target, 'target', 'figures/target');
    for (const { cell } of row.monthTargets ?? []) notANumber(cell, 'target', 'figures/target');
    if (row.numerator) notANumber(row.numerator, 'numerator', 'figures/value');
    if (row.denominator) notANumber(row.denominator, 'denominator', 'figures/value');
    if (row.published && parseFigure(row.published.raw).kind === 'invalid') notANumber(row.published, `the published ${row.published.rule === 'sum' ? 'total' : 'average'}`, 'figures/value');
  }
  return problems;
}

/**
 * Every figure against its indicator: defined in indicators.yaml when the board has one (by id
 * or name), a percentage only where the indicator is measured as one, and a published average or
 * total the same as cpb's own (a warning). Needs indicators.yaml valid when there is one.
 */
export function figureIndicatorProblems(source: TableSource, indicators: IndicatorsData | undefined): Problem[] {
  const table = tableOf(source);
  const problems: Problem[] = [];
  const reported = new Set<string>();
  const percentKeys = new Set(table.cells.filter((c) => { const v = parseFigure(c.raw); return v.kind === 'number' && v.percent; }).map((c) => c.indicator));
  const resolved = reportGroups(indicators, table.rows, percentKeys).flatMap((g) => g.indicators);
  const definitions = new Map(resolved.map((i) => [i.id, i] as const));
  const all = indicators ? indicators.groups.flatMap((g) => g.indicators) : resolved;
  const find = definitionFinder(all);
  const lookup = (key: string) => {
    const found = find(key);
    return found ? definitions.get(found.id) : undefined;
  };
  for (const cell of table.cells) {
    if (!cell.indicator) continue;
    const definition = lookup(cell.indicator);
    if (!definition) {
      if (reported.has(cell.indicator)) continue;
      reported.add(cell.indicator);
      const guess = didYouMean(cell.indicator, all.map((d) => d.id));
      problems.push({ severity: 'error', file: source.displayPath, line: cell.line, column: 1, message: `indicator '${cell.indicator}' has no definition in performance/indicators.yaml`, rule: 'figures/unknown-indicator',
        hint: guess ? `Did you mean '${guess}'?` : 'Add it to performance/indicators.yaml, or correct the id.' });
      continue;
    }
    if (definition.unit === 'percentage') continue;
    const value = parseFigure(cell.raw);
    if (value.kind === 'number' && value.percent) {
      problems.push({ severity: 'error', file: source.displayPath, line: cell.line, column: cell.column, message: `'${cell.raw.trim()}' is a percentage, but '${definition.id}' is measured as ${definition.unit}`, rule: 'figures/unit',
        hint: 'Check the column, or the indicator\'s unit in indicators.yaml.' });
    }
  }
  const months = table.startYear === undefined ? [] : financialYearMonths(table.startYear);
  // Each indicator's cells, in the file's order, gathered once for every published figure.
  let cellsById: Map<string, FigureCell[]> | undefined;
  const valuesOf = (id: string) => {
    if (!cellsById) {
      cellsById = new Map();
      for (const c of table.cells) {
        const found = lookup(c.indicator)?.id;
        if (found === undefined) continue;
        const list = cellsById.get(found);
        if (list) list.push(c);
        else cellsById.set(found, [c]);
      }
    }
    const cells = cellsById.get(id) ?? [];
    return months.map((month) => {
      const v = parseFigure(cells.find((c) => c.month === month)?.raw ?? '');
      return v.kind === 'number' ? v.value : undefined;
    });
  };
  for (const row of table.rows) {
    const definition = lookup(row.key);
    if (!definition) continue;
    if (definition.average === 'ratio' && !(definition.numerator && definition.denominator) && !sheetParts(row)) {
      problems.push({ severity: 'error', file: source.displayPath, line: row.line, column: 1, message: `'${row.key}' is made a ratio, but neither indicators.yaml nor this sheet gives its numerator and denominator`, rule: 'figures/ratio',
        hint: 'Give numerator and denominator (two indicators\' ids) in indicators.yaml, or Numerator and Denominator columns in the sheet.' });
    }
    if (row.published) problems.push(...publishedFigureProblems(source, row, definition, valuesOf));
  }
  return withSheetCells(source, problems);
}

/** The published average or total beside the months against cpb's own, to the published figure's decimals. */
function publishedFigureProblems(source: TableSource, row: SheetRow, indicator: IndicatorData, valuesOf: (id: string) => (number | undefined)[]): Problem[] {
  const published = parseFigure(row.published!.raw);
  if (published.kind !== 'number') return [];
  const rule = indicator.average ?? 'mean';
  const own = yearOfIndicator(indicator, valuesOf(indicator.id), valuesOf, sheetParts(row));
  if (own === undefined) return [];
  const places = decimalPlaces(row.published!.raw);
  if (roundAsPrinted(own, places) === roundAsPrinted(published.value, places)) return [];
  const words = { mean: 'average', latest: 'latest', sum: 'total', ratio: 'overall figure', none: '' }[rule];
  return [{
    severity: 'warning', file: source.displayPath, line: row.published!.line, column: row.published!.column,
    message: `the published figure ${row.published!.raw.trim()} differs from cpb's ${words} of the months, ${own.toFixed(places)}`,
    rule: 'figures/published-year',
    hint: 'cpb prints its own figure. Check the months, or how the published figure was made (the indicator\'s average in indicators.yaml: mean, latest, sum or none).',
  }];
}

/** Decimal places written in a figure: "93.15%" → 2. */
function decimalPlaces(raw: string): number {
  return /\.(\d+)/.exec(raw)?.[1]?.length ?? 0;
}

/** The board's indicators.yaml data: none when it has no indicators.yaml. */
export function definedIndicators(ctx: RuleContext): IndicatorsData | undefined {
  return ctx.loaded.indicators?.data as IndicatorsData | undefined;
}
