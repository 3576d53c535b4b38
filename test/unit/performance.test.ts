import { describe, expect, it } from 'vitest';
import { financialYearMonths } from '../../src/load/figure-table.js';
import { indicatorSeries, performanceReport, ragLevel, targetFor, yearFigure, type RagLevel } from '../../src/model/performance.js';
import { formatFigure, performanceReportView, sparkline, trendText } from '../../src/model/performance-view.js';
import { DEFAULT_RAG } from '../../src/domain/rag-scheme.js';
import type { IndicatorData } from '../../src/domain/types.js';

const MONTHS = financialYearMonths(2019);

function indicator(over: Partial<IndicatorData> = {}): IndicatorData {
  return { id: 'x', name: 'Indicator X', unit: 'percentage', polarity: 'higher-is-better', ...over };
}

describe('the RAG of a value against its target and tolerance', () => {
  // Target 90, tolerance 5: on or above 90 is Green, 85 up to 90 Amber, below 85 Red.
  const higher: [number, RagLevel][] = [
    [100, 'green'],
    [90.1, 'green'],
    [90, 'green'],
    [89.9, 'amber'],
    [85.1, 'amber'],
    [85, 'amber'],
    [84.9, 'red'],
    [0, 'red'],
  ];
  it.each(higher)('higher is better: %d → %s', (value, level) => {
    expect(ragLevel(value, 90, 5, 'higher-is-better')).toBe(level);
  });

  // Target 10, tolerance 1, lower is better: up to 10 is Green, over 10 up to 11 Amber, over 11 Red.
  const lower: [number, RagLevel][] = [
    [0, 'green'],
    [9.9, 'green'],
    [10, 'green'],
    [10.1, 'amber'],
    [10.9, 'amber'],
    [11, 'amber'],
    [11.1, 'red'],
    [50, 'red'],
  ];
  it.each(lower)('lower is better: %d → %s', (value, level) => {
    expect(ragLevel(value, 10, 1, 'lower-is-better')).toBe(level);
  });

  it('gives no rating when neither direction is better, or there is no target', () => {
    expect(ragLevel(50, 90, 5, 'neither')).toBeUndefined();
    expect(ragLevel(95, undefined, 5, 'higher-is-better')).toBeUndefined();
    expect(ragLevel(5, undefined, undefined, 'lower-is-better')).toBeUndefined();
  });

  it('has no Amber without a tolerance', () => {
    expect(ragLevel(90, 90, undefined, 'higher-is-better')).toBe('green');
    expect(ragLevel(89.99, 90, undefined, 'higher-is-better')).toBe('red');
    expect(ragLevel(10.01, 10, 0, 'lower-is-better')).toBe('red');
  });

  it('treats the edges exactly, despite decimal fractions in binary', () => {
    // 0.7 - 0.9 is -0.20000000000000007 in floating point; it is still exactly the tolerance.
    expect(ragLevel(0.7, 0.9, 0.2, 'higher-is-better')).toBe('amber');
    expect(ragLevel(0.3, 0.1, 0.2, 'lower-is-better')).toBe('amber');
    expect(ragLevel(92, 95, 3, 'higher-is-better')).toBe('amber');
    expect(ragLevel(91.9, 95, 3, 'higher-is-better')).toBe('red');
  });

  it('uses each month\'s own target when targets are given by month', () => {
    const stepped = indicator({ target: { '2019-04': 85, '2019-10': 90 }, tolerance: 5 });
    expect(targetFor(stepped, '2019-04')).toBe(85);
    expect(targetFor(stepped, '2019-10')).toBe(90);
    expect(targetFor(stepped, '2019-05')).toBeUndefined();
    expect(targetFor(indicator({ target: 95 }), '2019-05')).toBe(95);

    // 86 meets April's target of 85 but is within tolerance of October's 90; 84.9 is Red in October.
    const series = indicatorSeries(stepped, MONTHS, new Map([['2019-04', '86'], ['2019-05', '86'], ['2019-10', '86'], ['2019-11', '84.9']]));
    expect(series.months.map((m) => m.rag)).toEqual(['green', undefined, undefined, undefined, undefined, undefined, 'amber', undefined, undefined, undefined, undefined, undefined]);
    const nov = indicatorSeries({ ...stepped, target: { ...(stepped.target as Record<string, number>), '2019-11': 90 } }, MONTHS, new Map([['2019-11', '84.9']]));
    expect(nov.latest?.rag).toBe('red');
  });
});

describe('the year\'s figure', () => {
  it('averages only the months that have a figure', () => {
    expect(yearFigure([10, undefined, 20, undefined], 'mean')).toBe(15);
    expect(yearFigure([1, 2, 3, 4], 'mean')).toBe(2.5);
  });

  it('takes the latest month that has a figure', () => {
    expect(yearFigure([5, 7, undefined, undefined], 'latest')).toBe(7);
    expect(yearFigure([5, undefined, 6], 'latest')).toBe(6);
  });

  it('adds up the months that have a figure', () => {
    expect(yearFigure([9, undefined, 12, 8], 'sum')).toBe(29);
  });

  it('gives none by rule "none", or when no month has a figure', () => {
    expect(yearFigure([1, 2], 'none')).toBeUndefined();
    expect(yearFigure([undefined, undefined], 'mean')).toBeUndefined();
    expect(yearFigure([], 'sum')).toBeUndefined();
  });

  it('reads the figures as supplied, skipping "N/A", "-" and blanks rather than counting them as zero', () => {
    const supplied = new Map([['2019-04', '90'], ['2019-05', 'N/A'], ['2019-06', '-'], ['2019-07', ''], ['2019-08', '1,000'], ['2019-09', '95.5%']]);
    const mean = indicatorSeries(indicator({ unit: 'count' }), MONTHS, supplied);
    expect(mean.year).toBeCloseTo((90 + 1000 + 95.5) / 3, 10);
    expect(mean.months.slice(0, 7).map((m) => m.shown)).toEqual(['90', 'N/A', '-', '', '1,000', '95.5%', undefined]);
    expect(mean.months[1]!.value).toBeUndefined();
    expect(mean.latest?.month).toBe('2019-09');
    expect(mean.previous?.month).toBe('2019-08');
    expect(indicatorSeries(indicator({ average: 'latest' }), MONTHS, new Map([['2019-04', '90'], ['2019-05', 'N/A']])).year).toBe(90);
  });
});

describe('the report', () => {
  const data = {
    groups: [
      {
        title: 'Group one',
        indicators: [
          indicator({ id: 'visits', name: 'Visits', target: 95, tolerance: 3 }), // Green → Amber
          indicator({ id: 'moves', name: 'Moves', polarity: 'lower-is-better', target: 10, tolerance: 1 }), // Red all along
          indicator({ id: 'count', name: 'Count', unit: 'count', polarity: 'neither', average: 'sum' }),
        ],
      },
    ],
  };
  const figures = [
    { indicator: 'visits', month: '2019-04', raw: '96' },
    { indicator: 'visits', month: '2019-05', raw: 'N/A' },
    { indicator: 'visits', month: '2019-06', raw: '94' },
    { indicator: 'moves', month: '2019-04', raw: '12' },
    { indicator: 'moves', month: '2019-05', raw: '12.5' },
    { indicator: 'count', month: '2019-04', raw: '3' },
    { indicator: 'count', month: '2019-05', raw: '4' },
  ];
  const report = performanceReport(data, MONTHS, figures);

  it('lists the ratings changed since the previous month with a figure, and those off target', () => {
    expect(report.lastMonth).toBe('2019-06');
    expect(report.changes.map((c) => [c.series.indicator.id, c.from, c.to])).toEqual([['visits', 'green', 'amber']]);
    expect(report.offTarget.map((s) => s.indicator.id)).toEqual(['moves', 'visits']);
  });

  it('prints the board\'s rating names, the months Apr to Mar, and missing months as supplied', () => {
    const scheme = [
      { name: 'Off track', meaning: 'below tolerance', colour: '#990000' },
      { name: 'At risk', meaning: 'within tolerance', colour: '#ffcc00' },
      { name: 'On track', meaning: 'on target', colour: '#006600' },
    ];
    const view = performanceReportView(report, scheme, '2019-20');
    expect(view.months.map((m) => m.short)).toEqual(['Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec', 'Jan', 'Feb', 'Mar']);
    expect(view.period).toBe('Financial year 2019-20: figures for April to June 2019.');
    const rows = view.groups[0]!.rows;
    const [visits, moves, count] = [rows[0]!, rows[1]!, rows[2]!];
    expect(visits.months.slice(0, 4)).toEqual([{ text: '96', missing: false }, { text: 'N/A', missing: true }, { text: '94', missing: false }, { text: '', missing: true }]);
    expect(visits.rag?.name).toBe('At risk');
    expect(moves.rag?.name).toBe('Off track');
    expect(count.rag).toBeUndefined();
    expect(count.year).toBe('7');
    expect(view.headline.changes).toMatchObject([{ name: 'Visits', from: { name: 'On track' }, to: { name: 'At risk' }, when: 'April to June 2019' }]);
    expect(view.headline.offTarget.map((o) => `${o.rating.name} ${o.name} ${o.value} ${o.target}`)).toEqual(['Off track Moves 12.5% 10%', 'At risk Visits 94% 95%']);
  });

  it('uses Red, Amber and Green by default', () => {
    const view = performanceReportView(report, DEFAULT_RAG, '2019-20');
    expect(view.groups[0]!.rows.map((r) => r.rag?.name)).toEqual(['Amber', 'Red', undefined]);
  });
});

describe('formatting and trends', () => {
  it('formats figures with thousands separators and the indicator\'s decimals', () => {
    expect(formatFigure(2084)).toBe('2,084');
    expect(formatFigure(1234567.891, 1)).toBe('1,234,567.9');
    expect(formatFigure(93.125, 0)).toBe('93');
    expect(formatFigure(-1234.5)).toBe('-1,234.5');
    expect(formatFigure(88, 1)).toBe('88.0');
  });

  it('describes the trend in words, naming months without a figure', () => {
    const series = indicatorSeries(indicator(), MONTHS, new Map([['2019-04', '88'], ['2019-05', '90'], ['2019-06', 'N/A'], ['2019-11', '93']]));
    expect(trendText(series.months, String)).toBe('Trend from April to November: rising from 88 to 93 (no figure for June, July, August, September and October).');
    const falling = indicatorSeries(indicator(), MONTHS, new Map([['2019-04', '12.5'], ['2019-05', '11']]));
    expect(trendText(falling.months, (v) => formatFigure(v, 1))).toBe('Trend from April to May: falling from 12.5 to 11.0.');
    expect(trendText(indicatorSeries(indicator(), MONTHS, new Map()).months, String)).toBe('No figures yet.');
  });

  it('draws the sparkline as runs of months with figures, broken where a month has none', () => {
    const series = indicatorSeries(indicator(), MONTHS, new Map([['2019-04', '1'], ['2019-05', '3'], ['2019-06', 'N/A'], ['2019-07', '2'], ['2019-09', '2'], ['2019-10', '3']]));
    const line = sparkline(series.months)!;
    expect(line.lines).toHaveLength(2);
    expect(line.dots).toHaveLength(1);
    // Highest value at the top, lowest at the bottom.
    const ys = line.lines[0]!.split(' ').map((p) => Number(p.split(',')[1]));
    expect(ys[0]!).toBeGreaterThan(ys[1]!);
    expect(sparkline(indicatorSeries(indicator(), MONTHS, new Map()).months)).toBeUndefined();
  });
});
