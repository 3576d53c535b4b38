/**
 * A board's way of citing a minute ("62", "62.", "CPB/19/12", "Minute 62"): a small pattern
 * of literal text and fields in braces. Shared by validate (to refuse a bad pattern) and model.
 */
import { municipalYear, municipalYearLabel } from './municipal-year.js';

/** The fields a pattern may hold, each with what it stands for (for hints and the guide). */
export const REFERENCE_FIELDS = {
  number: "the minute's number",
  yy: "the meeting's year, two digits (19)",
  yyyy: "the meeting's year (2019)",
  myy: "the municipal year (May to April) of the meeting, short (19/20)",
  myyyy: "the municipal year of the meeting (2019/20)",
  board: "the board's short name (minutes.short_name)",
} as const;

export type ReferenceField = keyof typeof REFERENCE_FIELDS;

/** What is wrong with a pattern, in words, or undefined when it is sound. */
export function referencePatternFault(pattern: string, hasShortName: boolean): string | undefined {
  const stray = pattern.replace(/\{[^{}]*\}/g, '').match(/[{}]/);
  if (stray) return `the minute reference "${pattern}" has a '${stray[0]}' that opens or closes no field`;
  const fields = [...pattern.matchAll(/\{([^{}]*)\}/g)].map((m) => m[1]!);
  const unknown = fields.find((f) => !(f in REFERENCE_FIELDS));
  if (unknown !== undefined) return `the minute reference "${pattern}" has an unknown field {${unknown}}`;
  if (!fields.includes('number')) return `the minute reference "${pattern}" has no {number}`;
  const twice = fields.find((f, i) => fields.indexOf(f) !== i);
  if (twice !== undefined) return `the minute reference "${pattern}" has {${twice}} twice`;
  // From January to April the two disagree (2020 against 2019/20), so a reference gives one year.
  const calendar = fields.find((f) => f === 'yy' || f === 'yyyy');
  const municipal = fields.find((f) => f === 'myy' || f === 'myyyy');
  if (calendar && municipal) return `the minute reference "${pattern}" has both the calendar year {${calendar}} and the municipal year {${municipal}}`;
  if (fields.includes('board') && !hasShortName) return `the minute reference "${pattern}" uses {board}, but minutes.short_name is not set`;
  return undefined;
}

/** The reference of minute `number` of the meeting on `date` (YYYY-MM-DD), by a sound pattern. */
export function minuteReference(pattern: string, number: number, date: string, shortName = ''): string {
  const municipal = municipalYearLabel(municipalYear(date));
  const values: Record<ReferenceField, string> = { number: String(number), yy: date.slice(2, 4), yyyy: date.slice(0, 4), myy: municipal.slice(2), myyyy: municipal, board: shortName };
  return pattern.replace(/\{([^{}]*)\}/g, (_, field: string) => values[field as ReferenceField]);
}
