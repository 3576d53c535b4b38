import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildCrashingWhen } from '../helpers/browser-crash.js';
import { copyOfExample, cpb } from '../helpers/cli.js';

// A paper of an exempt item is named on the terminal by the item's title, which the public agenda
// prints, never by its own: CI logs are often public. The example's exempt item 9 ("Residential
// Placement Review") gets a paper whose title holds a word nothing public may show.
const SECRET = 'Zanzibar';
const ENV = { CPB_TODAY: '2019-11-20' };
const MEETING = 'meetings/2019-11-26';

let board: { dir: string; cleanup: () => Promise<void> };
beforeAll(async () => {
  board = await copyOfExample();
  await titleWithSecret(board.dir);
});
afterAll(() => board.cleanup());

async function titleWithSecret(dir: string): Promise<void> {
  await replaceIn(join(dir, MEETING, 'meeting.yaml'), 'title: Residential placement review at Hawthorn Lodge', `title: The ${SECRET} placement of Young Person Q`);
  await replaceIn(join(dir, MEETING, 'papers/placement-review.md'), 'title: Residential placement review at Hawthorn Lodge', `title: The ${SECRET} placement of Young Person Q`);
}

async function replaceIn(path: string, from: string, to: string): Promise<void> {
  const text = await readFile(path, 'utf8');
  expect(text, path).toContain(from);
  await writeFile(path, text.replace(from, to));
}

function expectNoSecret(result: { stdout: string; stderr: string }): void {
  expect(result.stdout.toLowerCase()).not.toContain(SECRET.toLowerCase());
  expect(result.stderr.toLowerCase()).not.toContain(SECRET.toLowerCase());
}

describe("what the terminal shows of an exempt item's paper", () => {
  it('--dry-run lists it by the public title of its item, as a list and as JSON', async () => {
    for (const format of [[], ['--format', 'json']]) {
      const result = await cpb(['build', board.dir, '-m', '2019-11-26', '--dry-run', ...format], { env: ENV });
      expect(result.code, result.stderr).toBe(0);
      expect(result.stdout).toContain('09-1-residential-placement-review.html');
      expectNoSecret(result);
    }
    const listed = await cpb(['build', board.dir, '-m', '2019-11-26', '--dry-run'], { env: ENV });
    expect(listed.stdout).toContain('paper: Residential Placement Review\n');
  });

  it('a build says nothing of its own title', async () => {
    const result = await cpb(['build', board.dir, '-m', '2019-11-26', '--html-only'], { env: ENV });
    expect(result.code, result.stderr).toBe(0);
    expect(result.stdout).toContain('confidential/09-1-residential-placement-review.html');
    expectNoSecret(result);
  });

  it('nor does the error when the browser fails while printing it', async () => {
    // The browser is killed once the first PDF is written, while the meeting's other prints
    // (the exempt paper's among them) are under way: by the time a later one is written, every
    // print may be done.
    const result = await buildCrashingWhen(['build', board.dir, '-m', '2019-11-26', '--force'], /Printing 2019-11-26\//, ENV);
    expect(result.killed, result.stderr).toBe(true);
    expect(result.code, result.stderr).toBe(1);
    // Pages print two at a time, so the error may name whichever print the crash stopped first;
    // when it is the exempt paper's, it is named by its item's public title.
    expect(result.stderr).toMatch(/error The browser crashed while printing 2019-11-26\//);
    const named = /error The browser crashed while printing (2019-11-26\/confidential\/09-1-[^\n]*)/.exec(result.stderr)?.[1];
    if (named) expect(named).toBe('2019-11-26/confidential/09-1-residential-placement-review.pdf (Residential Placement Review)');
    expectNoSecret(result);
  }, 120_000);

  it('nor does a problem found in it, in validate or build', async () => {
    const broken = await copyOfExample();
    try {
      await titleWithSecret(broken.dir);
      // Republished the day after its meeting: an error that points at the paper.
      await replaceIn(join(broken.dir, MEETING, 'meeting.yaml'), '        file: papers/placement-review.md\n', '        file: papers/placement-review.md\n        republished:\n          date: 2019-11-27\n');
      for (const args of [['validate', broken.dir], ['build', broken.dir, '-m', '2019-11-26', '--dry-run']]) {
        const result = await cpb(args, { env: ENV });
        expect(result.code, result.stderr).toBe(1);
        expect(result.stderr + result.stdout).toContain("A paper of 'Residential Placement Review' is republished on 2019-11-27, after the meeting on 2019-11-26");
        expectNoSecret(result);
      }
    } finally {
      await broken.cleanup();
    }
  });
});
