import { describe, expect, it } from 'vitest';
import { decodeText, parseYaml, positionOf } from '../../src/load/yaml-file.js';

const parse = (text: string) => parseYaml(text, '/x/board.yaml', 'board.yaml', 'board');

describe('loading YAML', () => {
  it('keeps YAML 1.1 booleans, slashed dates and ISO dates as text', () => {
    const { data, problems } = parse('a: no\nb: yes\nc: 01/02/2019\nd: 2019-11-26\ne: "18:00"\nf: 18:00\n');
    expect(problems).toEqual([]);
    expect(data).toEqual({ a: 'no', b: 'yes', c: '01/02/2019', d: '2019-11-26', e: '18:00', f: '18:00' });
  });

  it('reports a duplicate key with its line and column', () => {
    const { problems, data } = parse('name: A\ncouncil: B\nname: C\n');
    expect(data).toBeUndefined();
    expect(problems).toMatchObject([{ severity: 'error', line: 3, column: 1, rule: 'yaml/duplicate-key', file: 'board.yaml' }]);
  });

  it('reports a syntax error where it is', () => {
    const { problems } = parse('name: A\nitems:\n  - title: x\n   bad: [\n');
    expect(problems[0]).toMatchObject({ severity: 'error', rule: 'yaml/syntax' });
    expect(problems[0]!.line).toBeGreaterThanOrEqual(3);
  });

  it('refuses an alias bomb instead of expanding it', () => {
    const bomb = ['a: &a [x, x, x, x, x, x, x, x, x, x]'];
    for (let i = 1; i < 9; i++) bomb.push(`${String.fromCharCode(97 + i)}: &${String.fromCharCode(97 + i)} [${Array(10).fill(`*${String.fromCharCode(96 + i)}`).join(', ')}]`);
    const { problems, data } = parse(bomb.join('\n'));
    expect(data).toBeUndefined();
    expect(problems[0]).toMatchObject({ severity: 'error', rule: 'yaml/syntax' });
  });

  it('drops a UTF-8 byte-order mark', () => {
    expect(decodeText(Buffer.from('\ufeffname: A', 'utf8'))).toBe('name: A');
  });

  it('finds the position of a nested value, a key, and the nearest existing ancestor', () => {
    const source = parse('name: A\nmembership:\n  - id: x\n    kind: elected\n');
    expect(positionOf(source, ['membership', '0', 'kind'])).toEqual({ line: 4, column: 11 });
    expect(positionOf(source, ['membership', '0', 'kind'], true)).toEqual({ line: 4, column: 5 });
    expect(positionOf(source, ['membership', '0', 'missing'])).toEqual({ line: 3, column: 5 });
    expect(positionOf(source, [])).toEqual({ line: 1, column: 1 });
  });
});

describe('files that are not what they should be', () => {
  it('refuses a data file over the size limit with a clear error naming it', async () => {
    const { mkdtemp, writeFile, rm } = await import('node:fs/promises');
    const { tmpdir } = await import('node:os');
    const { join } = await import('node:path');
    const { loadYamlFile } = await import('../../src/load/yaml-file.js');
    const dir = await mkdtemp(join(tmpdir(), 'cpb-big-'));
    try {
      const path = join(dir, 'board.yaml');
      await writeFile(path, `name: ${'x'.repeat(6 * 1024 * 1024)}\n`);
      // Since the one reader, a refused file is a problem of that file (validate lists it with the rest).
      const source = await loadYamlFile(path, 'board.yaml', 'board', null);
      expect(source.data).toBeUndefined();
      expect(source.problems).toMatchObject([{ file: 'board.yaml', rule: 'load/size', message: 'The data file board.yaml is 6 MB; the limit for a data file is 5 MB' }]);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });

  it('reads a binary file as problems, not a crash', () => {
    const bytes = Buffer.from(Array.from({ length: 512 }, (_, i) => (i * 37) % 256));
    expect(bytes.includes(0)).toBe(true);
    const { problems } = parse(bytes.toString('utf8'));
    expect(problems.length).toBeGreaterThan(0);
    expect(problems[0]).toMatchObject({ line: 1, column: 1, rule: 'load/binary' });
  });
});
