import { mkdtemp, rm, truncate, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cellPosition, columnLetter, loadCsvFile, parseCsv, type CsvSource } from '../../src/load/csv-file.js';

const parse = (content: string | Buffer) =>
  parseCsv(typeof content === 'string' ? Buffer.from(content, 'utf8') : content, '/b/performance/2019-20.csv', 'performance/2019-20.csv');

function problems(source: CsvSource) {
  return source.problems.map((p) => ({ at: `${p.line}:${p.column}`, severity: p.severity, rule: p.rule }));
}

describe('reading a CSV file', () => {
  it('gives the line of each row and the column of each cell', () => {
    const source = parse(
      [
        'indicator,month,value',
        'cla-rate,2019-04,"1,234"',
        '',
        'café,2019-05,7',
        'note,"runs over\r\nthree\nlines",12',
        ', , ',
        '"said ""no""",2019-06,8',
        'last,2019-07,9',
      ].join('\r\n'),
    );
    expect(source.problems).toEqual([]);
    expect(source.encoding).toBe('utf-8');
    expect(source.header).toEqual(['indicator', 'month', 'value']);
    expect(source.rows).toEqual([
      { line: 2, cells: { indicator: 'cla-rate', month: '2019-04', value: '1,234' }, columns: { indicator: 1, month: 10, value: 18 } },
      { line: 4, cells: { indicator: 'café', month: '2019-05', value: '7' }, columns: { indicator: 1, month: 6, value: 14 } },
      {
        line: 5,
        cells: { indicator: 'note', month: 'runs over\r\nthree\nlines', value: '12' },
        columns: { indicator: 1, month: 6, value: 8 },
        cellLines: { value: 7 },
      },
      { line: 9, cells: { indicator: 'said "no"', month: '2019-06', value: '8' }, columns: { indicator: 1, month: 15, value: 23 } },
      { line: 10, cells: { indicator: 'last', month: '2019-07', value: '9' }, columns: { indicator: 1, month: 6, value: 14 } },
    ]);
    expect(cellPosition(source.rows[2]!, 'value')).toEqual({ line: 7, column: 8 });
    expect(cellPosition(source.rows[2]!, 'month')).toEqual({ line: 5, column: 6 });
    expect(cellPosition(source.rows[0]!, 'no-such-column')).toEqual({ line: 2, column: 1 });
  });

  it('counts a character outside the Basic Multilingual Plane as one column', () => {
    expect(parse('note,value\n\u{1F44D} good,1\n').rows[0]?.columns).toEqual({ note: 1, value: 8 });
  });

  it('counts lines the same whichever line endings are used, even mixed', () => {
    const source = parse('a,b\rx,1\r\ny,2\n\nz,3');
    expect(source.rows.map((r) => [r.line, r.cells['a']])).toEqual([
      [2, 'x'],
      [3, 'y'],
      [5, 'z'],
    ]);
  });

  it('trims headings but keeps cells as supplied', () => {
    const source = parse(' indicator , value\n  x , 1 \n');
    expect(source.header).toEqual(['indicator', 'value']);
    expect(source.rows[0]).toEqual({ line: 2, cells: { indicator: '  x ', value: ' 1 ' }, columns: { indicator: 1, value: 6 } });
  });

  it('drops a UTF-8 byte-order mark, counting columns without it', () => {
    const source = parse('\ufeffindicator,value\nx,1\n');
    expect(source.header).toEqual(['indicator', 'value']);
    expect(source.rows[0]?.cells).toEqual({ indicator: 'x', value: '1' });
    expect(source.encoding).toBe('utf-8');
    expect(source.problems).toEqual([]);
  });

  it('reads a file that is not UTF-8 as Windows-1252, with a warning', () => {
    const bytes = Buffer.concat([
      Buffer.from('indicator,note\r\nspend,"'),
      Buffer.from([0xa3]), // £
      Buffer.from('1,200 '),
      Buffer.from([0x96]), // en dash, which Latin-1 would read as an invisible control character
      Buffer.from(' estimate"\r\nnext,'),
      Buffer.from([0x93]), // left curly double quote
      Buffer.from('ok'),
      Buffer.from([0x94]),
      Buffer.from('\r\n'),
    ]);
    const source = parse(bytes);
    expect(source.encoding).toBe('windows-1252');
    expect(source.rows).toEqual([
      { line: 2, cells: { indicator: 'spend', note: '£1,200 – estimate' }, columns: { indicator: 1, note: 7 } },
      { line: 3, cells: { indicator: 'next', note: '“ok”' }, columns: { indicator: 1, note: 6 } },
    ]);
    expect(problems(source)).toEqual([{ at: '2:8', severity: 'warning', rule: 'csv/encoding' }]);
    expect(source.problems[0]?.message).toContain('"£"');
    expect(source.problems[0]?.hint).toContain('CSV UTF-8');
  });

  it('refuses a binary file without trying to read rows from it', () => {
    const source = parse(Buffer.from([0x50, 0x4b, 0x03, 0x04, 0x14, 0x00, 0x06, 0x00, 0x08, 0x00, 0x00, 0x00, 0x21, 0x00, 0x62, 0xee, 0x9d, 0x68]));
    expect(problems(source)).toEqual([{ at: '1:1', severity: 'error', rule: 'csv/binary' }]);
    expect(source.header).toEqual([]);
    expect(source.rows).toEqual([]);
  });

  // Excel's 'Unicode Text' and Notepad's 'Unicode' are UTF-16: said so, rather than called binary.
  it.each([
    ['with a byte-order mark', Buffer.from('\ufeffindicator,value\r\nx,1\r\n', 'utf16le')],
    ['without one', Buffer.from('indicator,value\r\nx,1\r\n', 'utf16le')],
    ['big-endian', Buffer.from('\ufeffindicator,value\r\nx,1\r\n', 'utf16le').swap16()],
  ])('says a UTF-16 file (%s) is UTF-16 and how to save it as UTF-8', (_, bytes) => {
    const source = parse(bytes);
    expect(problems(source)).toEqual([{ at: '1:1', severity: 'error', rule: 'load/utf-16' }]);
    expect(source.problems[0]!.message).toBe('this CSV file is saved as UTF-16 text; cpb reads UTF-8');
    expect(source.problems[0]!.hint).toContain("'CSV UTF-8 (Comma delimited)'");
    expect(source.rows).toEqual([]);
  });

  it('reports a row with too many or too few values and keeps the others', () => {
    const source = parse('indicator,month,value\na,2019-04,1\nb,2019-04,1,234\nc,2019-04\nd,2019-05,2\n');
    expect(problems(source)).toEqual([
      { at: '3:13', severity: 'error', rule: 'csv/columns' },
      { at: '4:1', severity: 'error', rule: 'csv/columns' },
    ]);
    expect(source.problems[0]?.message).toBe('This row has 4 values but there are 3 headings');
    expect(source.problems[1]?.message).toBe('This row has 2 values but there are 3 headings');
    expect(source.rows.map((r) => r.cells['indicator'])).toEqual(['a', 'd']);
  });

  it('reports a heading used twice, naming the spreadsheet columns, and gives no rows', () => {
    const source = parse('indicator,value,Value,value\nx,1,2,3\n');
    expect(problems(source)).toEqual([{ at: '1:23', severity: 'error', rule: 'csv/duplicate-column' }]);
    expect(source.problems[0]?.message).toBe('The heading "value" is used twice, for columns B and D');
    expect(source.rows).toEqual([]);
  });

  it('reports a column with no heading', () => {
    const source = parse('indicator,  ,value\nx,1,2\n');
    expect(problems(source)).toEqual([{ at: '1:11', severity: 'error', rule: 'csv/header' }]);
    expect(source.problems[0]?.message).toBe('Column B has no heading');
    expect(source.rows).toEqual([]);
  });

  it.each([
    { name: 'an empty file', content: '' },
    { name: 'only blank lines', content: '\r\n\r\n,,\r\n' },
  ])('reports $name as having no heading row', ({ content }) => {
    expect(problems(parse(content))).toEqual([{ at: '1:1', severity: 'error', rule: 'csv/header' }]);
  });

  it('accepts a heading row with no data', () => {
    const source = parse('indicator,value\n');
    expect(source).toMatchObject({ header: ['indicator', 'value'], rows: [], problems: [] });
  });

  it.each([
    {
      name: 'a quote that is never closed, where it opens',
      content: 'indicator,value\na,1\nb,"2\nc,3\nd,4\n',
      at: '3:3',
      message: 'This value opens a double quote that is never closed',
    },
    {
      name: 'text after a closing quote',
      content: 'indicator,value\na,1\n\nb,"2"5\nc,3\n',
      at: '4:3',
      message: 'This value has more text after its closing double quote',
    },
    {
      name: 'a quote inside an unquoted value',
      content: 'indicator,note\na,1\nb,the "best" one\n',
      at: '3:3',
      message: 'This value has a double quote in it but does not start with one',
    },
  ])('reports $name as a problem instead of throwing', ({ content, at, message }) => {
    const source = parse(content);
    expect(problems(source)).toEqual([{ at, severity: 'error', rule: 'csv/syntax' }]);
    expect(source.problems[0]?.message).toBe(message);
    expect(source.problems[0]?.hint).toContain('double quotes');
    expect(source.rows.map((r) => r.cells['indicator'])).toEqual(['a']);
  });

  it('gives the rows before a syntax error the same lines and columns as in a file without it', () => {
    const rows = [
      'indicator,month,value',
      '"said ""no""",2019-04,"1,234"',
      '',
      'note,"runs over\r\ntwo\rlines",\u{1F44D}',
      ', , ',
      ...Array.from({ length: 3000 }, (_, i) => `m-${i},"2019-05",${i}`),
    ].join('\r\n');
    const sound = parse(`${rows}\n`);
    const broken = parse(`${rows}\nz,"never closed\n`);
    expect(sound.problems).toEqual([]);
    expect(problems(broken)).toEqual([{ at: '3008:3', severity: 'error', rule: 'csv/syntax' }]);
    expect(broken.rows).toEqual(sound.rows);
    expect(sound.rows.at(-1)).toEqual({ line: 3007, cells: { indicator: 'm-2999', month: '2019-05', value: '2999' }, columns: { indicator: 1, month: 8, value: 18 } });
  });

  it('lists problems in file order', () => {
    const source = parse('indicator,value\na,1,2\nb,"3\n');
    expect(problems(source)).toEqual([
      { at: '2:5', severity: 'error', rule: 'csv/columns' },
      { at: '3:3', severity: 'error', rule: 'csv/syntax' },
    ]);
  });

  it('refuses a file over 20 MB', () => {
    const source = parse(Buffer.alloc(20 * 1024 * 1024 + 1, 'a'));
    expect(problems(source)).toEqual([{ at: '1:1', severity: 'error', rule: 'load/size' }]);
    expect(source.rows).toEqual([]);
  });
});

describe('loading a CSV file from disk', () => {
  let dir: string;
  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'cpb-csv-'));
  });
  afterAll(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  it('reads and parses the file', async () => {
    const path = join(dir, 'figures.csv');
    await writeFile(path, 'indicator,value\nx,1\n');
    const source = await loadCsvFile(path, 'figures.csv', null);
    expect(source).toMatchObject({ path, displayPath: 'figures.csv', rows: [{ line: 2, cells: { indicator: 'x', value: '1' } }], problems: [] });
  });

  it('reports a file over 20 MB without reading it', async () => {
    const path = join(dir, 'huge.csv');
    await writeFile(path, '');
    await truncate(path, 21 * 1024 * 1024);
    const source = await loadCsvFile(path, 'huge.csv', null);
    expect(source.problems).toMatchObject([{ severity: 'error', file: 'huge.csv', rule: 'load/size', message: 'The data file huge.csv is 21 MB; the limit for a data file is 20 MB' }]);
  });

  // Since the one reader: a file that cannot be read is a problem of that file, reported with the others.
  it('reports a file that cannot be read, or is a folder, as a problem naming it', async () => {
    const missing = await loadCsvFile(join(dir, 'missing.csv'), 'missing.csv', null);
    expect(missing.problems).toMatchObject([{ file: 'missing.csv', rule: 'load/missing' }]);
    expect((await loadCsvFile(dir, 'folder.csv', null)).problems).toMatchObject([{ file: 'folder.csv', rule: 'load/not-a-file', message: 'The data file folder.csv is a folder, not a file' }]);
  });
});

describe('spreadsheet column letters', () => {
  it.each([
    [0, 'A'],
    [25, 'Z'],
    [26, 'AA'],
    [51, 'AZ'],
    [52, 'BA'],
    [701, 'ZZ'],
    [702, 'AAA'],
  ])('column %i is %s', (index, letters) => {
    expect(columnLetter(index)).toBe(letters);
  });
});
