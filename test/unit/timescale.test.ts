import { describe, expect, it } from 'vitest';
import { parseTimescale } from '../../src/model/timescale.js';

// Timescales as authors write them (most from the example plans), with the date a reader would
// take each to mean: the last day of the period named, the end of a range, nothing for "ongoing".
const CASES: [text: string, by: string | undefined, precision: 'day' | 'month' | 'year' | undefined, ongoing: boolean][] = [
  ['30/09/2019', '2019-09-30', 'day', false],
  ['30/11/ 2019', '2019-11-30', 'day', false],
  ['1/3/20', '2020-03-01', 'day', false],
  ['18.12.2019', '2019-12-18', 'day', false],
  ['2020-04-01', '2020-04-01', 'day', false],
  ['30th April 2020', '2020-04-30', 'day', false],
  ['1st May, 2020', '2020-05-01', 'day', false],
  ['April 30, 2020', '2020-04-30', 'day', false],
  ['Dec 2022', '2022-12-31', 'month', false],
  ['Sept 2022', '2022-09-30', 'month', false],
  ['July 2022', '2022-07-31', 'month', false],
  ['Feb 2020', '2020-02-29', 'month', false],
  ['Feb-19', '2019-02-28', 'month', false],
  ['Jul-19', '2019-07-31', 'month', false],
  ['Nov 18 – Nov 19', '2019-11-30', 'month', false],
  ['Nov 18 - Nov 19', '2019-11-30', 'month', false],
  ['Roll out Jan 19 Nov 19', '2019-11-30', 'month', false],
  ['Dec 18 Monthly monitoring September 2020', '2020-09-30', 'month', false],
  ['Reports to be provide to each Board. Review April 2020', '2020-04-30', 'month', false],
  ['2022/2023 end of year', '2023-03-31', 'year', false],
  ['Year-end performance 2022/23', '2023-03-31', 'year', false],
  ['2018-2019', '2019-03-31', 'year', false],
  ['November 2018 Revisit through 2019', '2019-12-31', 'year', false],
  ['Ongoing', undefined, undefined, true],
  ['on-going', undefined, undefined, true],
  ['Ongoing – review progress 6 monthly', undefined, undefined, true],
  ['Mar 19 – ongoing quarterly', undefined, undefined, true],
  ['01/03/2019 and ongoing', undefined, undefined, true],
  ['Ongoing-Mar-20', '2020-03-31', 'month', true],
  ['Immediate and Ongoing from May 2022', undefined, undefined, true],
  ['31/04/2019', undefined, undefined, false],
  ['Immediate', undefined, undefined, false],
  ['', undefined, undefined, false],
];

describe('reading a timescale', () => {
  it.each(CASES)('%j → %s', (text, by, precision, ongoing) => {
    const t = parseTimescale(text);
    expect(t.text).toBe(text);
    expect(t.by).toBe(by);
    expect(t.precision).toBe(precision);
    expect(t.ongoing).toBe(ongoing);
  });

  it('keeps the text exactly as written, spacing and slips included', () => {
    expect(parseTimescale('  31/04/2019 ').text).toBe('  31/04/2019 ');
  });
});
