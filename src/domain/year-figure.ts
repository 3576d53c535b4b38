import type { IndicatorData } from './types.js';

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
