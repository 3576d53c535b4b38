import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { tmpdir } from 'node:os';
import { beforeAll, describe, expect, it } from 'vitest';
import { BANK_HOLIDAYS_FILE, loadBankHolidays, readBankHolidays } from '../../src/load/bank-holidays.js';
import { SourceError } from '../../src/errors.js';
import { weekday } from '../../src/domain/dates.js';
import { addWorkingDays, clearWorkingDaysBetween, isWorkingDay } from '../../src/domain/working-days.js';

const NONE: ReadonlySet<string> = new Set();
let holidays: ReadonlySet<string>;
beforeAll(async () => {
  holidays = await loadBankHolidays();
});

describe('working days', () => {
  it.each([
    ['2024-03-28', true], // Thursday before Easter
    ['2024-03-29', false], // Good Friday
    ['2024-03-30', false], // Saturday
    ['2024-03-31', false], // Easter Sunday, and the clocks go forward
    ['2024-04-01', false], // Easter Monday
    ['2024-04-02', true],
    ['2020-12-25', false], // Christmas Day, a Friday
    ['2020-12-26', false], // Boxing Day, a Saturday
    ['2020-12-28', false], // its substitute, Monday
    ['2020-12-29', true],
    ['2020-05-04', true], // first Monday of May, but the holiday moved to VE Day
    ['2020-05-08', false],
    ['2022-09-19', false], // State Funeral of Queen Elizabeth II
    ['2023-05-08', false], // Coronation of King Charles III
  ] as const)('%s is a working day: %s', (iso, expected) => {
    expect(isWorkingDay(iso, holidays)).toBe(expected);
  });

  it.each([
    // Publication, meeting, clear days with bank holidays, without.
    ['2024-11-04', '2024-11-12', 5, 5], // Monday to the Tuesday week after: just enough
    ['2024-11-05', '2024-11-12', 4, 4], // Tuesday to Tuesday: one short
    ['2024-11-04', '2024-11-05', 0, 0], // the next day
    ['2024-11-04', '2024-11-04', 0, 0], // the same day
    ['2024-11-12', '2024-11-04', 0, 0], // backwards
    ['2024-11-08', '2024-11-11', 0, 0], // Friday to Monday: only a weekend between
    ['2024-03-25', '2024-04-03', 4, 6], // across Easter 2024
    ['2020-12-23', '2021-01-05', 5, 8], // across Christmas 2020 and New Year
    ['2022-05-26', '2022-06-07', 5, 7], // across the Platinum Jubilee
    ['2022-05-27', '2022-06-07', 4, 6],
  ] as const)('%s to %s has %i clear working days (%i ignoring bank holidays)', (from, to, expected, plain) => {
    expect(clearWorkingDaysBetween(from, to, holidays)).toBe(expected);
    expect(clearWorkingDaysBetween(from, to, NONE)).toBe(plain);
  });

  it.each([
    ['2024-11-12', -5, '2024-11-05'], // five working days before a Tuesday
    ['2024-11-12', 5, '2024-11-19'],
    ['2024-11-12', 0, '2024-11-12'],
    ['2024-03-28', 1, '2024-04-02'], // over Easter 2024
    ['2024-04-02', -1, '2024-03-28'],
    ['2024-03-30', 1, '2024-04-02'], // from a Saturday: the start never counts
    ['2024-03-30', -1, '2024-03-28'],
    ['2020-12-24', 1, '2020-12-29'], // over Christmas 2020
    ['2020-12-31', 1, '2021-01-04'], // over New Year’s Day 2021
    ['2022-06-07', -5, '2022-05-27'], // back over the Jubilee Thursday and Friday
    ['2022-06-07', -6, '2022-05-26'],
    ['2022-06-06', -1, '2022-06-01'],
    ['2023-05-09', -1, '2023-05-05'], // back over the Coronation
    ['2019-10-25', 3, '2019-10-30'], // across the October clock change
  ] as const)('%s moved %i working days is %s', (iso, n, expected) => {
    expect(addWorkingDays(iso, n, holidays)).toBe(expected);
  });

  it('moves by calendar weekdays when there are no holidays', () => {
    expect(addWorkingDays('2022-06-07', -5, NONE)).toBe('2022-05-31');
  });

  it('refuses a part of a day', () => {
    expect(() => addWorkingDays('2024-11-12', 1.5, holidays)).toThrow(RangeError);
  });

  it('the latest publication date leaves exactly the clear days asked for, on every day of 2015–2030', () => {
    for (let t = Date.UTC(2015, 1, 1); t <= Date.UTC(2030, 11, 31); t += 86_400_000) {
      const meeting = new Date(t).toISOString().slice(0, 10);
      for (const clear of [0, 5]) {
        const published = addWorkingDays(meeting, -(clear + 1), holidays);
        expect(isWorkingDay(published, holidays)).toBe(true);
        expect(clearWorkingDaysBetween(published, meeting, holidays)).toBe(clear);
        // Any later working day would be too late.
        expect(clearWorkingDaysBetween(addWorkingDays(published, 1, holidays), meeting, holidays)).toBeLessThan(clear || 1);
      }
    }
  });
});

describe('England and Wales bank holidays', () => {
  let dates: { date: string; title: string }[];
  beforeAll(async () => {
    dates = (JSON.parse(await readFile(BANK_HOLIDAYS_FILE, 'utf8')) as { dates: typeof dates }).dates;
  });
  const inYear = (year: number) => dates.filter((d) => d.date.startsWith(`${year}-`));

  it('covers 2015 to 2030, unique, sorted, all weekdays', () => {
    const list = dates.map((d) => d.date);
    expect(list[0]).toBe('2015-01-01');
    expect(list.at(-1)).toBe('2030-12-26');
    expect(new Set(list).size).toBe(list.length);
    expect(list).toEqual([...list].sort());
    for (const iso of list) expect(weekday(iso), iso).not.toMatch(/^S/);
    expect(holidays.size).toBe(list.length);
  });

  it.each([
    [2015, 8], [2016, 8], [2017, 8], [2018, 8], [2019, 8], [2020, 8], [2021, 8],
    [2022, 10], // Jubilee and the State Funeral
    [2023, 9], // Coronation
    [2024, 8], [2025, 8], [2026, 8], [2027, 8], [2028, 8], [2029, 8], [2030, 8],
  ])('%i has %i', (year, count) => expect(inYear(year)).toHaveLength(count));

  it('has the one-off changes', () => {
    expect(inYear(2020).map((d) => d.date)).toContain('2020-05-08');
    expect(inYear(2020).map((d) => d.date)).not.toContain('2020-05-04');
    expect(inYear(2022).map((d) => d.date)).toEqual(expect.arrayContaining(['2022-06-02', '2022-06-03', '2022-09-19']));
    expect(inYear(2022).map((d) => d.date)).not.toContain('2022-05-30');
    expect(inYear(2023).map((d) => d.date)).toEqual(expect.arrayContaining(['2023-05-01', '2023-05-08', '2023-05-29']));
  });

  it('names the file it cannot read', async () => {
    const missing = join(tmpdir(), 'cpb-no-such-folder', 'bank-holidays.json');
    const error = await readBankHolidays(missing).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(SourceError);
    expect((error as SourceError).file).toBe(missing);
    expect((error as SourceError).message).toContain(missing);
  });

  it('gives each caller its own copy', async () => {
    const mine = await loadBankHolidays();
    mine.delete('2024-03-29');
    expect((await loadBankHolidays()).has('2024-03-29')).toBe(true);
  });
});
