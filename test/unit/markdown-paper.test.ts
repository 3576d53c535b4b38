import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Ajv2020 } from 'ajv/dist/2020.js';
import addFormatsModule from 'ajv-formats';
import { afterAll, describe, expect, it } from 'vitest';
import { loadMarkdownPaper, parseMarkdownPaper } from '../../src/load/markdown-paper.js';
import { positionOf } from '../../src/load/yaml-file.js';

const parse = (text: string) => parseMarkdownPaper(text, '/board/meetings/2019-11-26/papers/p.md', 'papers/p.md');

const PAPER = [
  '---', //                                              1
  'title: Children in Care performance information', //  2
  'report_of: Report of the Head of Business Intelligence', // 3
  'recommendations:', //                                 4
  '  - To note the report.', //                          5
  '---', //                                              6
  '# Background', //                                     7
  '',
  'Text.',
  '',
].join('\n');

describe('a Markdown paper', () => {
  it('splits the header block from the body', () => {
    const paper = parse(PAPER);
    expect(paper.header?.problems).toEqual([]);
    expect(paper.header?.data).toEqual({
      title: 'Children in Care performance information',
      report_of: 'Report of the Head of Business Intelligence',
      recommendations: ['To note the report.'],
    });
    expect(paper.body).toBe('# Background\n\nText.\n');
    expect(paper.bodyLine).toBe(7);
    expect(paper.body.split('\n')[0]).toBe(PAPER.split('\n')[paper.bodyLine - 1]);
    expect(paper.header?.kind).toBe('paper');
  });

  it('has no header when the first line is not ---', () => {
    const paper = parse('# Title\n\n---\n\nText after a rule.\n');
    expect(paper.header).toBeUndefined();
    expect(paper.body).toBe('# Title\n\n---\n\nText after a rule.\n');
    expect(paper.bodyLine).toBe(1);
  });

  it('strips a byte-order mark, so the header is still found', () => {
    const paper = parse(`\uFEFF${PAPER}`);
    expect(paper.header?.data).toMatchObject({ title: 'Children in Care performance information' });
    expect(paper.bodyLine).toBe(7);
  });

  it('accepts Windows line endings and trailing spaces on the fences', () => {
    const paper = parse('---  \r\ntitle: A\r\n--- \r\nBody\r\n');
    expect(paper.header?.data).toEqual({ title: 'A' });
    expect(paper.body).toBe('Body\r\n');
    expect(paper.bodyLine).toBe(4);
  });

  it('takes an empty header block and a header at the very end of the file', () => {
    expect(parse('---\n---\nBody').header?.data).toBeNull();
    const end = parse('---\ntitle: A\n---');
    expect(end.header?.data).toEqual({ title: 'A' });
    expect(end.body).toBe('');
    expect(end.bodyLine).toBe(4);
  });

  it('reports header problems at lines of the .md file', () => {
    const paper = parse(['---', 'title: A', 'summary: B', 'title: C', '---', 'Body'].join('\n'));
    expect(paper.header?.data).toBeUndefined();
    expect(paper.header?.problems).toMatchObject([
      { severity: 'error', rule: 'yaml/duplicate-key', line: 4, column: 1, file: 'papers/p.md' },
    ]);

    const syntax = parse(['---', 'title: A', 'recommendations:', '  - one', '   bad: [', '---', 'Body'].join('\n'));
    expect(syntax.header?.problems[0]).toMatchObject({ severity: 'error', rule: 'yaml/syntax' });
    expect(syntax.header!.problems[0]!.line).toBeGreaterThanOrEqual(4);
    expect(syntax.header!.problems[0]!.line).toBeLessThanOrEqual(5);
  });

  it('points positionOf at lines and columns of the .md file', () => {
    const header = parse(PAPER).header!;
    expect(positionOf(header, ['title'])).toEqual({ line: 2, column: 8 });
    expect(positionOf(header, ['report_of'], true)).toEqual({ line: 3, column: 1 });
    expect(positionOf(header, ['recommendations', '0'])).toEqual({ line: 5, column: 5 });
    // A field that is missing points at the start of the header's content.
    expect(positionOf(header, ['summary']).line).toBe(2);
  });

  it('reports an opening --- that is never closed', () => {
    const paper = parse('---\ntitle: A\n\nBody without a closing fence.\n');
    expect(paper.header?.data).toBeUndefined();
    expect(paper.header?.problems).toMatchObject([{ severity: 'error', rule: 'paper/unclosed-header', line: 1, column: 1 }]);
    expect(paper.body).toBe('title: A\n\nBody without a closing fence.\n');
    expect(paper.bodyLine).toBe(2);
  });
});

describe('loading a Markdown paper', () => {
  const dir = mkdtempSync(join(tmpdir(), 'cpb-paper-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('reads the file, byte-order mark and all', async () => {
    const file = join(dir, 'paper.md');
    writeFileSync(file, `\uFEFF${PAPER}`);
    const paper = await loadMarkdownPaper(file, 'paper.md', null);
    expect(paper.path).toBe(file);
    expect(paper.displayPath).toBe('paper.md');
    expect(paper.header?.displayPath).toBe('paper.md');
    expect(paper.bodyLine).toBe(7);
  });

  it('names a file it cannot read', async () => {
    await expect(loadMarkdownPaper(join(dir, 'missing.md'), 'papers/missing.md', null)).rejects.toMatchObject({
      file: 'papers/missing.md',
      message: expect.stringContaining('papers/missing.md') as unknown,
    });
  });
});

describe('the paper header schema', () => {
  const addFormats = addFormatsModule as unknown as typeof addFormatsModule.default;
  const schema = JSON.parse(readFileSync(join(import.meta.dirname, '../../schemas/paper.schema.json'), 'utf8')) as Record<string, unknown>;
  const ajv = new Ajv2020({ allErrors: true, strict: true, strictRequired: false });
  addFormats(ajv, ['date', 'email', 'uri']);
  ajv.addKeyword({ keyword: 'x-messages', schemaType: 'object' });
  const validate = ajv.compile(schema);

  it('accepts a full cover-report header', () => {
    const header = {
      title: 'Children in Care and Care Leavers performance information',
      report_of: 'Report of the Head of Business Intelligence',
      from: [{ name: 'Michael Walder', post: 'Senior Business Intelligence Manager' }],
      divisions: '(All Divisions)',
      purpose: 'To give the Board an overview of performance information.',
      recommendations: ['For the Board to discuss and comment on the information presented.'],
      contacts: [{ name: 'Michael Walder', post: 'Senior Business Intelligence Manager', phone: '01772 533637', email: 'michael.walder@lancashire.gov.uk' }],
      summary: 'The report gives an overview of performance information.',
      implications: { resources: 'None', procurement: 'N/A', legal_and_risk: 'None', equality_and_diversity: 'None', engagement: 'None', localism: 'N/A', public_health: 'None', risk_management: 'None' },
      background_papers: [{ title: 'None', date: 'November 2019', contact: 'Michael Walder, 01772 533637' }],
      appendices: ['Appendix A: Performance tables'],
    };
    expect(validate(header), JSON.stringify(validate.errors)).toBe(true);
    expect(validate({ title: 'A', divisions: ['Preston East', 'Preston West'] })).toBe(true);
  });

  it('refuses unknown fields, a missing title and a bad email', () => {
    expect(validate({ author: 'Someone' })).toBe(false);
    expect(validate.errors?.map((e) => e.keyword).sort()).toEqual(['additionalProperties', 'required']);
    expect(validate({ title: 'A', contacts: [{ name: 'B', email: 'not an email' }] })).toBe(false);
    expect(validate({ title: 'A', implications: { finance: 'None' } })).toBe(false);
  });

  it('gives every property a title and a description', () => {
    const missing: string[] = [];
    const visit = (node: unknown, path: string) => {
      if (!node || typeof node !== 'object') return;
      const n = node as Record<string, unknown>;
      for (const [name, field] of Object.entries((n['properties'] as Record<string, Record<string, unknown>>) ?? {})) {
        if (!(field['title'] && field['description'])) missing.push(`${path}.${name}`);
        visit(field, `${path}.${name}`);
      }
      for (const [name, def] of Object.entries((n['$defs'] as Record<string, unknown>) ?? {})) visit(def, `${path}#${name}`);
      visit(n['items'], `${path}[]`);
    };
    visit(schema, 'paper');
    expect(missing).toEqual([]);
  });
});
