import { describe, expect, it } from 'vitest';
import { clockTime, longDate, ordinal, shortDate, timeRange } from '../../src/domain/dates.js';

describe('British dates and times', () => {
  it.each([
    ['2019-11-26', 'plain', 'Tuesday, 26 November 2019'],
    ['2019-11-26', 'ordinal', 'Tuesday, 26th November, 2019'],
    ['2021-03-16', 'ordinal', 'Tuesday, 16th March, 2021'],
    ['2020-01-30', 'plain', 'Thursday, 30 January 2020'],
    ['2024-02-29', 'plain', 'Thursday, 29 February 2024'],
  ] as const)('%s in %s style reads %s', (iso, style, expected) => {
    expect(longDate(iso, style)).toBe(expected);
  });

  it.each([
    [1, '1st'], [2, '2nd'], [3, '3rd'], [4, '4th'], [11, '11th'], [12, '12th'], [13, '13th'],
    [21, '21st'], [22, '22nd'], [23, '23rd'], [31, '31st'],
  ])('ordinal %i is %s', (n, expected) => expect(ordinal(n)).toBe(expected));

  it.each([
    ['18:00', '6.00 pm'], ['13:30', '1.30 pm'], ['12:00', '12.00 pm'], ['00:15', '12.15 am'], ['09:05', '9.05 am'],
  ])('%s is %s', (hhmm, expected) => expect(clockTime(hhmm)).toBe(expected));

  it('has a short form', () => expect(shortDate('2019-09-17')).toBe('17 September 2019'));

  it.each([
    ['16:15', '18:25', '4.15 – 6.25 pm'],
    ['10:00', '12:30', '10.00 am – 12.30 pm'],
    ['09:30', '11:45', '9.30 – 11.45 am'],
  ])('a meeting that sat from %s to %s sat %s', (from, to, expected) => expect(timeRange(from, to)).toBe(expected));
});
