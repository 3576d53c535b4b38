import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { checkPdf, sha256Of } from '../../src/load/pdf-check.js';
import { ParsedPdfs } from '../../src/load/parsed-pdfs.js';
import { FIXTURES } from '../helpers/cli.js';

const fixture = (name: string) => readFile(join(FIXTURES, name)).then((b) => new Uint8Array(b));

describe('the supplied PDFs kept parsed from loading to building', () => {
  it('gives each document once, and only for the very bytes it was parsed from', async () => {
    const bytes = await fixture('libreoffice-tagged-plan.pdf');
    const { doc, pageCount } = await checkPdf(bytes, 'papers/plan.pdf');
    expect(doc.getPageCount()).toBe(pageCount);
    const parsed = new ParsedPdfs();
    parsed.keep(sha256Of(bytes), bytes.length, doc);
    const changed = new Uint8Array(bytes);
    const at = changed.length - 2;
    changed[at] = changed[at]! ^ 1;
    expect(parsed.take(sha256Of(changed))).toBeUndefined();
    expect(parsed.take(sha256Of(bytes))).toBe(doc);
    expect(parsed.take(sha256Of(bytes))).toBeUndefined();
  });

  it('keeps no more bytes than its budget: past it, the build parses again', async () => {
    const first = await fixture('libreoffice-tagged-plan.pdf');
    const second = await fixture('libreoffice-tagged-long.pdf');
    const parsed = new ParsedPdfs(first.length + second.length - 1);
    parsed.keep(sha256Of(first), first.length, (await checkPdf(first, 'a.pdf')).doc);
    parsed.keep(sha256Of(second), second.length, (await checkPdf(second, 'b.pdf')).doc);
    expect(parsed.take(sha256Of(first))).toBeDefined();
    expect(parsed.take(sha256Of(second))).toBeUndefined();
  });
});
