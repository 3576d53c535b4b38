import { readFile, readdir } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadBankHolidays } from '../../src/load/bank-holidays.js';
import { loadBoardFolder } from '../../src/load/board-folder.js';
import { parseMarkdownPaper } from '../../src/load/markdown-paper.js';
import { loadPaperFile } from '../../src/load/paper-file.js';
import { loadSchedule12A } from '../../src/load/schedule-12a.js';
import { boardModel } from '../../src/model/board-model.js';
import { boardMarkdown, generatedView } from '../../src/model/generated-views.js';

const ROOT = join(import.meta.dirname, '../..');
const BOARD = join(ROOT, 'examples/lancashire');
const loaded = await loadBoardFolder(BOARD);
const model = boardModel(loaded, { schedule12A: await loadSchedule12A(), bankHolidays: await loadBankHolidays() });
const meeting = model.meetings.find((m) => m.id === '2019-11-26')!;
const papers = meeting.items.flatMap((i) => i.papers);

describe('the board model', () => {
  it('carries no raw sources: what papers are made from is already modelled', async () => {
    expect(model).not.toHaveProperty('sources');
    expect([...model.plans.keys()]).toEqual(['plans/delivery-plan.yaml']);
    expect([...model.performance.keys()]).toEqual(['2019-20']);
    expect(model.training?.sessions.length).toBeGreaterThan(0);
    expect(model.termsOfReference).toBe(await readFile(join(BOARD, 'terms-of-reference.md'), 'utf8'));
  });

  it('keeps the body of every Markdown paper as load read it, so the build does not read it again', async () => {
    const markdown = papers.filter((p) => p.format === 'markdown');
    expect(markdown.length).toBeGreaterThan(0);
    for (const paper of markdown) {
      const parsed = parseMarkdownPaper(await readFile(paper.path, 'utf8'), paper.path, paper.file);
      expect(model.markdownPapers.get(paper.path)?.body, paper.file).toBe(parsed.body);
    }
  });

  it("keeps the supplied PDFs' page counts from loading", () => {
    const pdf = papers.find((p) => p.format === 'pdf')!;
    expect(model.checkedPdfs.get(pdf.path)?.pageCount).toBeGreaterThan(0);
  });

  it('plans reports against the bank holidays it was given, not ones it reads', () => {
    const paper = model.meetings.flatMap((m) => m.items.flatMap((i) => i.papers.map((p) => ({ m, p })))).find(({ p }) => p.generator?.kind === 'forward-plan')!;
    const deadlinesWith = (bankHolidays: ReadonlySet<string>) => {
      const view = generatedView({ ...model, bankHolidays }, paper.m, paper.p.generator!, 'public');
      return view.kind === 'forward-plan' ? JSON.stringify(view.view.meetings) : '';
    };
    // Every weekday a holiday: no working day is left, so the deadlines move.
    const everyDay = new Set(Array.from({ length: 800 }, (_, i) => new Date(Date.UTC(2019, 0, 1 + i)).toISOString().slice(0, 10)));
    expect(deadlinesWith(everyDay)).not.toBe(deadlinesWith(model.bankHolidays));
  });

  it("lists the board's own Markdown whose images load reads for the renderer", () => {
    const texts = boardMarkdown(model);
    expect(texts).toContain(model.termsOfReference);
    expect(texts.some((t) => [...model.confidentialMinutes.values()].some((r) => r.minutes.some((m) => m.discussion === t)))).toBe(true);
  });
});

describe("a meeting's papers, loaded for the build", () => {
  it('reads a PDF with its page count, converts a Word paper, and reads the images a Markdown paper names', async () => {
    for (const paper of papers.filter((p) => p.format !== 'generated')) {
      const file = await loadPaperFile(paper, model.dir, model.markdownPapers.get(paper.path));
      expect(file.format).toBe(paper.format);
      if (file.format === 'pdf') expect(file.pageCount).toBe(model.checkedPdfs.get(paper.path)?.pageCount);
      if (file.format === 'docx') expect(file.docx.html).toContain('<h');
      if (file.format === 'markdown') expect(file.text).toBe(model.markdownPapers.get(paper.path));
    }
  });

  it('refuses a Markdown paper whose text loading the board did not keep', async () => {
    const paper = papers.find((p) => p.format === 'markdown')!;
    await expect(loadPaperFile(paper, model.dir)).rejects.toMatchObject({ rule: 'paper/read' });
  });
});

describe('render', () => {
  it('imports nothing from load/ and no file system', async () => {
    const offenders: string[] = [];
    const walk = async (dir: string): Promise<void> => {
      for (const entry of await readdir(dir, { withFileTypes: true })) {
        const path = join(dir, entry.name);
        // The site's pages move into render/site/ separately.
        if (entry.isDirectory()) {
          if (entry.name !== 'site') await walk(path);
          continue;
        }
        const text = await readFile(path, 'utf8');
        for (const match of text.matchAll(/from '([^']+)'|import\('([^']+)'\)/g)) {
          const target = match[1] ?? match[2] ?? '';
          if (/(^|\/)load\//.test(target) || /^(node:)?fs(\/|$)/.test(target)) offenders.push(`${path}: ${target}`);
        }
      }
    };
    await walk(join(ROOT, 'src/render'));
    expect(offenders).toEqual([]);
  });
});
