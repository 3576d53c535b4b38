import type { Problem } from '../../errors.js';
import type { TableSource } from '../../load/board-folder.js';
import { figureTable, financialYearMonths } from '../../load/figure-table.js';
import type { IndicatorData, IndicatorsData } from '../../domain/types.js';
import { didYouMean } from '../did-you-mean.js';
import { parseFigure } from '../../domain/figure-value.js';
import type { YamlSource } from '../../load/source.js';
import { at, type RuleContext } from './context.js';

/** Indicator ids are unique; targets by month fall inside some year's figures. */
export function indicatorProblems(source: YamlSource): Problem[] {
  const problems: Problem[] = [];
  const seen = new Set<string>();
  (source.data as IndicatorsData).groups.forEach((group, g) =>
    group.indicators.forEach((indicator, i) => {
      if (seen.has(indicator.id)) {
        problems.push(at(source, ['groups', g, 'indicators', i, 'id'], `indicator id '${indicator.id}' is used twice`, 'indicators/duplicate-id'));
      }
      seen.add(indicator.id);
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
      problems.push({ severity: 'error', ...place(cell.line, 1), message: 'a row has no indicator', rule: 'figures/no-indicator' });
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
  return problems;
}

/**
 * Every figure against its indicator in indicators.yaml: defined, and a percentage only where the
 * indicator is measured as one. Needs indicators.yaml valid (`definitions` is empty without it).
 */
export function figureIndicatorProblems(source: TableSource, definitions: ReadonlyMap<string, IndicatorData>): Problem[] {
  const table = tableOf(source);
  const problems: Problem[] = [];
  const reported = new Set<string>();
  for (const cell of table.cells) {
    if (!cell.indicator) continue;
    const definition = definitions.get(cell.indicator);
    if (!definition) {
      if (reported.has(cell.indicator)) continue;
      reported.add(cell.indicator);
      const guess = didYouMean(cell.indicator, [...definitions.keys()]);
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
  return problems;
}

/** The board's indicators by id: none when it has no indicators.yaml. */
export function definedIndicators(ctx: RuleContext): Map<string, IndicatorData> {
  const data = ctx.loaded.indicators?.data as IndicatorsData | undefined;
  return new Map((data?.groups ?? []).flatMap((g) => g.indicators.map((i) => [i.id, i] as const)));
}
