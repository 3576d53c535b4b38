import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { checkPdf, checkPdfOnce, sha256Of } from '../../src/load/pdf-check.js';
import { FIXTURES } from '../helpers/cli.js';

describe('a supplied PDF checked for the build', () => {
  const plan = new Uint8Array(readFileSync(join(FIXTURES, 'libreoffice-tagged-plan.pdf')));

  it('is not parsed again when its bytes are the ones loading the board checked', async () => {
    const { pageCount } = await checkPdf(plan, 'papers/plan.pdf');
    expect(await checkPdfOnce(plan, 'papers/plan.pdf', { pageCount, sha256: sha256Of(plan) })).toEqual({ pageCount });
    // What the earlier check said is what counts for the same bytes: nothing reads them again.
    expect(await checkPdfOnce(plan, 'papers/plan.pdf', { pageCount: pageCount + 7, sha256: sha256Of(plan) })).toEqual({ pageCount: pageCount + 7 });
  });

  it('is checked again when it changed since, and a copy cut short is refused naming the file', async () => {
    const checked = { pageCount: (await checkPdf(plan, 'papers/plan.pdf')).pageCount, sha256: sha256Of(plan) };
    const cut = plan.subarray(0, Math.floor(plan.length / 3));
    await expect(checkPdfOnce(cut, 'papers/plan.pdf', checked)).rejects.toMatchObject({ rule: 'load/pdf-damaged', file: 'papers/plan.pdf' });
    const other = new Uint8Array(readFileSync(join(FIXTURES, 'libreoffice-tagged-long.pdf')));
    expect((await checkPdfOnce(other, 'papers/plan.pdf', checked)).pageCount).toBe((await checkPdf(other, 'papers/long.pdf')).pageCount);
  });
});
