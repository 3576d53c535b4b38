import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { pdfText } from '../../src/render/site/pdf-text.js';
import { FIXTURES, ROOT } from '../helpers/cli.js';

/** The words of supplied PDFs for the site's search, read in a worker thread. */
describe('pdfText', () => {
  const plan = readFileSync(join(FIXTURES, 'libreoffice-tagged-plan.pdf'));
  const long = readFileSync(join(FIXTURES, 'libreoffice-tagged-long.pdf'));

  it("reads a LibreOffice PDF's words and pages, as pdftotext sees them", async () => {
    const { text, pages } = await pdfText(plan);
    expect(pages).toBe(Number(/Pages:\s+(\d+)/.exec(execFileSync('pdfinfo', [join(FIXTURES, 'libreoffice-tagged-plan.pdf')], { encoding: 'utf8' }))![1]));
    const firstWords = execFileSync('pdftotext', [join(FIXTURES, 'libreoffice-tagged-plan.pdf'), '-'], { encoding: 'utf8' }).split(/\s+/).filter(Boolean).slice(0, 6).join(' ');
    expect(text).toContain(firstWords);
  });

  it('answers many at once, each with its own PDF, and leaves the caller its bytes', async () => {
    const alone = [await pdfText(plan), await pdfText(long)];
    const before = plan.length;
    // More at once than there are readers: each reader has several waiting, read in turn (pdf.js
    // reading two documents at once in one thread fails with "Invalid page request").
    const order = [plan, long, long, plan, long, plan, plan, long];
    const results = await Promise.all(order.map((bytes) => pdfText(bytes)));
    results.forEach((result, i) => expect(result).toEqual(alone[order[i] === plan ? 0 : 1]));
    expect(alone[0]!.text).not.toEqual(alone[1]!.text);
    expect(plan.length).toBe(before);
  });

  it('rejects what is not a PDF, and reads the next one all the same', async () => {
    await expect(pdfText(new TextEncoder().encode('not a PDF at all'))).rejects.toThrow();
    expect((await pdfText(plan)).pages).toBeGreaterThan(0);
  });

  it('does not hold the process open once it has read', () => {
    // A process that reads one PDF and ends: it exits by itself, promptly.
    const script = `import { pdfText } from ${JSON.stringify(join(ROOT, 'dist/render/site/pdf-text.js'))};
import { readFileSync } from 'node:fs';
const { pages } = await pdfText(readFileSync(${JSON.stringify(join(FIXTURES, 'libreoffice-tagged-plan.pdf'))}));
console.log(pages);`;
    const started = Date.now();
    const out = execFileSync(process.execPath, ['--input-type=module', '-e', script], { encoding: 'utf8', timeout: 20_000 });
    expect(Number(out.trim())).toBeGreaterThan(0);
    expect(Date.now() - started).toBeLessThan(15_000);
  });
});
