import { readFileSync, writeFileSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { cpb, ROOT } from '../helpers/cli.js';
import { pdfPages } from '../helpers/pdf.js';

describe('cpb command line', () => {
  it('prints its version', async () => {
    const { version } = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as { version: string };
    const r = await cpb(['--version']);
    expect(r.code).toBe(0);
    expect(r.stdout.trim()).toBe(version);
  });

  it('lists its commands in --help and each command has its own help', async () => {
    const r = await cpb(['--help']);
    expect(r.code).toBe(0);
    for (const command of ['build', 'validate', 'init']) expect(r.stdout).toMatch(new RegExp(`^  ${command}\\b`, 'm'));
    const build = await cpb(['build', '--help']);
    expect(build.code).toBe(0);
    expect(build.stdout).toContain('--out <dir>');
  });

  it('exits 2 on an unknown command or option', async () => {
    expect((await cpb(['bulid'])).code).toBe(2);
    const r = await cpb(['build', '--colour']);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain("unknown option '--colour'");
  });

  it('init writes a board that validates and builds at once, and refuses to overwrite it', async () => {
    const parent = await mkdtemp(join(tmpdir(), 'cpb-init-'));
    try {
      const dir = join(parent, 'new-board');
      expect((await cpb(['init', dir])).code).toBe(0);
      expect((await cpb(['validate', dir])).code).toBe(0);
      const built = await cpb(['build', dir]);
      expect(built.code).toBe(0);
      const pages = await pdfPages(join(dir, 'out/2027-01-14/agenda.pdf'));
      expect(pages.join(' ')).toContain('Thursday, 14 January 2027 at 6.00 pm');
      const minutes = await cpb(['new', 'minutes', '2027-01-14', '--board', dir]);
      expect(minutes.code, minutes.stderr).toBe(0);
      const written = readFileSync(join(dir, 'meetings/2027-01-14/minutes.yaml'), 'utf8');
      expect(written).toContain('  - item: 4               # Date and Time of Next Meeting');
      expect(written).toContain('  - chair                   # Councillor Pat Example');
      expect((await cpb(['validate', dir])).code).toBe(0);
      // The commented attendance forms are valid as they stand: uncommented, the minutes still validate.
      const forms = written.split('\n').filter((l) => l.startsWith('  #   - {'));
      expect(forms.map((l) => /\{ (\w+):/.exec(l)?.[1])).toEqual(['member', 'member', 'member', 'name']);
      expect(written).toMatch(/role: \w+ \}/);
      expect(written).toMatch(/from: "\d\d:\d\d" \}/);
      expect(written).toMatch(/to: \d+ \}/);
      expect(written).toMatch(/substituting_for: [a-z0-9-]+ \}/);
      const present = written.split('\n').filter((l) => /^ {2}- [a-z]/.test(l) && written.indexOf(l) < written.indexOf('also_present'));
      const uncommented = written
        .split('\n')
        .filter((l) => !present.includes(l))
        .map((l) => (l.startsWith('  #   - {') ? l.replace('  #   - {', '  - {') : l))
        .join('\n');
      writeFileSync(join(dir, 'meetings/2027-01-14/minutes.yaml'), uncommented);
      const forms1 = await cpb(['validate', dir]);
      expect(forms1.code, forms1.stderr).toBe(0);
      writeFileSync(join(dir, 'meetings/2027-01-14/minutes.yaml'), written);
      const twice = await cpb(['new', 'minutes', '2027-01-14', '--board', dir]);
      expect(twice.code).toBe(2);
      expect(twice.stderr).toContain('already exists');
      const again = await cpb(['init', dir]);
      expect(again.code).toBe(2);
      expect(again.stderr).toContain('is not empty');
    } finally {
      await rm(parent, { recursive: true, force: true });
    }
  });
});
