import { execFileSync } from 'node:child_process';
import { cp, mkdir, mkdtemp, readdir, readFile, rm, symlink, truncate, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { copyOfExample, cpb, FIXTURES, type CliResult } from '../helpers/cli.js';
import { tinyPng, zip } from '../helpers/zip.js';

/**
 * Every file cpb reads from a board goes through one reader: it must lie inside the board folder
 * once links are followed, be an ordinary file, and be within its size. Each case spoils one file
 * of a copy of the Lancashire example and checks that `cpb validate` and `cpb build` both exit 1
 * naming the file, that the build writes nothing, and that nothing of the refused file shows.
 */

const ENV = { CPB_TODAY: '2019-11-20' };
const MEETING = 'meetings/2019-11-26';
const PAPERS = `${MEETING}/papers`;
const PASSWD_LINE = /root:x:0:/;

/** Files outside every board, for links to point at: made once. */
let outside: string;
beforeAll(async () => {
  outside = await mkdtemp(join(tmpdir(), 'cpb-outside-'));
  await writeFile(join(outside, 'secret.md'), '# Secret\n\nConfidential notes about a child: OUTSIDE-SECRET-TEXT\n');
  await writeFile(join(outside, 'secret.png'), tinyPng());
  await writeFile(join(outside, 'participation.csv'), 'group,quarter,sessions\nOUTSIDE-SECRET-TEXT,Q1,1\n');
});
afterAll(async () => {
  await rm(outside, { recursive: true, force: true });
});

/** Adds a paper named `file` to the first item with papers of the 26 November 2019 meeting. */
async function addPaper(dir: string, file: string, title = 'Notes'): Promise<void> {
  const path = join(dir, MEETING, 'meeting.yaml');
  const text = await readFile(path, 'utf8');
  const anchor = '        file: papers/violence-reduction-unit.pdf\n';
  expect(text).toContain(anchor);
  await writeFile(path, text.replace(anchor, `${anchor}      - title: ${title}\n        file: ${file}\n`));
}

/** Every file under `dir`, with its bytes; none if the folder is absent. */
async function filesUnder(dir: string): Promise<{ path: string; bytes: Buffer }[]> {
  const entries = await readdir(dir, { withFileTypes: true, recursive: true }).catch(() => []);
  return Promise.all(entries.filter((e) => e.isFile()).map(async (e) => ({ path: join(e.parentPath, e.name), bytes: await readFile(join(e.parentPath, e.name)) })));
}

interface Outcome {
  validate: CliResult;
  build: CliResult;
  /** What the build left in out/. */
  written: { path: string; bytes: Buffer }[];
}

/** Spoils a copy of the example with `setup`, then validates and builds it (HTML only: the refusal comes first). */
async function spoilt(setup: (dir: string) => Promise<void>): Promise<Outcome> {
  const board = await copyOfExample();
  try {
    await setup(board.dir);
    const validate = await cpb(['validate', '.'], { cwd: board.dir, env: ENV });
    const build = await cpb(['build', '.', '--html-only'], { cwd: board.dir, env: ENV });
    return { validate, build, written: await filesUnder(join(board.dir, 'out')) };
  } finally {
    await board.cleanup();
  }
}

/** Both commands refused the board with exit 1, naming `file` and `rule`, and the build wrote nothing. */
function expectRefused(outcome: Outcome, file: string, rule: string): void {
  for (const run of [outcome.validate, outcome.build]) {
    expect(run.code, run.stderr).toBe(1);
    expect(run.stderr).toContain(`${file}:1:1  error`);
    expect(run.stderr).toContain(`(${rule})`);
    // No absolute path of the machine, such as the link's target or the temporary folder.
    expect(run.stderr).not.toContain(tmpdir());
    expect(run.stderr).not.toContain('/etc/');
  }
  expect(outcome.validate.stderr).toMatch(/\d+ errors? in \d+ files?/);
  expect(outcome.written).toEqual([]);
}

describe('a file that leads outside the board folder is refused', () => {
  it('a Markdown paper that is a link to /etc/passwd: refused, and no line of it is published', async () => {
    const outcome = await spoilt(async (dir) => {
      await symlink('/etc/passwd', join(dir, PAPERS, 'notes.md'));
      await addPaper(dir, 'papers/notes.md');
    });
    expectRefused(outcome, `${PAPERS}/notes.md`, 'load/outside-board');
    expect(outcome.validate.stderr).toContain(`The paper ${PAPERS}/notes.md is a link to a file outside the board folder`);
    expect(outcome.validate.stderr).toContain('hint: cpb reads only files kept inside the board folder');
    for (const run of [outcome.validate, outcome.build]) expect(run.stdout + run.stderr).not.toMatch(PASSWD_LINE);
    expect(outcome.written.filter((f) => PASSWD_LINE.test(f.bytes.toString('latin1')))).toEqual([]);
  });

  it('a papers/ folder that is a link to a folder outside the board: each of its papers is refused', async () => {
    const outcome = await spoilt(async (dir) => {
      const elsewhere = join(outside, `papers-${Date.now()}`);
      await cp(join(dir, PAPERS), elsewhere, { recursive: true });
      await rm(join(dir, PAPERS), { recursive: true });
      await symlink(elsewhere, join(dir, PAPERS));
    });
    expectRefused(outcome, `${PAPERS}/violence-reduction-unit.pdf`, 'load/outside-board');
    for (const paper of ['exploitation-update.docx', 'performance-information.md']) {
      expect(outcome.validate.stderr).toContain(`${PAPERS}/${paper}:1:1  error`);
    }
  });

  it('a supplied PDF that is a link to a PDF outside the board', async () => {
    const outcome = await spoilt(async (dir) => {
      const target = join(outside, `linked-${Date.now()}.pdf`);
      await cp(join(FIXTURES, 'libreoffice-tagged-plan.pdf'), target);
      await rm(join(dir, PAPERS, 'violence-reduction-unit.pdf'));
      await symlink(target, join(dir, PAPERS, 'violence-reduction-unit.pdf'));
    });
    expectRefused(outcome, `${PAPERS}/violence-reduction-unit.pdf`, 'load/outside-board');
  });

  it('a logo that is a link to a picture outside the board', async () => {
    const outcome = await spoilt(async (dir) => {
      await symlink(join(outside, 'secret.png'), join(dir, 'logo.png'));
      await writeFile(join(dir, 'board.yaml'), `${await readFile(join(dir, 'board.yaml'), 'utf8')}\ntheme:\n  logo: logo.png\n  logo_alt: Lancashire County Council\n`);
    });
    expectRefused(outcome, 'logo.png', 'load/outside-board');
    expect(outcome.validate.stderr).toContain('The logo logo.png is a link to a file outside the board folder');
  });

  it("a table's CSV that is a link to a file outside the board", async () => {
    const outcome = await spoilt(async (dir) => {
      await rm(join(dir, 'tables/participation.csv'));
      await symlink(join(outside, 'participation.csv'), join(dir, 'tables/participation.csv'));
    });
    expectRefused(outcome, 'tables/participation.csv', 'load/outside-board');
    for (const run of [outcome.validate, outcome.build]) expect(run.stdout + run.stderr).not.toContain('OUTSIDE-SECRET-TEXT');
  });

  it("a board template that is a link out of the board's templates folder", async () => {
    const outcome = await spoilt(async (dir) => {
      await mkdir(join(dir, 'templates/partials'), { recursive: true });
      await symlink('/etc/passwd', join(dir, 'templates/partials/cover-report.hbs'));
    });
    expectRefused(outcome, 'templates/partials/cover-report.hbs', 'load/outside-board');
    expect(outcome.validate.stderr).toContain("outside the board's templates folder");
    for (const run of [outcome.validate, outcome.build]) expect(run.stdout + run.stderr).not.toMatch(PASSWD_LINE);
  });

  it('a paper that is a link leading nowhere is reported once, as missing', async () => {
    const board = await copyOfExample();
    try {
      await symlink(join(outside, 'no-such-file.md'), join(board.dir, PAPERS, 'notes.md'));
      await addPaper(board.dir, 'papers/notes.md');
      const validate = await cpb(['validate', '.'], { cwd: board.dir, env: ENV });
      expect(validate.code).toBe(1);
      expect(validate.stderr).toContain("paper 'papers/notes.md' does not exist");
      expect(validate.stderr).toMatch(/1 error in 1 file/);
    } finally {
      await board.cleanup();
    }
  });

  it('a paper that is a link to /dev/zero is refused at once, not read until memory runs out', async () => {
    const outcome = await spoilt(async (dir) => {
      await symlink('/dev/zero', join(dir, PAPERS, 'notes.md'));
      await addPaper(dir, 'papers/notes.md');
    });
    expectRefused(outcome, `${PAPERS}/notes.md`, 'load/outside-board');
  }, 60_000);
});

describe('what is not an ordinary file is refused without being read', () => {
  // A hang makes this fail by its time limit rather than by hanging the suite.
  it('a paper that is a named pipe (FIFO): validate and build end promptly with a problem', async () => {
    const started = Date.now();
    const outcome = await spoilt(async (dir) => {
      execFileSync('mkfifo', [join(dir, PAPERS, 'notes.md')]);
      await addPaper(dir, 'papers/notes.md');
    });
    expectRefused(outcome, `${PAPERS}/notes.md`, 'load/not-a-file');
    expect(outcome.validate.stderr).toContain(`The paper ${PAPERS}/notes.md is a named pipe (FIFO), not a file`);
    expect(Date.now() - started).toBeLessThan(30_000);
  }, 40_000);

  it('a named pipe elsewhere in the board folder that no file names does not stop the build', async () => {
    const board = await copyOfExample();
    try {
      execFileSync('mkfifo', [join(board.dir, 'stray-pipe')]);
      const build = await cpb(['build', '.', '--html-only'], { cwd: board.dir, env: ENV });
      expect(build.code, build.stderr).toBe(0);
    } finally {
      await board.cleanup();
    }
  }, 60_000);

  it('a folder named like a paper (notes.md)', async () => {
    const outcome = await spoilt(async (dir) => {
      await mkdir(join(dir, PAPERS, 'notes.md'));
      await addPaper(dir, 'papers/notes.md');
    });
    expectRefused(outcome, `${PAPERS}/notes.md`, 'load/not-a-file');
    expect(outcome.validate.stderr).toContain(`The paper ${PAPERS}/notes.md is a folder, not a file`);
  });

  it('a meeting file that is a named pipe is refused, not silently skipped', async () => {
    const outcome = await spoilt(async (dir) => {
      execFileSync('mkfifo', [join(dir, 'meetings/2020-05-12/minutes.yaml')]);
    });
    expectRefused(outcome, 'meetings/2020-05-12/minutes.yaml', 'load/not-a-file');
  }, 40_000);
});

describe('a file over its size limit is refused before it is read', () => {
  it('a Markdown paper of 6 MB (the limit is 5 MB)', async () => {
    const outcome = await spoilt(async (dir) => {
      await writeFile(join(dir, PAPERS, 'notes.md'), '');
      await truncate(join(dir, PAPERS, 'notes.md'), 6 * 1024 * 1024);
      await addPaper(dir, 'papers/notes.md');
    });
    expectRefused(outcome, `${PAPERS}/notes.md`, 'load/size');
    expect(outcome.validate.stderr).toContain(`The paper ${PAPERS}/notes.md is 6 MB; the limit for a paper is 5 MB`);
  });

  it('a 300 KB Word document that unzips to 150 MB (a ZIP bomb) is refused by name before it is converted', async () => {
    const outcome = await spoilt(async (dir) => {
      const paragraph = '<w:p><w:r><w:t>All work and no play makes a dull report.</w:t></w:r></w:p>';
      const body = paragraph.repeat(Math.ceil((150 * 1024 * 1024) / paragraph.length));
      const document = `<?xml version="1.0" encoding="UTF-8"?><w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body>${body}</w:body></w:document>`;
      const bomb = zip([{ name: 'word/document.xml', data: document }, { name: '_rels/.rels', data: '<Relationships/>' }], { deflate: true });
      expect(bomb.length).toBeLessThan(1024 * 1024);
      await writeFile(join(dir, PAPERS, 'exploitation-update.docx'), bomb);
    });
    expectRefused(outcome, `${PAPERS}/exploitation-update.docx`, 'load/docx-too-large');
    expect(outcome.validate.stderr).toMatch(/The Word document meetings\/2019-11-26\/papers\/exploitation-update\.docx unzips to 15\d MB \(the limit is 100 MB\)/);
  }, 60_000);
});

describe('cpb validate opens every Word and PDF paper far enough to know it will build', () => {
  const pdf = `${PAPERS}/violence-reduction-unit.pdf`;
  const replacePdf = (make: (source: string, target: string) => Promise<void>) =>
    spoilt(async (dir) => make(join(FIXTURES, 'libreoffice-tagged-plan.pdf'), join(dir, pdf)));

  it('a damaged PDF (cut short)', async () => {
    const outcome = await replacePdf(async (source, target) => writeFile(target, (await readFile(source)).subarray(0, 30_000)));
    expectRefused(outcome, pdf, 'load/pdf-damaged');
    expect(outcome.validate.stderr).toContain(`The PDF ${pdf} is damaged and cannot be read`);
  });

  it('an empty (0-byte) PDF', async () => {
    const outcome = await replacePdf(async (_, target) => writeFile(target, ''));
    expectRefused(outcome, pdf, 'load/empty');
    expect(outcome.validate.stderr).toContain(`The PDF ${pdf} is empty (0 bytes)`);
  });

  it('a PDF with no pages', async () => {
    const outcome = await replacePdf(async (_, target) => {
      const { PDFDocument } = await import('../../src/pdf-lib.js');
      await writeFile(target, await (await PDFDocument.create()).save({ addDefaultPage: false }));
    });
    expectRefused(outcome, pdf, 'load/pdf-no-pages');
  });

  it('a PDF that needs a password to open: said in plain words, never in pdf-lib\'s', async () => {
    const outcome = await replacePdf(async (source, target) => {
      execFileSync('qpdf', ['--encrypt', 'user-pw', 'owner-pw', '256', '--', source, target]);
    });
    expectRefused(outcome, pdf, 'load/pdf-encrypted');
    expect(outcome.validate.stderr).toContain(`The PDF ${pdf} is protected by a password and cannot be opened without it`);
    for (const run of [outcome.validate, outcome.build]) expect(run.stderr).not.toMatch(/PDFDocument|ignoreEncryption/);
  });

  it('a PDF protected only by an owner password: refused with the command that makes it usable, which works', async () => {
    const board = await copyOfExample();
    try {
      const target = join(board.dir, pdf);
      execFileSync('qpdf', ['--encrypt', '', 'owner-pw', '256', '--', join(FIXTURES, 'libreoffice-tagged-plan.pdf'), target]);
      const validate = await cpb(['validate', '.'], { cwd: board.dir, env: ENV });
      expect(validate.code).toBe(1);
      expect(validate.stderr).toContain(`${pdf}:1:1  error  The PDF ${pdf} is protected against changes`);
      expect(validate.stderr).toContain('(load/pdf-protected)');
      expect(validate.stderr).not.toMatch(/PDFDocument|ignoreEncryption/);
      const command = /run `(qpdf [^`]+)`/.exec(validate.stderr)?.[1];
      expect(command).toBe(`qpdf --decrypt --replace-input ${pdf}`);
      // Doing what the hint says makes the board valid.
      execFileSync('sh', ['-c', command!], { cwd: board.dir });
      const again = await cpb(['validate', '.'], { cwd: board.dir, env: ENV });
      expect(again.code, again.stderr).toBe(0);
    } finally {
      await board.cleanup();
    }
  });

  it('a Word document that is not a ZIP archive at all', async () => {
    const outcome = await spoilt(async (dir) => writeFile(join(dir, PAPERS, 'exploitation-update.docx'), 'not a Word document'));
    expectRefused(outcome, `${PAPERS}/exploitation-update.docx`, 'load/docx-damaged');
  });

  it('a password-protected Word document', async () => {
    const outcome = await spoilt(async (dir) => {
      // Word keeps an encrypted .docx in an OLE compound file, not a ZIP archive.
      const ole = Buffer.concat([Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]), Buffer.alloc(4096)]);
      await writeFile(join(dir, PAPERS, 'exploitation-update.docx'), ole);
    });
    expectRefused(outcome, `${PAPERS}/exploitation-update.docx`, 'load/docx-encrypted');
  });

  it('the Word document and PDF made by LibreOffice pass', async () => {
    const board = await copyOfExample();
    try {
      await cp(join(FIXTURES, 'libreoffice-plan.docx'), join(board.dir, PAPERS, 'exploitation-update.docx'));
      await cp(join(FIXTURES, 'libreoffice-tagged-plan.pdf'), join(board.dir, pdf));
      const validate = await cpb(['validate', '.'], { cwd: board.dir, env: ENV });
      expect(validate.code, validate.stderr).toBe(0);
    } finally {
      await board.cleanup();
    }
  });
});

describe('text files saved in the wrong shape say what is wrong in plain words', () => {
  const utf16 = (text: string, bom: boolean) => Buffer.from(`${bom ? '\ufeff' : ''}${text}`, 'utf16le');

  it.each([true, false])('a YAML file saved as UTF-16 (byte-order mark: %s)', async (bom) => {
    const outcome = await spoilt(async (dir) => {
      const path = join(dir, 'actions.yaml');
      await writeFile(path, utf16(await readFile(path, 'utf8'), bom));
    });
    expectRefused(outcome, 'actions.yaml', 'load/utf-16');
    expect(outcome.validate.stderr).toContain('this YAML file is saved as UTF-16 text; cpb reads UTF-8');
    expect(outcome.validate.stderr).toContain('Encoding: UTF-8');
  });

  it('a CSV file saved as UTF-16 (Excel\'s "Unicode Text")', async () => {
    const outcome = await spoilt(async (dir) => {
      const path = join(dir, 'performance/2019-20.csv');
      await writeFile(path, utf16(await readFile(path, 'utf8'), true));
    });
    expectRefused(outcome, 'performance/2019-20.csv', 'load/utf-16');
    expect(outcome.validate.stderr).toContain('this CSV file is saved as UTF-16 text; cpb reads UTF-8');
    expect(outcome.validate.stderr).toContain("'CSV UTF-8 (Comma delimited)'");
  });

  it('two YAML documents in one file: the line of the second ---, and no parser jargon', async () => {
    const board = await copyOfExample();
    try {
      const path = join(board.dir, 'actions.yaml');
      const text = await readFile(path, 'utf8');
      await writeFile(path, `${text.trimEnd()}\n---\n${text}`);
      const line = text.trimEnd().split('\n').length + 1;
      const validate = await cpb(['validate', '.'], { cwd: board.dir, env: ENV });
      expect(validate.code).toBe(1);
      expect(validate.stderr).toContain(`actions.yaml:${line}:1  error  this file holds 2 YAML documents; a data file holds one  (yaml/multiple-documents)`);
      expect(validate.stderr).toContain(`Remove the --- at line ${line}`);
      expect(validate.stderr).not.toContain('parseAllDocuments');
    } finally {
      await board.cleanup();
    }
  });
});

describe('a picture in a Markdown paper goes through the same reader', () => {
  it('a picture that is a link to one outside the board is left out with a warning, not published', async () => {
    const board = await copyOfExample();
    try {
      await symlink(join(outside, 'secret.png'), join(board.dir, PAPERS, 'chart.png'));
      await writeFile(join(board.dir, PAPERS, 'notes.md'), '# Notes\n\n![A chart](chart.png)\n');
      await addPaper(board.dir, 'papers/notes.md');
      const build = await cpb(['build', '.', '--html-only'], { cwd: board.dir, env: ENV });
      expect(build.code, build.stderr).toBe(0);
      expect(build.stderr).toContain(`${PAPERS}/notes.md: Image "chart.png" is outside the board folder; it was left out.`);
      const png = tinyPng().toString('base64');
      const leaked = (await filesUnder(join(board.dir, 'out'))).filter((f) => f.bytes.toString('latin1').includes(png));
      expect(leaked).toEqual([]);
    } finally {
      await board.cleanup();
    }
  }, 60_000);
});
