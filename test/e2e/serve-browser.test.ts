import { mkdtempSync, readdirSync } from 'node:fs';
import { readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { memoryIo } from '../../src/cli/io.js';
import { startServe } from '../../src/cli/commands/serve.js';
import { browserProcesses } from '../helpers/browser-crash.js';
import { cpb } from '../helpers/cli.js';
import { pdfPages } from '../helpers/pdf.js';

const ENV = { CPB_TODAY: '2026-12-01' };

/** The browser processes whose profiles are under `dir`, and their profile folders. */
function browserUnder(dir: string): { pids: number[]; profiles: string[] } {
  return { pids: browserProcesses(dir).pids, profiles: readdirSync(dir).filter((n) => n.startsWith('cpb-chromium-')) };
}

async function until(what: string, probe: () => Promise<boolean> | boolean, ms = 60_000): Promise<void> {
  const end = Date.now() + ms;
  while (Date.now() < end) {
    if (await probe()) return;
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`Timed out after ${ms} ms waiting for ${what}`);
}

describe('cpb serve printing PDFs', () => {
  // Its own TMPDIR: the browser's profile folder is made there, so this server's browser is known.
  const tmp = mkdtempSync(join(tmpdir(), 'cpb-serve-browser-'));
  const previous = process.env['TMPDIR'];
  afterAll(async () => {
    if (previous === undefined) delete process.env['TMPDIR'];
    else process.env['TMPDIR'] = previous;
    await rm(tmp, { recursive: true, force: true });
  });

  it('keeps one browser for its builds, starts another when that one dies, and leaves none when it stops', async () => {
    const board = join(tmp, 'board');
    expect((await cpb(['init', board], { env: ENV })).code).toBe(0);
    process.env['TMPDIR'] = tmp;
    const io = memoryIo(ENV);
    const server = await startServe(board, { port: '0', timeout: '60', settleMs: 100 }, io);
    const agenda = join(board, 'out/2027-01-14/agenda.pdf');
    const meeting = join(board, 'meetings/2027-01-14/meeting.yaml');
    const venue = async (name: string) => {
      const builds = server.builds;
      await writeFile(meeting, (await readFile(meeting, 'utf8')).replace(/^venue: .*$/m, `venue: ${name}`));
      await until('a build after the edit', () => server.builds > builds);
      await server.idle();
      expect(io.err.join(''), io.err.join('')).not.toContain('The site still shows the last successful build');
      expect((await pdfPages(agenda)).join(' ')).toContain(name);
    };
    try {
      expect((await pdfPages(agenda)).join(' ')).toContain('Committee Room 1, County Hall');
      const first = browserUnder(tmp);
      expect(first.profiles).toHaveLength(1);
      expect(first.pids.length).toBeGreaterThan(0);

      // An edit prints with the browser the first build started.
      await venue('The Cabinet Room');
      expect(browserUnder(tmp)).toEqual(first);

      // Killed between builds (out of memory, say): the next build starts one of its own.
      for (const pid of first.pids) {
        try {
          process.kill(pid, 'SIGKILL');
        } catch {
          // already gone
        }
      }
      await until('the browser to be gone', () => browserUnder(tmp).pids.every((pid) => !first.pids.includes(pid)));
      await venue('The Council Chamber');
      const second = browserUnder(tmp);
      expect(second.profiles).toHaveLength(1);
      expect(second.profiles).not.toEqual(first.profiles);
    } finally {
      await server.close();
    }
    // Stopped: no browser left running, and no profile folder left behind.
    expect(browserUnder(tmp)).toEqual({ pids: [], profiles: [] });
  }, 180_000);
});
