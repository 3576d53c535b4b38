import { relative } from 'node:path';
import { PDFDocument } from 'pdf-lib';
import { SourceError } from '../../errors.js';
import { displayPathOf } from '../../load/board-folder.js';
import { MAX_PDF_BYTES } from '../../load/pdf-check.js';
import { boardRoot, readSourceFile } from '../../load/read-source.js';
import type { BoardModel } from '../../model/board-model.js';
import type { Meeting } from '../../model/meeting.js';
import { minutesShownId } from '../../model/minutes.js';
import { CONFIDENTIAL_DIR } from '../../model/outputs.js';
import { paperId } from '../../model/pack-plan.js';
import { publishablePdf } from '../../print/pdf-sanitise.js';
import type { StagedOutput } from '../staged-output.js';
import { meetingFolder, SITE_DIR, type SiteDocument, type SiteItem, type SiteMeeting, type SitePaper } from './site-data.js';
import { htmlText, pdfText } from './text.js';

/** Text of one public document, for the search index. */
export interface DocumentText {
  title: string;
  kind: 'agenda' | 'minutes' | 'paper';
  path: string;
  text: string;
}

export interface CollectContext {
  model: BoardModel;
  output: StagedOutput;
  /** Ids of the meetings built in this run: their files are read from the staging folder only. */
  built: ReadonlySet<string>;
  warn: (message: string) => void;
}

/**
 * Copies one meeting's public outputs into the site and says what it holds. Files of meetings
 * built in this run come from this build; those of other meetings from the output folder, if an
 * earlier build made them from the meeting's current inputs. Nothing is ever read from a confidential folder.
 */
export async function collectMeeting(ctx: CollectContext, meeting: Meeting): Promise<{ site: Omit<SiteMeeting, 'minutes'>; texts: DocumentText[] }> {
  const folder = meetingFolder(meeting);
  const texts: DocumentText[] = [];
  const read = async (rel: string): Promise<Uint8Array | undefined> => {
    assertPublic(rel);
    if (ctx.built.has(meeting.id)) return ctx.output.read(rel);
    // From an earlier build only if it was built from the meeting's current inputs.
    return ctx.output.readCurrent(rel);
  };
  const place = async (name: string, bytes: Uint8Array, pages?: number): Promise<SiteDocument> => {
    const path = `${folder}/${name}`;
    assertPublic(path);
    await ctx.output.write(`${SITE_DIR}/${path}`, bytes);
    const mediaType = name.endsWith('.pdf') ? 'application/pdf' : 'text/html';
    return { path, mediaType, bytes: bytes.length, ...(mediaType === 'application/pdf' ? { pages: pages ?? (await pageCount(bytes)) } : {}) };
  };
  const copy = async (name: string): Promise<SiteDocument | undefined> => {
    const bytes = await read(`${meeting.id}/${name}`);
    return bytes ? place(name, bytes) : undefined;
  };

  const agenda = [await copy('agenda.html'), await copy('agenda.pdf')].filter((d): d is SiteDocument => d !== undefined);
  const pack = await copy('pack.pdf');
  const supplementary = await copy('supplementary.pdf');
  const items: SiteItem[] = [];
  for (const item of meeting.items) {
    // An exempt item is listed by its title and exemption only: its papers are not even opened.
    if (item.exempt) {
      items.push({ item, papers: [] });
      continue;
    }
    const papers: SitePaper[] = [];
    for (const [index, paper] of item.papers.entries()) {
      const id = paperId(item, index);
      const minutesOf = paper.generator?.kind === 'minutes' ? minutesShownId(paper.generator, meeting.date, ctx.model.minutes) : undefined;
      const base = { id, title: paper.title, ...(paper.generator ? { generator: paper.generator.kind } : {}), ...(minutesOf ? { minutesOf } : {}) };
      if (paper.format === 'pdf') {
        const raw = await readSuppliedPdf(paper.path, ctx.model.dir);
        // The site's copy is sanitised as the packs' is; a meeting built in this run has warned already.
        const published = raw && (await publishablePdf(raw, relative(ctx.model.dir, paper.path)));
        if (published?.warning && !ctx.built.has(meeting.id)) ctx.warn(published.warning);
        const bytes = published?.bytes;
        if (!bytes) {
          ctx.warn(`${paper.file}: not found, so it is not on the website`);
          papers.push(base);
          continue;
        }
        const extracted = await pdfText(bytes).catch(() => undefined);
        const pdf = await place(`papers/${id}.pdf`, bytes, extracted?.pages);
        if (extracted?.text) texts.push({ title: paper.title, kind: 'paper', path: pdf.path, text: extracted.text });
        else ctx.warn(`${paper.file}: no text could be read from it, so search will not find its words`);
        papers.push({ ...base, pdf });
        continue;
      }
      const htmlBytes = await read(`${meeting.id}/papers/${id}.html`);
      const html = htmlBytes ? await place(`papers/${id}.html`, htmlBytes) : undefined;
      const pdf = await copy(`papers/${id}.pdf`);
      if (html && htmlBytes) texts.push({ title: paper.title, kind: 'paper', path: html.path, text: htmlText(new TextDecoder().decode(htmlBytes)) });
      papers.push({ ...base, ...(html ? { html } : {}), ...(pdf ? { pdf } : {}) });
    }
    items.push({ item, papers });
  }
  const site = {
    meeting,
    page: `${folder}/index.html`,
    agenda,
    ...(pack ? { pack } : {}),
    ...(supplementary ? { supplementary } : {}),
    items,
  };
  return { site, texts };
}

/** The last line of defence: no path with a confidential folder in it is read or written for the site. */
export function assertPublic(path: string): void {
  if (path.split(/[\\/]/).includes(CONFIDENTIAL_DIR)) throw new Error(`Refusing to publish ${path}: confidential outputs never go on the website`);
}

/** A supplied PDF, read again through the one reader; undefined if it has gone since it was checked. */
async function readSuppliedPdf(path: string, boardDir: string): Promise<Uint8Array | undefined> {
  try {
    return new Uint8Array(await readSourceFile(path, displayPathOf(path), 'PDF', { root: boardRoot(boardDir), maxBytes: MAX_PDF_BYTES }));
  } catch (error) {
    if (error instanceof SourceError && error.rule === 'load/missing') return undefined;
    throw error;
  }
}

async function pageCount(bytes: Uint8Array): Promise<number> {
  const doc = await PDFDocument.load(bytes, { updateMetadata: false, ignoreEncryption: true });
  return doc.getPageCount();
}
