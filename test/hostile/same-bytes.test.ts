import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { mkdtempSync } from 'node:fs';
import { cp, mkdtemp, readFile, readdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { BrowserSession } from '../../src/print/browser-session.js';
import { finishPdf } from '../../src/print/pdf-finish.js';
import { printPdf } from '../../src/print/print-pdf.js';
import { builtCopyOfExample } from '../helpers/built-example.js';
import { EXAMPLES, cpb } from '../helpers/cli.js';

const ENV = { CPB_TODAY: '2019-11-20' };
/** Clean builds of each example board compared; 20 is the guarantee, 3 keeps CI in time. */
const BUILDS = Number(process.env['CPB_SAME_BYTES_BUILDS'] ?? 3);
/** Prints of one document compared, some side by side as the build prints them. */
const PRINTS = 20;

async function hashes(dir: string): Promise<Map<string, string>> {
  const out = new Map<string, string>();
  const walk = async (d: string): Promise<void> => {
    for (const e of await readdir(d, { withFileTypes: true })) {
      const path = join(d, e.name);
      if (e.isDirectory()) await walk(path);
      else out.set(path.slice(dir.length + 1), createHash('sha256').update(await readFile(path)).digest('hex'));
    }
  };
  await walk(dir);
  return out;
}

/** Paths whose content differs between two trees, and those in one only. */
function differences(a: Map<string, string>, b: Map<string, string>): string[] {
  const keys = new Set([...a.keys(), ...b.keys()]);
  return [...keys].filter((k) => a.get(k) !== b.get(k)).sort();
}

// A document with what Chromium gives ids to: table header cells named by the data cells.
const HTML = `<!doctype html><html lang="en"><head><title>Same bytes</title></head><body>
<h1>Performance information</h1>
${Array.from({ length: 6 }, (_, t) => `<h2>Table ${t + 1}</h2><table><thead><tr><th scope="col">Indicator</th><th scope="col">Target</th><th scope="col">Actual</th></tr></thead>
<tbody>${Array.from({ length: 8 }, (_, r) => `<tr><th scope="row">Measure ${t}.${r}</th><td>${r * 3}%</td><td>${r * 4}%</td></tr>`).join('')}</tbody></table>`).join('\n')}
</body></html>`;

describe('the same inputs give the same bytes', () => {
  const session = new BrowserSession({ browserPath: '/usr/bin/chromium', timeoutMs: 60_000 });
  const tmp = mkdtempSync(join(tmpdir(), 'cpb-same-bytes-'));
  process.env['TMPDIR'] = tmp;
  afterAll(async () => {
    await session.close();
    await rm(tmp, { recursive: true, force: true });
  });

  it(`one document printed ${PRINTS} times, some side by side, is finished to identical bytes with a content /ID`, async () => {
    const meta = { title: 'Same bytes', author: 'Test', language: 'en-GB', date: new Date('2019-11-20T00:00:00Z') };
    const finished: Uint8Array[] = [];
    // Rounds of five prints at once: the browser's node numbering then depends on their timing.
    for (let round = 0; round < PRINTS / 5; round++) {
      const printed = await Promise.all(Array.from({ length: 5 }, (_, i) => printPdf(session, HTML, `same-${round}-${i}.pdf`)));
      finished.push(...(await Promise.all(printed.map((bytes) => finishPdf(bytes, meta)))));
    }
    const first = Buffer.from(finished[0]!);
    finished.forEach((bytes, i) => expect(Buffer.from(bytes).equals(first), `print ${i + 1} differs from the first`).toBe(true));

    // The structure elements carry ids in tree order, and the /ID is in the trailer.
    const file = join(tmp, 'same.pdf');
    await writeFile(file, first);
    const qdf = execFileSync('qpdf', ['--qdf', '--object-streams=disable', file, '-'], { encoding: 'latin1', maxBuffer: 1 << 26 });
    const ids = [...qdf.matchAll(/\/ID \((id\d+)\)/g)].map((m) => m[1]);
    expect(ids.length).toBeGreaterThan(20);
    expect(ids[0]).toBe('id000001');
    const trailer = execFileSync('qpdf', ['--show-object=trailer', file], { encoding: 'latin1' });
    expect(trailer).toMatch(/\/ID \[ <[0-9a-f]{32}> <[0-9a-f]{32}> \]/);

    // A different document gets a different /ID.
    const other = await finishPdf(await printPdf(session, HTML.replace('Table 1', 'Table one'), 'other.pdf'), meta);
    await writeFile(file, other);
    expect(execFileSync('qpdf', ['--show-object=trailer', file], { encoding: 'latin1' })).not.toBe(trailer);
  }, 180_000);

  for (const board of ['lancashire', 'north-lincolnshire']) {
    it(`${BUILDS} clean builds of examples/${board} give identical files`, async () => {
      let first: Map<string, string> | undefined;
      const cleanBuild = async () => {
        const parent = await mkdtemp(join(tmp, 'board-'));
        const dir = join(parent, board);
        await cp(join(EXAMPLES, board), dir, { recursive: true, filter: (src) => !src.startsWith(join(EXAMPLES, board, 'out')) });
        const result = await cpb(['build', dir], { env: { ...ENV, TMPDIR: tmp } });
        return { dir, result, cleanup: () => rm(parent, { recursive: true, force: true }) };
      };
      for (let n = 1; n <= BUILDS; n++) {
        // Build 1 is the clean build of the example that other test files share, made once per
        // run by another cpb in another folder; the rest are made here.
        const { dir, result: r, cleanup } = n === 1 ? await builtCopyOfExample([], ENV, board) : await cleanBuild();
        expect(r.code, r.stderr).toBe(0);
        const files = await hashes(join(dir, 'out'));
        await cleanup();
        expect(files.size).toBeGreaterThan(20);
        if (!first) first = files;
        else expect(differences(first, files), `build ${n} differs from build 1`).toEqual([]);
      }
    }, 120_000 * BUILDS);
  }
});
