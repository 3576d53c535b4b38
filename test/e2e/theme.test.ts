import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { copyOfExample, cpb } from '../helpers/cli.js';
import { pdfPages } from '../helpers/pdf.js';
import { paperFile } from '../helpers/paper-files.js';

// A second board folder with the council's own look: a theme in board.yaml and two templates of
// its own (the agenda document and the cover-report partial) in place of cpb's.
const LOGO = '<svg xmlns="http://www.w3.org/2000/svg" width="200" height="40"><rect width="200" height="40" fill="#7a1f5c"/><text x="10" y="26" fill="#fff">Example</text></svg>';

describe('a board with its own theme and templates', () => {
  let board: { dir: string; cleanup: () => Promise<void> };
  beforeAll(async () => {
    board = await copyOfExample();
    const boardFile = join(board.dir, 'board.yaml');
    await writeFile(
      boardFile,
      `${await readFile(boardFile, 'utf8')}
theme:
  logo: theme/logo.svg
  logo_alt: Lancashire County Council
  accent: "#7a1f5c"
  font: Georgia, "DejaVu Serif", serif
  address:
    - County Hall
    - Preston PR1 0LD
`,
    );
    await mkdir(join(board.dir, 'theme'));
    await writeFile(join(board.dir, 'theme/logo.svg'), LOGO);
    await mkdir(join(board.dir, 'templates/documents'), { recursive: true });
    await mkdir(join(board.dir, 'templates/partials'), { recursive: true });
    await writeFile(join(board.dir, 'templates/documents/agenda.hbs'), '{{#> layout}}<p class="banner">Published by Democratic Services</p>{{> front-sheet}}{{/layout}}\n');
    const cover = await readFile(join(import.meta.dirname, '../../templates/partials/cover-report.hbs'), 'utf8');
    await writeFile(join(board.dir, 'templates/partials/cover-report.hbs'), cover.replace('<article class="cover-report">', '<article class="cover-report"><p class="banner">Lancashire report template</p>'));
  });
  afterAll(() => board.cleanup());

  it('uses the overridden templates and the theme in HTML and PDF', async () => {
    const r = await cpb(['build', board.dir, '--meeting', '2019-11-26'], { env: { CPB_TODAY: '2019-11-20' } });
    expect(r.code, r.stderr).toBe(0);
    const agenda = await readFile(join(board.dir, 'out/2019-11-26/agenda.html'), 'utf8');
    expect(agenda).toContain('<p class="banner">Published by Democratic Services</p>');
    expect(agenda).toContain(':root { --accent: #7a1f5c; font-family: Georgia, "DejaVu Serif", serif; }');
    expect(agenda).toMatch(/<img src="data:image\/svg\+xml;base64,[^"]+" alt="Lancashire County Council">/);
    expect(agenda).toContain('<address class="council-address">County Hall<br>Preston PR1 0LD</address>');
    const paper = await readFile(paperFile(join(board.dir, 'out/2019-11-26'), 4, 1, 'html'), 'utf8');
    expect(paper).toContain('Lancashire report template');
    const pack = await pdfPages(join(board.dir, 'out/2019-11-26/pack.pdf'));
    expect(pack.slice(0, 3).join(' ')).toContain('County Hall Preston PR1 0LD');
    expect(pack.join(' ')).toContain('Lancashire report template');
  });

  it('refuses an accent colour too pale to read, naming the line', async () => {
    const boardFile = join(board.dir, 'board.yaml');
    const text = (await readFile(boardFile, 'utf8')).replace('accent: "#7a1f5c"', 'accent: "#ffcc00"');
    await writeFile(boardFile, text);
    const line = text.split('\n').findIndex((l) => l.includes('#ffcc00')) + 1;
    const r = await cpb(['validate', board.dir], { env: { CPB_TODAY: '2019-11-20' } });
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(new RegExp(`board\\.yaml:${line}:11  error  the accent colour #ffcc00 has a contrast of 1\\.\\d\\d:1 on white`));
  });
});
