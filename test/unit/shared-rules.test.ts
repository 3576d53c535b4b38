import { describe, expect, it } from 'vitest';
import { isTwoYearsRunning, municipalYear, municipalYearLabel, municipalYearOf, municipalYearWritten } from '../../src/domain/municipal-year.js';
import { groupThousands, percentOf, roundAsPrinted, roundToTenth } from '../../src/domain/numbers.js';
import { listWords, plural } from '../../src/domain/words.js';
import type { MinutesRecord } from '../../src/model/minutes.js';
import { minutesShown, minutesShownId } from '../../src/model/minutes.js';
import { nextMeetingSentence } from '../../src/model/next-meeting.js';
import { leadLine, presenterLine } from '../../src/model/presenter-line.js';

// The rules that the agenda, the site, the forward plan and the CLI all print through one function.
describe('words', () => {
  it('joins a list with commas and a final "and"', () => {
    expect(listWords([])).toBe('');
    expect(listWords(['a'])).toBe('a');
    expect(listWords(['a', 'b'])).toBe('a and b');
    expect(listWords(['a', 'b', 'c'])).toBe('a, b and c');
  });
  it('puts an s on every count but one', () => {
    expect(plural(0, 'action')).toBe('0 actions');
    expect(plural(1, 'action')).toBe('1 action');
    expect(plural(2, 'clear working day')).toBe('2 clear working days');
  });
});

describe('numbers', () => {
  it('rounds chart coordinates to a tenth, half up on the value times ten', () => {
    expect(roundToTenth(12.34)).toBe(12.3);
    expect(roundToTenth(0.15)).toBe(0.2);
    expect(roundToTenth(-1.25)).toBe(-1.2);
  });
  it("rounds a table's value as toFixed prints it, so the value matches its text", () => {
    // 0.15 is a little under 0.15 in binary: toFixed prints 0.1, and the value must say the same.
    expect(roundAsPrinted(0.15, 1)).toBe(0.1);
    expect(roundAsPrinted(1234.5678, 2)).toBe(1234.57);
  });
  it('groups thousands with commas', () => {
    expect(groupThousands('7')).toBe('7');
    expect(groupThousands('2084')).toBe('2,084');
    expect(groupThousands('1234567')).toBe('1,234,567');
  });
  it('gives whole per cents, half up', () => {
    expect(percentOf(2, 3)).toBe(67);
    expect(percentOf(1, 8)).toBe(13);
  });
});

describe('municipal year', () => {
  it('runs May to April and is named by the year it starts', () => {
    expect(municipalYear('2020-04-30')).toBe(2019);
    expect(municipalYear('2020-05-01')).toBe(2020);
    expect(municipalYearOf('2019-20')).toBe(2019);
    expect(municipalYearOf(2021)).toBe(2021);
    expect(municipalYearOf(undefined)).toBeUndefined();
  });
  it('prints as 2019/20 and is written as 2019-20, across the century too', () => {
    expect(municipalYearLabel(2019)).toBe('2019/20');
    expect(municipalYearLabel(2099)).toBe('2099/00');
    expect(municipalYearWritten(2008)).toBe('2008-09');
    expect(isTwoYearsRunning(2019, 20)).toBe(true);
    expect(isTwoYearsRunning(2019, 21)).toBe(false);
  });
});

describe('lines of the agenda', () => {
  it('names a presenter with post and service on the agenda, and without the service in the forward plan', () => {
    const p = { name: 'Jan Doe', post: 'Commissioning Manager', service: "Children's Services" };
    expect(presenterLine(p)).toBe("Jan Doe, Commissioning Manager, Children's Services");
    expect(presenterLine({ name: 'Jan Doe', service: 'Finance' })).toBe('Jan Doe, Finance');
    expect(leadLine(p)).toBe('Jan Doe, Commissioning Manager');
    expect(leadLine({ name: 'Jan Doe' })).toBe('Jan Doe');
  });
  it('says when and where the next meeting is, with the venue only when known', () => {
    expect(nextMeetingSentence({ date: '2020-05-12', time: '18:00', venue: 'County Hall' }, 'ordinal')).toBe('Tuesday, 12th May, 2020 at 6.00 pm in County Hall.');
    expect(nextMeetingSentence({ date: '2020-05-12', time: '13:30' }, 'plain')).toBe('Tuesday, 12 May 2020 at 1.30 pm.');
  });
});

describe('which minutes a minutes paper shows', () => {
  const record = (id: string) => ({ meeting: { id, date: id } }) as unknown as MinutesRecord;
  const records = new Map([['2019-09-10', record('2019-09-10')], ['2019-11-26', record('2019-11-26')], ['2020-01-30', record('2020-01-30')]]);
  it('shows the meeting it names, or else the last one before it that has minutes', () => {
    expect(minutesShownId({}, '2020-01-30', records)).toBe('2019-11-26');
    expect(minutesShownId({ meeting: '2019-09-10' }, '2020-01-30', records)).toBe('2019-09-10');
    expect(minutesShown({}, '2020-03-25', records)?.meeting.id).toBe('2020-01-30');
    expect(minutesShownId({}, '2019-09-10', records)).toBeUndefined();
    // A meeting named without minutes gives its id (the site links nothing) and no record.
    expect(minutesShownId({ meeting: '2018-01-01' }, '2020-01-30', records)).toBe('2018-01-01');
    expect(minutesShown({ meeting: '2018-01-01' }, '2020-01-30', records)).toBeUndefined();
  });
});
