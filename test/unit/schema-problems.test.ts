import { describe, expect, it } from 'vitest';
import { parseYaml } from '../../src/load/yaml-file.js';
import type { SourceKind, YamlKind } from '../../src/load/source.js';
import { schemaProblems } from '../../src/validate/schema-problems.js';
import { SCHEMA_FILES, validatorFor } from '../../src/validate/schemas.js';

const BOARD = `name: Corporate Parenting Board
council: Example County Council
membership:
  - id: chair
    name: Pat Example
    kind: elected
`;
const MEETING = `date: 2027-01-14
time: "18:00"
venue: County Hall
items:
  - title: Apologies
    presenter: { member: chair }
`;

function problems(kind: YamlKind, text: string) {
  return schemaProblems(parseYaml(text, `/b/${kind}.yaml`, `${kind}.yaml`, kind)).map((p) => ({
    at: `${p.line}:${p.column}`,
    rule: p.rule,
    message: p.message,
    ...(p.hint ? { hint: p.hint } : {}),
  }));
}

describe('schema problems', () => {
  it('every schema compiles under ajv strict mode', () => {
    for (const kind of Object.keys(SCHEMA_FILES) as SourceKind[]) expect(() => validatorFor(kind)).not.toThrow();
  });

  it.each([
    { name: 'valid board', kind: 'board', text: BOARD, expected: [] },
    { name: 'valid meeting', kind: 'meeting', text: MEETING, expected: [] },
    {
      name: 'unknown member kind, with a suggestion',
      kind: 'board',
      text: BOARD.replace('kind: elected', 'kind: electd'),
      expected: [{ at: '6:11', rule: 'schema/enum', message: "'kind' must be one of: elected, co-opted, officer, young-person", hint: "Did you mean 'elected'?" }],
    },
    {
      name: 'member id with capitals',
      kind: 'board',
      text: BOARD.replace('id: chair', 'id: Chair'),
      expected: [{ at: '4:9', rule: 'schema/pattern', message: '\'id\' must be lower-case letters, digits and single hyphens, e.g. "ian-brown"' }],
    },
    {
      name: 'missing council',
      kind: 'board',
      text: BOARD.replace('council: Example County Council\n', ''),
      expected: [{ at: '1:1', rule: 'schema/required', message: "missing the required field 'council'" }],
    },
    {
      name: 'date that is not a calendar date',
      kind: 'meeting',
      text: MEETING.replace('2027-01-14', '2027-02-30'),
      expected: [{ at: '1:7', rule: 'schema/format', message: "'date' is not a real calendar date" }],
    },
    {
      name: 'date written the British way',
      kind: 'meeting',
      text: MEETING.replace('2027-01-14', '14/01/2027'),
      expected: [{ at: '1:7', rule: 'schema/pattern', message: "'date' must be a date written YYYY-MM-DD, e.g. 2019-11-26" }],
    },
    {
      name: 'time with a dot',
      kind: 'meeting',
      text: MEETING.replace('"18:00"', '"6.00 pm"'),
      expected: [{ at: '2:7', rule: 'schema/pattern', message: '\'time\' must be a 24-hour time written HH:MM, e.g. "18:00"' }],
    },
    {
      name: 'presenter with neither member nor name',
      kind: 'meeting',
      text: MEETING.replace('{ member: chair }', '{ post: Head of Service }'),
      expected: [{ at: '6:16', rule: 'schema/anyOf', message: "'presenter' needs either 'member' (an identifier from board.yaml) or 'name'" }],
    },
    {
      name: 'misspelt item field',
      kind: 'meeting',
      text: MEETING.replace('presenter:', 'presentr:'),
      expected: [{ at: '6:5', rule: 'schema/additionalProperties', message: "unknown field 'presentr'", hint: "Did you mean 'presenter'?" }],
    },
    {
      name: 'empty agenda',
      kind: 'meeting',
      text: MEETING.replace(/items:[\s\S]*/, 'items: []\n'),
      expected: [{ at: '4:8', rule: 'schema/minItems', message: "'items' must not be empty" }],
    },
  ] as const)('$name', ({ kind, text, expected }) => {
    expect(problems(kind, text)).toEqual(expected);
  });
});
