import { existsSync, readFileSync } from 'node:fs';
import { readdir, readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { dirname, join, resolve, sep } from 'node:path';
import type { Page } from 'puppeteer-core';

/** Every file under `dir`, as absolute paths. */
export async function filesUnder(dir: string): Promise<string[]> {
  const out: string[] = [];
  for (const entry of await readdir(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) out.push(...(await filesUnder(path)));
    else out.push(path);
  }
  return out.sort();
}

/** The values of every href and src attribute in an HTML page, entities decoded. */
export function linksIn(html: string): string[] {
  return [...html.matchAll(/\s(?:href|src)\s*=\s*(?:"([^"]*)"|'([^']*)')/gi)].map((m) => (m[1] ?? m[2] ?? '').replace(/&#x27;/g, "'").replace(/&amp;/g, '&').replace(/&#x3D;/g, '='));
}

/** Links that leave the site on purpose, or stay on the same page. */
export function isExternal(link: string): boolean {
  return /^(https?:|mailto:|tel:|data:|#)/i.test(link) || link === '';
}

/**
 * Every link of `pages` (paths under `root`) that leaves `root`, leads to no file or points into
 * a confidential folder, and how many links were checked.
 */
export async function badLinks(root: string, pages: readonly string[]): Promise<{ broken: string[]; checked: number }> {
  const broken: string[] = [];
  let checked = 0;
  for (const page of pages) {
    for (const link of linksIn(await readFile(join(root, page), 'utf8'))) {
      if (isExternal(link)) continue;
      checked++;
      const target = resolve(dirname(join(root, page)), decodeURIComponent(link.split(/[?#]/)[0]!));
      if (!target.startsWith(root + sep)) broken.push(`${page}: ${link} leaves ${root}`);
      else if (!existsSync(target)) broken.push(`${page}: ${link} does not exist`);
      if (/(^|\/)confidential(\/|$)/.test(link)) broken.push(`${page}: ${link} is confidential`);
    }
  }
  return { broken, checked };
}

const AXE_SOURCE = readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');
export const WCAG_TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa'];

export interface AxeViolation {
  id: string;
  impact: string | null;
  help: string;
  nodes: string[];
}

/** Runs axe-core's WCAG 2.2 A and AA rules on the page as it stands. */
export async function axeViolations(page: Page): Promise<AxeViolation[]> {
  await page.addScriptTag({ content: AXE_SOURCE });
  return page.evaluate(async (tags: string[]) => {
    const axe = (window as unknown as { axe: { run: (ctx: Document, options: object) => Promise<{ violations: { id: string; impact: string | null; help: string; nodes: { target: unknown[] }[] }[] }> } }).axe;
    const result = await axe.run(document, { runOnly: { type: 'tag', values: tags }, resultTypes: ['violations'] });
    return result.violations.map((v) => ({ id: v.id, impact: v.impact, help: v.help, nodes: v.nodes.map((n) => JSON.stringify(n.target)) }));
  }, WCAG_TAGS);
}

/** What axe's WCAG rules leave to best practice, checked here: structure, and focus that shows. */
export interface PageStructure {
  lang: string;
  title: string;
  h1s: number;
  /** Headings that skip a level (an h2 followed by an h4), as "h2→h4: text". */
  skippedLevels: string[];
  skipLinkTarget: boolean;
  imagesWithoutAlt: number;
  tablesWithoutHeaders: number;
  /** The first link's look changes when it has the keyboard focus. */
  focusVisible: boolean;
}

export async function pageStructure(page: Page): Promise<PageStructure> {
  const facts = await page.evaluate(() => {
    const headings = [...document.querySelectorAll('h1, h2, h3, h4, h5, h6')];
    const skipped: string[] = [];
    let last = 0;
    for (const h of headings) {
      const level = Number(h.tagName[1]);
      if (level > last + 1) skipped.push(`h${last}→h${level}: ${h.textContent?.trim().slice(0, 40)}`);
      last = level;
    }
    const skip = document.querySelector('a.skip-link');
    const target = skip?.getAttribute('href')?.slice(1);
    return {
      lang: document.documentElement.lang,
      title: document.title,
      h1s: document.querySelectorAll('h1').length,
      skippedLevels: skipped,
      skipLinkTarget: Boolean(target && document.getElementById(target)),
      imagesWithoutAlt: [...document.querySelectorAll('img')].filter((i) => !i.hasAttribute('alt')).length,
      tablesWithoutHeaders: [...document.querySelectorAll('table')].filter((t) => !t.querySelector('th')).length,
    };
  });
  // Tab to the first link (the skip link) and compare its look with and without focus.
  const look = () => page.evaluate(() => {
    const a = document.activeElement as HTMLElement;
    const s = getComputedStyle(a);
    return `${a.tagName}|${s.outlineStyle}|${s.outlineWidth}|${s.boxShadow}|${s.backgroundColor}|${s.position}`;
  });
  const before = await page.evaluate(() => {
    const a = document.querySelector('a') as HTMLElement | null;
    if (!a) return '';
    const s = getComputedStyle(a);
    return `A|${s.outlineStyle}|${s.outlineWidth}|${s.boxShadow}|${s.backgroundColor}|${s.position}`;
  });
  await page.keyboard.press('Tab');
  const after = await look();
  return { ...facts, focusVisible: after.startsWith('A|') && after !== before };
}
