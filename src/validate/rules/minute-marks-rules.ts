import type { Problem } from '../../errors.js';
import type { MinutesData } from '../../domain/types.js';
import { firstMinuteNumbers, boardNumbering } from '../../domain/minute-numbers.js';
import { minuteMarks, type MinuteMark } from '../../domain/minute-marks.js';
import { at, type RuleContext } from './context.js';

/** The minute numbers each meeting used, by date: the folder's minutes by the board's numbering, and board.yaml's history. */
function minuteRanges(ctx: RuleContext): Map<string, { first: number; last: number }> {
  const ranges = new Map((ctx.board.history ?? []).map((m) => [m.date, { ...m.minutes }] as const));
  // As the model numbers them: minutes with an agenda, in date order (the folder name is the date).
  const held = ctx.loaded.meetings.filter((f) => f.meeting && f.minutes).sort((a, b) => a.id.localeCompare(b.id));
  const counts = held.map((f) => {
    const data = f.minutes!.data as MinutesData;
    return { date: f.id, count: data.minutes.length, ...(data.first_number !== undefined ? { first: data.first_number } : {}) };
  });
  firstMinuteNumbers(boardNumbering(ctx.board), counts).forEach((first, i) => ranges.set(counts[i]!.date, { first, last: first + counts[i]!.count - 1 }));
  return ranges;
}

/** What is wrong with a mark in the minutes of `date`, or undefined when it names a minute there is. */
function markFault(mark: MinuteMark, date: string, ranges: ReadonlyMap<string, { first: number; last: number }>): string | undefined {
  if (mark.date === undefined || mark.number === undefined) return `${mark.text} does not name a meeting's date and a minute number`;
  if (mark.date > date) return `${mark.text} cites a meeting after this one (${mark.date})`;
  const range = ranges.get(mark.date);
  if (!range) return `${mark.text} cites the minutes of ${mark.date}, but there are none (no minutes in meetings/${mark.date}, nor in board.yaml's history)`;
  if (mark.number < range.first || mark.number > range.last) {
    return `${mark.text} cites minute ${mark.number}, but the minutes of ${mark.date} run from ${range.first} to ${range.last}`;
  }
  return undefined;
}

/**
 * Each "[minute: date/number]" in a minute's discussion or decisions names a minute of that
 * meeting or an earlier one (or of board.yaml's history), by the number it was given.
 * Needs board.yaml and every meeting's minutes sound, as the numbers run on across them.
 */
export function minuteMarkProblems(ctx: RuleContext): Problem[] {
  const ranges = minuteRanges(ctx);
  const problems: Problem[] = [];
  for (const folder of ctx.loaded.meetings) {
    const source = folder.minutes;
    if (!source || !folder.meeting) continue;
    (source.data as MinutesData).minutes.forEach((minute, i) => {
      const texts: [string | undefined, (string | number)[]][] = [
        [minute.discussion, ['minutes', i, 'discussion']],
        ...(minute.resolved ?? []).map((text, j): [string, (string | number)[]] => [text, ['minutes', i, 'resolved', j]]),
      ];
      for (const [text, path] of texts) {
        for (const mark of minuteMarks(text ?? '')) {
          const fault = markFault(mark, folder.id, ranges);
          if (fault) {
            problems.push(at(source, path, fault, 'minutes/unknown-minute-mark', {
              hint: 'Write [minute: YYYY-MM-DD/number]: the date of this meeting or an earlier one, and the minute\'s number as its minutes print it, e.g. [minute: 2019-09-17/4].',
            }));
          }
        }
      }
    });
  }
  return problems;
}
