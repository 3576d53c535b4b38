import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdir, readFile, readdir, writeFile } from 'node:fs/promises';
import { decodePDFRawStream, PDFArray, PDFDict, PDFDocument, PDFName, PDFRawStream, type PDFObject } from '../../src/pdf-lib.js';
import { namedDestinationPages } from '../../src/print/pdf-dests.js';
import { BrowserSession } from '../../src/print/browser-session.js';
import { join, relative } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { builtCopyOfExample } from '../helpers/built-example.js';
import { copyOfExample, cpb } from '../helpers/cli.js';
import { fold, pdfMetadata, pdfOutline, pdfPages, type OutlineEntry } from '../helpers/pdf.js';
import { paperFile, paperName } from '../helpers/paper-files.js';

// The pack of the example meeting of 26 November 2019: nine items, Markdown cover reports, a Word
// paper, an inserted tagged PDF (item 3), a late paper (item 6) and an exempt item (item 9).
// Every expectation is read from the PDFs themselves: which page a paper's title stands on,
// which stamps each page carries, what the outline opens.
// `marker` is text that stands first on a paper's first page where that is not its title (an
// inserted PDF keeps its own first page).
const PAPERS: { item: number; title: string; marker?: string }[] = [
  { item: 2, title: 'Minutes of the meeting held on 17 September 2019', marker: 'Minutes of the Meeting held on Tuesday, 17th September, 2019' },
  { item: 3, title: 'Exploitation and Violence Reduction: update for the Corporate Parenting Board' },
  { item: 3, title: 'Lancashire Violence Reduction Unit (presentation)', marker: 'The Lead for the Violence Reduction Unit' },
  { item: 4, title: 'Children in Care and Care Leavers performance information' },
  { item: 5, title: 'Corporate Parenting Strategy Delivery Plan' },
];
const EXEMPT_STRINGS = ['Hawthorn', 'quarrelsome-kestrel', 'Young Person Q', 'Residential placement review at'];

describe('the agenda pack', () => {
  let board: { dir: string; cleanup: () => Promise<void> };
  let out: string;
  let pages: string[];
  let stderr: string;

  beforeAll(async () => {
    const built = await builtCopyOfExample(['--meeting', '2019-11-26'], { CPB_TODAY: '2019-11-20' });
    board = built;
    const r = built.result;
    stderr = r.stderr;
    expect(r.code, r.stderr).toBe(0);
    out = join(board.dir, 'out/2019-11-26');
    pages = await pdfPages(join(out, 'pack.pdf'));
  });
  afterAll(() => board.cleanup());

  /** The first page after the front sheet on which a paper's title stands. */
  const startOf = (title: string) => {
    const marker = PAPERS.find((p) => p.title === title)?.marker ?? title;
    return pages.findIndex((text, i) => i >= 2 && text.includes(fold(marker))) + 1;
  };

  it('numbers every page with its position', () => {
    expect(pages.length).toBeGreaterThan(10);
    pages.forEach((text, i) => expect(text, `page ${i + 1}`).toMatch(new RegExp(`Page ${i + 1}(?!\\d)`)));
  });

  it('prints on the front sheet exactly the pages where each item\'s papers stand', () => {
    const front = pages.slice(0, 2).join(' ');
    const starts = PAPERS.map((p) => ({ ...p, page: startOf(p.title) }));
    starts.forEach((s) => expect(s.page, s.title).toBeGreaterThan(2));
    const exemptStart = pages.findIndex((t) => t.includes('Not for publication')) + 1;
    const boundaries = [...starts.map((s) => s.page), exemptStart, pages.length + 1];
    for (const item of [2, 3, 4, 5]) {
      const first = starts.find((s) => s.item === item)!.page;
      const last = boundaries.filter((b) => b > starts.filter((s) => s.item === item).at(-1)!.page).sort((a, b) => a - b)[0]! - 1;
      const range = first === last ? `(Page ${first})` : `(Pages ${first} - ${last})`;
      expect(front, `item ${item}`).toMatch(new RegExp(`${item}\\. [^(]*${range.replace(/[()]/g, '\\$&')}`));
    }
    expect(front).toContain(`(Page ${exemptStart})`);
  });

  it('links each paper named on the front sheet to the page it starts on', async () => {
    const doc = await PDFDocument.load(await readFile(join(out, 'pack.pdf')));
    const dests = namedDestinationPages(doc);
    const linked = [0, 1].flatMap((i) =>
      (doc.getPage(i).node.lookupMaybe(PDFName.of('Annots'), PDFArray)?.asArray() ?? []).flatMap((ref) => {
        const dest = (doc.context.lookup(ref) as PDFDict).get(PDFName.of('Dest'));
        return dest instanceof PDFName ? [dests.get(dest.decodeText())] : [];
      }),
    );
    for (const paper of PAPERS) expect(linked, paper.title).toContain(startOf(paper.title));
    expect(linked.every((page) => page !== undefined && page > 2)).toBe(true);
  });

  it('stamps every page of item N with "Agenda Item N" and the front sheet with none', () => {
    pages.slice(0, 2).forEach((text) => expect(text).not.toMatch(/Agenda Item \d/));
    const items = [...PAPERS.map((p) => ({ item: p.item, page: startOf(p.title) })), { item: 9, page: pages.findIndex((t) => t.includes('Not for publication')) + 1 }];
    for (let page = 3; page <= pages.length; page++) {
      const item = items.filter((i) => i.page <= page).at(-1)!.item;
      expect(pages[page - 1], `page ${page}`).toContain(`Agenda Item ${item}`);
      expect(pages[page - 1]!.replace(`Agenda Item ${item}`, '')).not.toMatch(new RegExp(`Agenda Item (?!${item}\\b)\\d`));
    }
  });

  it('puts the inserted PDF on its pages, with its text in the structure tree', async () => {
    const first = startOf('Lancashire Violence Reduction Unit (presentation)');
    expect(pages[first]).toContain('Strategic aim');
    const tree = execFileSync('pdfinfo', ['-struct-text', join(out, 'pack.pdf')], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] });
    expect(tree).toContain('Strategic aim');
    expect(tree).toContain('A focus on early intervention');
    expect(execFileSync('pdfinfo', [join(out, 'pack.pdf')], { encoding: 'utf8' })).toMatch(/Tagged:\s+yes/);
  });

  it('renders the Word paper and the Markdown cover reports as text', () => {
    const report = pages[startOf('Children in Care and Care Leavers performance information') - 1]!;
    expect(report).toContain('Electoral divisions affected');
    expect(report).toContain('1. Background and advice');
    const word = pages[startOf('Exploitation and Violence Reduction: update for the Corporate Parenting Board') - 1]!;
    expect(word.length).toBeGreaterThan(400);
  });

  it('has one bookmark per item opening its first page, with its papers nested', async () => {
    const outline = await pdfOutline(join(out, 'pack.pdf'));
    expect(outline[0]).toMatchObject({ title: 'Agenda', page: 1 });
    const items = outline.slice(1);
    expect(items.map((i) => i.title.split(':')[0])).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9].map((n) => `Agenda Item ${n}`));
    for (const paper of PAPERS) {
      const item = items[paper.item - 1]!;
      const child = item.children.find((c: OutlineEntry) => c.title === paper.title);
      expect(child?.page, paper.title).toBe(startOf(paper.title));
      expect(item.page).toBe(item.children[0]!.page);
    }
  });

  it('carries title, author and language', async () => {
    const meta = await pdfMetadata(join(out, 'pack.pdf'));
    expect(meta['Title']).toBe('Corporate Parenting Board, Tuesday, 26th November, 2019: Agenda pack');
    expect(meta['Author']).toBe('Lancashire County Council');
    expect(meta['Language']).toBe('en-GB');
  });

  it('leaves the late paper out of the public pack and puts it in the supplementary pack', async () => {
    expect(pages.join(' ')).not.toContain('Wednesday, 25 March 2020');
    const supplementary = await pdfPages(join(out, 'supplementary.pdf'));
    expect(supplementary[0]).toContain('Supplementary agenda');
    expect(supplementary[0]).toMatch(/6\. Timetable of Meetings 2020\/2021 \(Pages 2 - \d+\)/);
    expect(supplementary.slice(1).join(' ')).toContain('Wednesday, 25 March 2020');
    supplementary.slice(1).forEach((p) => expect(p).toContain('Agenda Item 6'));
  });

  it('gives the exempt item a notice and the exclusion resolution in public, and its papers only in the confidential pack', async () => {
    const notice = pages.find((t) => t.includes('Not for publication'))!;
    expect(notice).toContain('paragraph 1 of Part 1 of Schedule 12A');
    expect(pages.slice(0, 2).join(' ')).toContain('Exclusion of the press and public');
    const confidential = await pdfPages(join(out, 'confidential/pack.pdf'));
    confidential.forEach((t, i) => expect(t, `page ${i + 1}`).toContain('CONFIDENTIAL'));
    expect(confidential.join(' ')).toContain('Hawthorn Lodge');
  });

  it('lets nothing of the exempt papers reach any public output', async () => {
    const publicFiles = (await listFiles(out)).filter((f) => !relative(out, f).startsWith('confidential'));
    expect(publicFiles.length).toBeGreaterThan(5);
    for (const file of publicFiles) {
      const raw = (await readFile(file)).toString('latin1');
      let text = raw;
      if (file.endsWith('.pdf')) {
        const outline = JSON.stringify(await pdfOutline(file));
        text = [(await pdfPages(file)).join(' '), JSON.stringify(await pdfMetadata(file)), outline, raw].join(' ');
      }
      for (const secret of EXEMPT_STRINGS) expect(text.toLowerCase(), `${relative(out, file)} holds '${secret}'`).not.toContain(secret.toLowerCase());
    }
  });

  it('writes each paper made for the pack as its own HTML and PDF', async () => {
    for (const [folder, item] of [[out, 4], [out, 3], [join(out, 'confidential'), 9]] as const) {
      expect(existsSync(paperFile(folder, item, 1, 'html'))).toBe(true);
      expect(existsSync(paperFile(folder, item, 1, 'pdf'))).toBe(true);
    }
    const single = await pdfPages(paperFile(out, 4, 1, 'pdf'));
    expect(single[0]).toContain('Children in Care and Care Leavers performance information');
    expect(single[0]).toContain('Agenda Item 4');
    expect(stderr).not.toMatch(/warning .*violence-reduction-unit\.pdf/);
  });

  it('is made of its papers\' own prints, the pack\'s stamps laid over every page after the front sheet as artifacts', async () => {
    const pack = await PDFDocument.load(await readFile(join(out, 'pack.pdf')));
    const frontPages = 2;
    for (let i = frontPages; i < pack.getPageCount(); i++) expect(stampLayers(pack, i), `page ${i + 1}`).toBeGreaterThanOrEqual(1);
    expect(stampLayers(pack, 0)).toBe(0);
    // The minutes' pages in the pack are the very print of the minutes on their own: the same content, once the stamps are off.
    const paper = await PDFDocument.load(await readFile(paperFile(out, 2, 1, 'pdf')));
    const first = startOf(PAPERS[0]!.title) - 1;
    for (let i = 0; i < paper.getPageCount(); i++) expect(pageContent(pack, first + i), `page ${i + 1} of the minutes`).toBe(pageContent(paper, i));
  });

  it('gives each paper printed on its own the same pages, and the same words on them, as it has in the pack', async () => {
    // Where each entry of the pack starts, in order, from its bookmarks; an entry ends where the next starts.
    const entries = (await pdfOutline(join(out, 'pack.pdf'))).slice(1).flatMap((item) => item.children.map((child, i) => ({ item: Number(item.title.match(/\d+/)![0]), position: i + 1, first: child.page })));
    // Papers made for the pack have an HTML file of their own; inserted PDFs and the exempt notice do not.
    const names = await readdir(out);
    const alone = entries.filter((e) => names.some((name) => paperName(e.item, e.position, 'html').test(name)));
    expect(alone.length).toBeGreaterThanOrEqual(4);
    // The page number is the one thing that differs: the pack counts from its front sheet.
    const unnumbered = (text: string) => text.replace(/Page \d+/g, 'Page #');
    for (const entry of alone) {
      const next = entries[entries.indexOf(entry) + 1]?.first ?? pages.length + 1;
      const own = await pdfPages(paperFile(out, entry.item, entry.position, 'pdf'));
      const label = `item ${entry.item} paper ${entry.position}`;
      expect(own.length, label).toBe(next - entry.first);
      expect(own.map(unnumbered), label).toEqual(pages.slice(entry.first - 1, next - 1).map(unnumbered));
    }
  });
});

/** How many layers of stamps cpb laid over a page: content streams that are an artifact drawn with cpb's stamps' resources. */
function stampLayers(doc: PDFDocument, page: number): number {
  const contents = doc.getPage(page).node.get(PDFName.of('Contents'));
  const streams = contents instanceof PDFArray ? contents.asArray() : [contents!];
  return streams.filter((ref) => STAMP.test(streamText(doc, ref))).length;
}

const STAMP = /^\/Artifact BMC\s+q\s[^]*\/CpbStamp[^]*\sQ\s+EMC\s*$/;

/** A page's own content: its content streams but those of stamps. */
function pageContent(doc: PDFDocument, page: number): string {
  const contents = doc.getPage(page).node.get(PDFName.of('Contents'));
  return (contents instanceof PDFArray ? contents.asArray() : [contents!]).map((ref) => streamText(doc, ref)).filter((text) => !STAMP.test(text)).join('\n');
}

function streamText(doc: PDFDocument, ref: PDFObject): string {
  const stream = doc.context.lookup(ref);
  return stream instanceof PDFRawStream ? Buffer.from(decodePDFRawStream(stream).decode()).toString('latin1') : '';
}

async function listFiles(dir: string): Promise<string[]> {
  const entries = await readdir(dir, { withFileTypes: true });
  const nested = await Promise.all(entries.map((e) => (e.isDirectory() ? listFiles(join(dir, e.name)) : [join(dir, e.name)])));
  return nested.flat();
}

describe('a board with its own pack template', () => {
  it('gets its pack printed from it, whole, with true page ranges', async () => {
    const board = await copyOfExample();
    try {
      const own = (await readFile(join(import.meta.dirname, '../../templates/documents/pack.hbs'), 'utf8')).replace('</div>', '</div>\n<p>Read with the covering letter from the Clerk.</p>');
      await mkdir(join(board.dir, 'templates/documents'), { recursive: true });
      await writeFile(join(board.dir, 'templates/documents/pack.hbs'), own);
      const r = await cpb(['build', board.dir, '--meeting', '2019-11-26'], { env: { CPB_TODAY: '2019-11-20' } });
      expect(r.code, r.stderr).toBe(0);
      const pages = await pdfPages(join(board.dir, 'out/2019-11-26/pack.pdf'));
      expect(pages.slice(0, 3).join(' ')).toContain('Read with the covering letter from the Clerk.');
      pages.forEach((text, i) => expect(text, `page ${i + 1}`).toMatch(new RegExp(`Page ${i + 1}(?!\\d)`)));
      const title = fold(PAPERS[3]!.title);
      const start = pages.findIndex((text, i) => i >= 2 && text.includes(title)) + 1;
      expect(pages.slice(0, 3).join(' ')).toMatch(new RegExp(`4\\. [^(]*\\(Pages? ${start}[ )]`));
    } finally {
      await board.cleanup();
    }
  });
});

describe('an inserted PDF without tags', () => {
  it('still goes into the pack, with a warning naming the file', async () => {
    const board = await copyOfExample();
    const session = new BrowserSession({ timeoutMs: 30_000 });
    try {
      const untagged = await session.withPage('an untagged PDF', async (page) => {
        await page.setContent('<!DOCTYPE html><html lang="en-GB"><title>x</title><h1>Untagged slide deck</h1><p>Only pixels here.</p></html>');
        return page.pdf({ format: 'A4', tagged: false, outline: false });
      });
      await writeFile(join(board.dir, 'meetings/2019-11-26/papers/violence-reduction-unit.pdf'), untagged);
      const r = await cpb(['build', board.dir, '--meeting', '2019-11-26'], { env: { CPB_TODAY: '2019-11-20' } });
      expect(r.code, r.stderr).toBe(0);
      expect(r.stderr).toMatch(/warning .*meetings\/2019-11-26\/papers\/violence-reduction-unit\.pdf is not a tagged PDF/);
      expect((await pdfPages(join(board.dir, 'out/2019-11-26/pack.pdf'))).join(' ')).toContain('Untagged slide deck');
    } finally {
      await session.close();
      await board.cleanup();
    }
  });
});
