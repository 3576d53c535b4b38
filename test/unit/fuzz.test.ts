import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parseCsv } from '../../src/load/csv-file.js';
import { figureTable } from '../../src/load/figure-table.js';
import { parseMarkdownPaper } from '../../src/load/markdown-paper.js';
import type { YamlKind } from '../../src/load/source.js';
import { parseYaml } from '../../src/load/yaml-file.js';
import { parseFigure } from '../../src/domain/figure-value.js';
import { schemaProblems } from '../../src/validate/schema-problems.js';

// Whatever a user feeds cpb, reading and checking it ends in problems with positions or in
// data: never an exception. Thousands of generated inputs per reader.
const KINDS: YamlKind[] = ['board', 'meeting', 'minutes', 'actions', 'plan', 'indicators', 'paper'];
const yamlish = fc.oneof(
  fc.string({ unit: 'grapheme', maxLength: 300 }),
  fc.array(fc.constantFrom('a: ', 'b:', '- ', '  ', '\n', '[', ']', '{', '}', '&x ', '*x', '!!str ', '"', "'", '#', ':', 'no', '01/02/2019', '0900', '---\n', '...', '\t', '|', '>'), { maxLength: 80 }).map((parts) => parts.join('')),
  fc.jsonValue().map((v) => JSON.stringify(v)),
);

describe('fuzzing the readers and the validator', () => {
  it('YAML of any shape gives data or problems, and its schema check never throws', () => {
    fc.assert(
      fc.property(yamlish, fc.constantFrom(...KINDS), (text, kind) => {
        const source = parseYaml(text, '/b/x.yaml', 'x.yaml', kind);
        for (const p of [...source.problems, ...schemaProblems(source)]) {
          expect(p.line).toBeGreaterThanOrEqual(1);
          expect(p.column).toBeGreaterThanOrEqual(1);
          expect(p.message.length).toBeGreaterThan(0);
        }
      }),
      { numRuns: 3000 },
    );
  });

  it('CSV bytes of any kind give rows or problems, and figures read from them never throw', () => {
    const csvish = fc.oneof(
      fc.uint8Array({ maxLength: 400 }),
      fc.array(fc.constantFrom('indicator', 'month', 'value', ',', '"', '\n', '\r\n', '2019-04', 'Apr', '1,234', 'N/A', '12.5%', ' ', 'x'), { maxLength: 60 }).map((p) => new Uint8Array(Buffer.from(p.join('')))),
    );
    fc.assert(
      fc.property(csvish, (bytes) => {
        const source = parseCsv(Buffer.from(bytes), '/b/performance/2019-20.csv', 'performance/2019-20.csv');
        const table = figureTable(source);
        for (const cell of table.cells) parseFigure(cell.raw);
        for (const p of [...source.problems, ...table.problems]) expect(p.line).toBeGreaterThanOrEqual(1);
      }),
      { numRuns: 3000 },
    );
  });

  it('every string is a figure, a missing value or a reason', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 30 }), (raw) => {
        const value = parseFigure(raw);
        if (value.kind === 'number') expect(Number.isFinite(value.value)).toBe(true);
        if (value.kind === 'invalid') expect(value.reason.length).toBeGreaterThan(0);
      }),
      { numRuns: 5000 },
    );
  });

  it('a Markdown paper with any header block gives a body and, at worst, problems', () => {
    fc.assert(
      fc.property(yamlish, fc.string({ maxLength: 200 }), (header, body) => {
        const paper = parseMarkdownPaper(`---\n${header}\n---\n${body}`, '/b/p.md', 'p.md');
        if (paper.header) schemaProblems(paper.header);
        expect(paper.bodyLine).toBeGreaterThanOrEqual(1);
      }),
      { numRuns: 2000 },
    );
  });

  it('data nested far too deeply is a problem, not a crash', () => {
    const source = parseYaml(`a: ${'['.repeat(20000)}${']'.repeat(20000)}`, '/b/board.yaml', 'board.yaml', 'board');
    expect(source.problems.map((p) => p.message)).toContain('the data is nested too deeply to read');
  });
});

describe('fuzzing the rules across files', () => {
  it('a board of random meetings, minutes and references validates without throwing', async () => {
    const { stringify } = await import('yaml');
    const { validateBoard } = await import('../../src/validate/validate-board.js');
    const id = fc.constantFrom('chair', 'clerk', 'jo', 'nobody', 'Chair', '');
    const date = fc.constantFrom('2019-09-17', '2019-11-26', '2020-01-30', '2019-02-30', 'soon');
    const meeting = fc.record({
      date,
      time: fc.constantFrom('18:00', '6pm'),
      venue: fc.constantFrom('County Hall', ''),
      published: fc.option(date, { nil: undefined }),
      items: fc.array(
        fc.record({
          title: fc.string({ maxLength: 10 }),
          number: fc.option(fc.integer({ min: 0, max: 5 }), { nil: undefined }),
          presenter: fc.option(fc.record({ member: id }), { nil: undefined }),
          late: fc.option(fc.boolean(), { nil: undefined }),
          exempt: fc.option(fc.record({ paragraph: fc.integer({ min: 0, max: 9 }) }), { nil: undefined }),
          papers: fc.option(fc.array(fc.oneof(fc.record({ title: fc.constant('P'), file: fc.constantFrom('papers/a.md', '../x.md', 'a.pdf') }), fc.record({ title: fc.constant('M'), generate: fc.constantFrom('minutes', 'action-log') })), { maxLength: 2 }), { nil: undefined }),
        }, { requiredKeys: ['title'] }),
        { maxLength: 4 },
      ),
    });
    const minutes = fc.record({
      present: fc.array(id, { maxLength: 3 }),
      approves_minutes_of: fc.option(date, { nil: undefined }),
      minutes: fc.array(fc.record({ item: fc.integer({ min: 0, max: 6 }), actions: fc.option(fc.array(fc.record({ id: fc.constantFrom('a', 'b', 'a'), owners: fc.array(id, { maxLength: 2 }), action: fc.constant('Do it'), due: fc.option(date, { nil: undefined }) }), { maxLength: 2 }), { nil: undefined }) }), { maxLength: 3 }),
    }, { requiredKeys: ['present', 'minutes'] });
    const board = stringify({ name: 'B', council: 'C', membership: [{ id: 'chair', name: 'Pat', kind: 'elected' }, { id: 'clerk', name: 'Sam', kind: 'officer' }, { id: 'jo', name: 'Jo', kind: 'young-person' }] });
    const strip = (v: unknown) => JSON.parse(JSON.stringify(v)) as unknown;
    fc.assert(
      fc.property(fc.array(fc.tuple(meeting, fc.option(minutes, { nil: undefined }), fc.constantFrom('2019-09-17', '2019-11-26', '2020-01-30')), { maxLength: 3 }), (folders) => {
        const loaded = {
          dir: '/b',
          board: parseYaml(board, '/b/board.yaml', 'board.yaml', 'board'),
          meetings: folders.map(([m, mins, folder], i) => ({
            id: `${folder}-${i}`,
            dir: `/b/meetings/${folder}-${i}`,
            meeting: parseYaml(stringify(strip(m)), `/b/meetings/${i}/meeting.yaml`, `m${i}.yaml`, 'meeting'),
            ...(mins ? { minutes: parseYaml(stringify(strip(mins)), `/b/meetings/${i}/minutes.yaml`, `n${i}.yaml`, 'minutes') } : {}),
          })),
          plans: [],
          figures: [],
          paperHeaders: [],
        };
        const result = validateBoard(loaded, { today: '2020-01-01', holidays: new Set(['2019-12-25']) });
        for (const p of [...result.errors, ...result.warnings]) expect(p.line).toBeGreaterThanOrEqual(1);
      }),
      { numRuns: 1000 },
    );
  });
});
