import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildCrashingWhen } from '../helpers/browser-crash.js';
import { copyOfExample } from '../helpers/cli.js';
import { paperName, printingPaper } from '../helpers/paper-files.js';

const ENV = { CPB_TODAY: '2019-11-20' };

describe('when the browser crashes while printing', () => {
  let board: { dir: string; cleanup: () => Promise<void> };
  beforeAll(async () => {
    board = await copyOfExample();
  });
  afterAll(() => board.cleanup());

  it('the error says which paper was printing, in words, with no protocol jargon', async () => {
    const { code, stderr, killed } = await buildCrashingWhen(['build', board.dir, '--meeting', '2019-11-26', '--force'], printingPaper('2019-11-26', 4, 1), ENV);
    expect(killed).toBe(true);
    expect(code, stderr).toBe(1);
    const error = stderr.split('\n').find((l) => l.startsWith('error '));
    // The paper that was printing: a paper on its own names its title too.
    expect(error, stderr).toMatch(/^error The browser crashed while printing 2019-11-26\/(pack\.pdf|(confidential\/)?\d{2}-\d+-[a-z0-9-]+\.pdf \(.+\))$/);
    const printing = /printing (2019-11-26\/\S+\.pdf)/.exec(error!)![1]!;
    expect(stderr).toContain(`Printing ${printing}`);
    if (paperName(4, 1, 'pdf').test(printing.replace('2019-11-26/', ''))) expect(error).toContain('(Children in Care and Care Leavers performance information)');
    expect(stderr).not.toMatch(/Protocol error|Target closed|Session closed/);
    expect(stderr).not.toMatch(/caused by:\s*$/m);
    expect(stderr).toMatch(/hint: .*Try again/);
  }, 120_000);
});
