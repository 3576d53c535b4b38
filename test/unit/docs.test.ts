import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';

const ROOT = join(import.meta.dirname, '../..');
const PAGES = ['README.md', 'CONTRIBUTING.md', ...readdirSync(join(ROOT, 'docs')).filter((f) => f.endsWith('.md')).map((f) => `docs/${f}`)];
const read = (page: string) => readFileSync(join(ROOT, page), 'utf8');

/** Heading anchors as GitHub makes them: lower case, punctuation dropped, spaces to hyphens. */
function anchors(markdown: string): Set<string> {
  const seen = new Map<string, number>();
  const result = new Set<string>();
  const withoutCode = markdown.replace(/^```[\s\S]*?^```/gm, '');
  for (const [, text] of withoutCode.matchAll(/^#{1,6} (.+)$/gm)) {
    const base = text!.trim().toLowerCase().replace(/[^\p{L}\p{N} _-]/gu, '').replace(/ /g, '-');
    const n = seen.get(base) ?? 0;
    seen.set(base, n + 1);
    result.add(n === 0 ? base : `${base}-${n}`);
  }
  return result;
}

describe('the documentation', () => {
  it('README stays an entry point of at most 250 lines', () => {
    expect(read('README.md').split('\n').length).toBeLessThanOrEqual(250);
  });

  it('has no link to a missing file or heading', () => {
    const broken: string[] = [];
    for (const page of PAGES) {
      const text = read(page).replace(/^```[\s\S]*?^```/gm, '');
      for (const [, target] of text.matchAll(/\]\(([^)\s]+)\)/g)) {
        if (/^[a-z]+:/.test(target!)) continue;
        const [file, anchor] = target!.split('#') as [string, string | undefined];
        const path = file ? join(ROOT, dirname(page), file) : join(ROOT, page);
        if (!existsSync(path)) broken.push(`${page}: ${target} (no file ${relative(ROOT, path)})`);
        else if (anchor && path.endsWith('.md') && !anchors(readFileSync(path, 'utf8')).has(anchor)) broken.push(`${page}: ${target} (no such heading)`);
      }
    }
    expect(broken).toEqual([]);
  });

  it('lists in docs/rules.md every rule the code can report, and no rule it cannot', () => {
    // Strings shaped like rule ids that are not rules: media types and a module name.
    const notRules = /^(application|image|text|csv-parse|n)\//;
    const inCode = new Set<string>();
    const walk = (dir: string) => {
      for (const entry of readdirSync(dir, { withFileTypes: true })) {
        const path = join(dir, entry.name);
        if (entry.isDirectory()) walk(path);
        else if (path.endsWith('.ts')) for (const [, id] of readFileSync(path, 'utf8').matchAll(/'([a-z0-9-]+\/[a-z0-9-]+)'/g)) if (!notRules.test(id!)) inCode.add(id!);
      }
    };
    walk(join(ROOT, 'src'));
    const table = read('docs/rules.md');
    const documented = new Set([...table.matchAll(/`([a-z0-9-]+\/[a-z0-9-]+)`/g)].map((m) => m[1]!));
    // Schema problems are named after the JSON Schema keyword (`schema/required`, …): one entry covers them.
    const undocumented = [...inCode].filter((id) => !documented.has(id) && !(id.startsWith('schema/') && table.includes('`schema/*`')));
    expect(undocumented.sort()).toEqual([]);
    expect([...documented].filter((id) => !inCode.has(id)).sort()).toEqual([]);
  });
});
