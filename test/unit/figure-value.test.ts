import { describe, expect, it } from 'vitest';
import { parseFigure } from '../../src/domain/figure-value.js';

const number = (value: number, percent = false) => ({ kind: 'number', value, percent });
const missing = (shown: string) => ({ kind: 'missing', shown });
const OTHER = 'it has something other than digits, a decimal point, commas between thousands, a minus sign or a % sign';

describe('reading a figure', () => {
  it.each([
    ['1234', number(1234)],
    ['1,234', number(1234)],
    ['1,234.5', number(1234.5)],
    ['12,345,678', number(12345678)],
    ['999,999', number(999999)],
    ['  42 ', number(42)],
    ['0', number(0)],
    ['0.5', number(0.5)],
    ['.5', number(0.5)],
    ['5.', number(5)],
    ['007', number(7)],
    ['12.5%', number(12.5, true)],
    ['12.5 %', number(12.5, true)],
    ['1,234.5%', number(1234.5, true)],
    ['-5', number(-5)],
    ['\u22125', number(-5)],
    ['\u22121,234.5', number(-1234.5)],
    ['-3.2%', number(-3.2, true)],
    ['+5', number(5)],
    ['-0', number(0)],
  ])('%j is a number', (raw, expected) => {
    expect(parseFigure(raw)).toEqual(expected);
  });

  it.each([
    ['', missing('')],
    ['   ', missing('')],
    ['N/A', missing('N/A')],
    ['n/a', missing('n/a')],
    [' n/a ', missing('n/a')],
    ['NA', missing('NA')],
    ['-', missing('-')],
    ['\u2013', missing('\u2013')],
    ['..', missing('..')],
    ['x', missing('x')],
  ])('%j is a missing figure, shown as supplied', (raw, expected) => {
    expect(parseFigure(raw)).toEqual(expected);
  });

  it.each([
    { raw: '1,23', reason: 'a comma is in the wrong place to separate thousands', hint: /decimal must use a point/ },
    { raw: '12,34,567', reason: 'a comma is in the wrong place to separate thousands', hint: /only separate thousands/ },
    { raw: '1,2345', reason: 'a comma is in the wrong place to separate thousands', hint: /only separate thousands/ },
    { raw: '1234,567', reason: 'a comma is in the wrong place to separate thousands', hint: /only separate thousands/ },
    { raw: '£1,200', reason: 'it has a currency sign, and a figure is a plain number', hint: /Remove the currency sign/ },
    { raw: '-£5', reason: 'it has a currency sign, and a figure is a plain number', hint: /Remove the currency sign/ },
    { raw: '1.2.3', reason: 'it has more than one decimal point', hint: /digits only/ },
    { raw: '12a', reason: OTHER, hint: /digits only/ },
    { raw: '1e5', reason: /^it is in scientific notation/, hint: /Format the column as Number/ },
    { raw: '1.23E+15', reason: /^it is in scientific notation/, hint: /Format the column as Number/ },
    { raw: '(5)', reason: 'it is in brackets, which is how accounts show a negative number', hint: /minus sign, e\.g\. -5/ },
    { raw: '1 234', reason: 'it has spaces inside the number', hint: /Remove the spaces/ },
    { raw: 'X', reason: OTHER, hint: /write N\/A/ },
    { raw: '--5', reason: OTHER, hint: /digits only/ },
    { raw: '\u2212', reason: OTHER, hint: /digits only/ },
    { raw: '%', reason: OTHER, hint: /digits only/ },
    { raw: '12%%', reason: OTHER, hint: /digits only/ },
    { raw: '1'.repeat(400), reason: 'it is too large to be a figure', hint: /digits only/ },
  ])('$raw is not accepted', ({ raw, reason, hint }) => {
    const figure = parseFigure(raw);
    expect(figure.kind).toBe('invalid');
    if (figure.kind !== 'invalid') return;
    if (typeof reason === 'string') expect(figure.reason).toBe(reason);
    else expect(figure.reason).toMatch(reason);
    expect(figure.hint).toMatch(hint);
  });
});
