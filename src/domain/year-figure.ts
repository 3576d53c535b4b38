import type { IndicatorData } from './types.js';

type Values = readonly (number | undefined)[];

/**
 * The year's figure from the months that have one (missing months are skipped, never zero):
 * mean of them, the latest of them, their sum, or none. Undefined when no month has a figure.
 * A ratio needs two other series: see yearOfIndicator.
 */
export function yearFigure(values: Values, rule: NonNullable<IndicatorData['average']>): number | undefined {
  const present = values.filter((v): v is number => v !== undefined);
  if (present.length === 0 || rule === 'none' || rule === 'ratio') return undefined;
  switch (rule) {
    case 'mean':
      return present.reduce((a, b) => a + b, 0) / present.length;
    case 'latest':
      return present.at(-1);
    case 'sum':
      return present.reduce((a, b) => a + b, 0);
  }
}

/** A numerator's and a denominator's sums for the year. */
export interface YearParts {
  numerator: number;
  denominator: number;
}

/** The sums of two monthly series over the months where both have a figure. */
export function sumsOfBoth(numerators: Values, denominators: Values): YearParts | undefined {
  let numerator = 0;
  let denominator = 0;
  let months = 0;
  numerators.forEach((n, i) => {
    const d = denominators[i];
    if (n === undefined || d === undefined) return;
    numerator += n;
    denominator += d;
    months++;
  });
  return months > 0 ? { numerator, denominator } : undefined;
}

/**
 * An indicator's year figure by its rule. A ratio is the numerator indicator's months over the
 * denominator indicator's (those months where both have a figure), or the sheet's own two sums
 * (`sheetParts`); times 100 for a percentage. So 45 of 50 and 40 of 40 make 85 of 90, 94.4%,
 * where the mean of 90% and 100% would say 95%.
 */
export function yearOfIndicator(indicator: IndicatorData, values: Values, valuesOf: (id: string) => Values | undefined, sheetParts?: YearParts): number | undefined {
  const rule = indicator.average ?? 'mean';
  if (rule !== 'ratio') return yearFigure(values, rule);
  const numerators = indicator.numerator ? valuesOf(indicator.numerator) : undefined;
  const denominators = indicator.denominator ? valuesOf(indicator.denominator) : undefined;
  const parts = numerators && denominators ? sumsOfBoth(numerators, denominators) : sheetParts;
  if (!parts || parts.denominator === 0) return undefined;
  return (parts.numerator / parts.denominator) * (indicator.unit === 'percentage' ? 100 : 1);
}
