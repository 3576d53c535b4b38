import { copyFile, readdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { copyOfExample, cpb, FIXTURES } from '../helpers/cli.js';

// The words of a supplied PDF, which the site's search finds, are read from it once: a rebuild
// keeps them while the file's bytes stay the same, and reads the file again once they change.
const ENV = { CPB_TODAY: '2019-11-20' };
const SUPPLIED = 'meetings/2019-11-26/papers/violence-reduction-unit.pdf';

describe('the words of a supplied PDF, over rebuilds', () => {
  let board: { dir: string; cleanup: () => Promise<void> };
  const build = () => cpb(['build', board.dir, '--meeting', '2019-11-26', '--html-only'], { env: ENV });
  /** The words the site's search has of the supplied PDF (item 3's second paper), as its build recorded them. */
  const words = async (): Promise<string> => {
    const record = JSON.parse(await readFile(join(board.dir, 'out/.cpb-build-cache.json'), 'utf8'));
    return record.units['2019-11-26'].published.find((f: { name: string }) => f.name.startsWith('03-2-')).text;
  };
  /** Whether the site's search index has a word (MiniSearch keeps its terms in lower case). */
  const indexed = async (word: string) => (await readFile(join(board.dir, 'out/site/search-index.js'), 'utf8')).includes(`["${word.toLowerCase()}",`);
  const editPaper = async (line: string) => {
    const paper = join(board.dir, 'meetings/2019-11-26/papers/delivery-plan.md');
    await writeFile(paper, `${await readFile(paper, 'utf8')}\n${line}\n`);
  };
  beforeAll(async () => {
    board = await copyOfExample();
    const r = await build();
    expect(r.code, r.stderr).toBe(0);
  });
  afterAll(() => board.cleanup());

  it('are kept while the PDF is unchanged, and read again from a PDF put in its place', async () => {
    expect(await words()).toContain('Strategic aim');
    await editPaper('A sentence added to the delivery plan.');
    expect((await build()).code).toBe(0);
    expect(await words()).toContain('Strategic aim');
    expect(await indexed('Strategic')).toBe(true);

    // A LibreOffice PDF, with words of its own, in the supplied file's place.
    const fixture = (await readdir(FIXTURES)).find((f) => f.endsWith('.pdf'))!;
    await copyFile(join(FIXTURES, fixture), join(board.dir, SUPPLIED));
    await editPaper('Another sentence.');
    const r = await build();
    expect(r.code, r.stderr).toBe(0);
    const now = await words();
    expect(now).not.toContain('Strategic aim');
    expect(now.length).toBeGreaterThan(20);
    const word = now.split(/\W+/).find((w) => w.length > 6 && /^[A-Za-z]+$/.test(w))!;
    expect(await indexed(word)).toBe(true);
  });
});
