/** A figure as an analyst exported it from a spreadsheet, read without guessing. */
export type FigureValue =
  | { kind: 'number'; value: number; percent: boolean }
  /** Not available; `shown` is the marker as supplied (trimmed), '' for a blank cell. */
  | { kind: 'missing'; shown: string }
  | { kind: 'invalid'; reason: string; hint?: string };

/**
 * The markers statisticians use for "no figure": blank, not available, not applicable,
 * nil (a dash), not yet available (..) and suppressed to protect identities (x).
 */
const MISSING = new Set(['', 'N/A', 'n/a', 'NA', '-', '\u2013', '..', 'x']);

const PLAIN = /^(\d+(\.\d*)?|\.\d+)$/;
const GROUPED = /^\d{1,3}(,\d{3})+(\.\d*)?$/;

const HOW_TO_WRITE = 'Write the figure with digits only, e.g. 1234, 1,234.5 or 12.5%; leave the cell blank or write N/A if there is no figure.';

export function parseFigure(raw: string): FigureValue {
  const text = raw.trim();
  if (MISSING.has(text)) return { kind: 'missing', shown: text };
  if (/^\(.*\)%?$/.test(text)) {
    return {
      kind: 'invalid',
      reason: 'it is in brackets, which is how accounts show a negative number',
      hint: 'Write a negative figure with a minus sign, e.g. -5 rather than (5).',
    };
  }
  if (/[£$€¥]/.test(text)) {
    return {
      kind: 'invalid',
      reason: 'it has a currency sign, and a figure is a plain number',
      hint: 'Remove the currency sign; the indicator already says what the figure counts.',
    };
  }

  // "−" is the Unicode minus sign, which some spreadsheets and reports use.
  const sign = /^[-\u2212+]/.test(text) ? text.charAt(0) : '';
  let body = text.slice(sign.length);
  const percent = body.endsWith('%');
  if (percent) body = body.slice(0, -1).trimEnd();

  if (PLAIN.test(body) || GROUPED.test(body)) {
    const value = Number(body.replaceAll(',', '')) * (sign === '' || sign === '+' ? 1 : -1);
    if (!Number.isFinite(value)) return { kind: 'invalid', reason: 'it is too large to be a figure', hint: HOW_TO_WRITE };
    // Normalise -0 so that "-0" and "0" are the same figure.
    return { kind: 'number', value: value === 0 ? 0 : value, percent };
  }
  return { kind: 'invalid', ...whyNotANumber(body) };
}

/** Why the part after any sign and before any % is not a number, worded to follow "… is not a figure:". */
function whyNotANumber(body: string): { reason: string; hint: string } {
  if (/^[\d,]*\d(\.\d+)?$/.test(body) && body.includes(',')) {
    return {
      reason: 'a comma is in the wrong place to separate thousands',
      hint: 'Commas may only separate thousands, e.g. 1,234,567; a decimal must use a point, e.g. 1.23.',
    };
  }
  if (/^\d*\.?\d+e[-+]?\d+$/i.test(body)) {
    return {
      reason: 'it is in scientific notation, which a spreadsheet writes for a long number in a column formatted as General',
      hint: 'Format the column as Number in the spreadsheet and export it again, so the full figure is written out.',
    };
  }
  if (/^[\d.]+$/.test(body) && (body.match(/\./g) ?? []).length > 1) {
    return { reason: 'it has more than one decimal point', hint: HOW_TO_WRITE };
  }
  if (/^[\d.,]+(\s+[\d.,]+)+$/.test(body)) {
    return { reason: 'it has spaces inside the number', hint: 'Remove the spaces; use a comma to separate thousands, e.g. 1,234.' };
  }
  return { reason: 'it has something other than digits, a decimal point, commas between thousands, a minus sign or a % sign', hint: HOW_TO_WRITE };
}
