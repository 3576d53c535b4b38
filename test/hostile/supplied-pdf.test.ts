import { execFileSync, spawnSync } from 'node:child_process';
import { copyFile, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { PDFDocument, PDFName, PDFString, StandardFonts, type PDFDict, type PDFRef } from '../../src/pdf-lib.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { describeRemoved, sanitisePdf } from '../../src/print/pdf-sanitise.js';
import { copyOfExample, cpb, FIXTURES } from '../helpers/cli.js';
import { paperFile } from '../helpers/paper-files.js';
import { testTempDir } from '../helpers/temp-dir.js';

const ENV = { CPB_TODAY: '2019-11-20' };
const FIXTURE = join(FIXTURES, 'libreoffice-tagged-plan.pdf');
const VISIBLE = 'Hostile paper visible words';
/** Strings that only the active or attached parts of the hostile PDF hold. */
const HIDDEN = ['app.alert', 'calc.exe', 'EMBEDDED-SECRET-CONTENT', 'ATTACHED-SECRET-CONTENT', 'this.print', 'javascript:void'];

/** A PDF with one of every way a PDF can run something or carry a file, and a web link that may stay. */
async function hostilePdf(): Promise<Uint8Array> {
  const doc = await PDFDocument.create();
  const page = doc.addPage([595, 842]);
  page.drawText(VISIBLE, { x: 72, y: 760, size: 18, font: await doc.embedFont(StandardFonts.Helvetica) });
  const ctx = doc.context;
  const js = (code: string) => ctx.obj({ Type: 'Action', S: 'JavaScript', JS: PDFString.of(code) });
  doc.catalog.set(PDFName.of('OpenAction'), ctx.register(js('app.alert("opened")')));
  doc.catalog.set(PDFName.of('Names'), ctx.obj({ JavaScript: ctx.obj({ Names: [PDFString.of('init'), ctx.register(js('this.print()'))] }) }));
  page.node.set(PDFName.of('AA'), ctx.obj({ O: js('app.alert("page")') }));
  const annot = (dict: Record<string, unknown>): PDFRef => ctx.register(ctx.obj({ Type: 'Annot', Rect: [72, 700, 300, 720], ...dict } as never) as unknown as PDFDict);
  const attached = ctx.register(ctx.flateStream('ATTACHED-SECRET-CONTENT', { Type: 'EmbeddedFile' }));
  page.node.set(
    PDFName.of('Annots'),
    ctx.obj([
      annot({ Subtype: 'Link', A: js('app.alert("link")') }),
      annot({ Subtype: 'Link', A: ctx.obj({ S: 'Launch', F: PDFString.of('calc.exe') }) }),
      annot({ Subtype: 'Link', A: ctx.obj({ S: 'URI', URI: PDFString.of('javascript:void(0)') }) }),
      annot({ Subtype: 'Link', A: ctx.obj({ S: 'URI', URI: PDFString.of('https://www.lancashire.gov.uk/') }) }),
      annot({ Subtype: 'FileAttachment', FS: ctx.obj({ Type: 'Filespec', F: PDFString.of('a.exe'), EF: ctx.obj({ F: attached }) }) } as never),
    ]),
  );
  await doc.attach(new TextEncoder().encode('EMBEDDED-SECRET-CONTENT'), 'secret.txt', { mimeType: 'text/plain' });
  // Streams uncompressed, so a search of the bytes for a removed part cannot miss it.
  return doc.save({ useObjectStreams: false });
}

/** The PDF with every stream decoded, as text to search. */
function qdf(path: string): string {
  const run = spawnSync('qpdf', ['--qdf', '--object-streams=disable', path, '-'], { encoding: 'latin1', maxBuffer: 1 << 28 });
  // 3: done, with warnings.
  expect([0, 3], run.stderr).toContain(run.status);
  return run.stdout;
}

function activeParts(text: string): string[] {
  // As whole names: a font subset such as /AAAAAB+DejaVuSans is not an /AA.
  const names = ['JavaScript', 'JS', 'Launch', 'OpenAction', 'AA', 'EmbeddedFiles', 'EmbeddedFile', 'FileAttachment', 'EF'];
  const found = names.filter((k) => new RegExp(`/${k}(?![A-Za-z0-9+#_.-])`).test(text)).map((k) => `/${k}`);
  return [...found, ...HIDDEN.filter((s) => text.includes(s))];
}

describe('a supplied PDF with scripts, actions and attached files', () => {
  it('is sanitised as a whole, and the description names each thing taken out', async () => {
    const bytes = await hostilePdf();
    const file = join(testTempDir('cpb-sanitise-'), 'check.pdf');
    // The test's PDF does hold every part the check looks for.
    await writeFile(file, bytes);
    expect(activeParts(qdf(file)).length).toBeGreaterThan(8);
    const result = await sanitisePdf(bytes);
    await writeFile(file, result.bytes);
    const text = qdf(file);
    expect(activeParts(text)).toEqual([]);
    expect(text).toContain('https://www.lancashire.gov.uk/');
    expect(describeRemoved(result.removed)).toBe(
      'an OpenAction JavaScript, a document-level script, 2 embedded files, a page action, a JavaScript link action, a Launch link action and a URI link action',
    );
  });

  it('leaves a PDF with nothing active in it byte for byte as it was', async () => {
    const bytes = new Uint8Array(await readFile(FIXTURE));
    const result = await sanitisePdf(bytes);
    expect(result.removed.counts.size).toBe(0);
    expect(Buffer.from(result.bytes).equals(Buffer.from(bytes))).toBe(true);
  });
});

/**
 * The example board with the hostile PDF as item 3's presentation, `after` it in the agenda
 * (papers of the same item, as YAML), its meeting built.
 */
async function builtWithHostilePdf(after: string): Promise<{ board: { dir: string; cleanup: () => Promise<void> }; stderr: string; out: string }> {
  const board = await copyOfExample();
  const papers = join(board.dir, 'meetings/2019-11-26/papers');
  await writeFile(join(papers, 'violence-reduction-unit.pdf'), await hostilePdf());
  await copyFile(FIXTURE, join(papers, 'partnership-plan.pdf'));
  const yaml = join(board.dir, 'meetings/2019-11-26/meeting.yaml');
  const text = await readFile(yaml, 'utf8');
  const line = '        file: papers/violence-reduction-unit.pdf\n';
  expect(text).toContain(line);
  await writeFile(yaml, text.replace(line, `${line}${after}`));
  const r = await cpb(['build', board.dir, '-m', '2019-11-26'], { env: ENV });
  expect(r.code, r.stderr).toBe(0);
  return { board, stderr: r.stderr, out: join(board.dir, 'out') };
}

describe('building a board with a hostile supplied PDF', () => {
  let board: { dir: string; cleanup: () => Promise<void> };
  let stderr = '';
  let out: string;
  beforeAll(async () => {
    ({ board, stderr, out } = await builtWithHostilePdf('      - title: Partnership plan\n        file: papers/partnership-plan.pdf\n'));
  }, 120_000);
  afterAll(() => board.cleanup());

  it('warns once, naming the file and what was taken out', () => {
    const warnings = stderr.split('\n').filter((l) => l.includes('violence-reduction-unit.pdf: removed'));
    expect(warnings).toHaveLength(1);
    expect(warnings[0]).toContain('an OpenAction JavaScript');
    expect(warnings[0]).toContain('2 embedded files');
    expect(warnings[0]).toContain('a Launch link action');
    expect(warnings[0]).not.toContain(board.dir);
    expect(stderr).not.toMatch(/partnership-plan\.pdf: removed/);
  });

  it('publishes on the website a copy with no script, action or attached file, its text intact', async () => {
    const path = paperFile(join(out, 'site/meetings/2019-11-26'), 3, 2, 'pdf');
    expect(activeParts(qdf(path))).toEqual([]);
    expect(execFileSync('pdftotext', [path, '-'], { encoding: 'utf8' })).toContain(VISIBLE);
  });

  it('puts into the pack nothing of them either, and the text is on the pack page', async () => {
    const path = join(out, '2019-11-26/pack.pdf');
    expect(activeParts(qdf(path))).toEqual([]);
    expect(execFileSync('pdftotext', [path, '-'], { encoding: 'utf8' })).toContain(VISIBLE);
  });

  it('passes a LibreOffice PDF through unchanged, its tagged text in the site copy and the pack', async () => {
    const path = paperFile(join(out, 'site/meetings/2019-11-26'), 3, 3, 'pdf');
    expect(Buffer.from(await readFile(path)).equals(await readFile(FIXTURE))).toBe(true);
    const pack = execFileSync('pdfinfo', ['-struct-text', join(out, '2019-11-26/pack.pdf')], { encoding: 'utf8', maxBuffer: 1 << 26, stdio: ['ignore', 'pipe', 'ignore'] });
    expect(pack).toContain('Partnership Plan 2022-24');
  });
});

// Loading the board parses each PDF once and the build cleans that very document, so the second
// paper naming the same bytes must not be handed the document the first already cleaned: it would
// find nothing to take out, and publish the bytes as they came, scripts and all.
describe('building a board whose hostile supplied PDF two papers name', () => {
  let board: { dir: string; cleanup: () => Promise<void> };
  let stderr = '';
  let out: string;
  beforeAll(async () => {
    ({ board, stderr, out } = await builtWithHostilePdf('      - title: The same presentation, again\n        file: papers/violence-reduction-unit.pdf\n'));
  }, 120_000);
  afterAll(() => board.cleanup());

  it('cleans both copies on the website, and says so for each', async () => {
    for (const paper of [2, 3]) {
      const path = paperFile(join(out, 'site/meetings/2019-11-26'), 3, paper, 'pdf');
      expect(activeParts(qdf(path)), path).toEqual([]);
      expect(execFileSync('pdftotext', [path, '-'], { encoding: 'utf8' })).toContain(VISIBLE);
    }
    expect(stderr.split('\n').filter((l) => l.includes('violence-reduction-unit.pdf: removed'))).toHaveLength(2);
  });

  it('puts nothing of them into the pack, and both copies of the text', async () => {
    const path = join(out, '2019-11-26/pack.pdf');
    expect(activeParts(qdf(path))).toEqual([]);
    expect(execFileSync('pdftotext', [path, '-'], { encoding: 'utf8' }).split(VISIBLE)).toHaveLength(3);
  });
});
