import type { Meeting } from '../model/meeting.js';
import { minutesDocuments } from '../model/minutes-document.js';
import { minutesDocumentHtml } from '../render/generated/minutes-document.js';
import { htmlText } from '../render/site/search-text.js';
import type { BoardModel } from '../model/board-model.js';
import type { BrowserSession } from '../print/browser-session.js';
import type { Renderer } from '../render/renderer.js';
import { documentMetadata } from './document-metadata.js';
import { keyOf, printFinished, printing, printOnce, type PrintsKept } from './print-once.js';

/** What of a meeting's build context the minutes need (build-meeting.ts passes its own). */
interface MinutesBuildContext {
  model: BoardModel;
  renderer: Renderer;
  browser?: BrowserSession;
  pdfDate: (meeting: Meeting) => Date;
  progress: (message: string) => void;
  warn: (message: string) => void;
  keepPrintedHtml?: (name: string, html: string) => Promise<void>;
  prints?: PrintsKept;
}

type Write = (relPath: string, data: string | Uint8Array, facts?: { pages?: number; text?: string }) => Promise<void>;

/**
 * The meeting's own minutes, HTML and PDF, printed on their own as the agenda is: the public
 * minutes, and the full ones in the confidential folder when the public ones hold anything back.
 */
export async function buildMinutesDocuments(ctx: MinutesBuildContext, meeting: Meeting, write: Write): Promise<void> {
  const { model, browser } = ctx;
  for (const doc of minutesDocuments(meeting, { public: model.minutes, confidential: model.confidentialMinutes })) {
    const { html, title, warnings } = await minutesDocumentHtml({ model, meeting, renderer: ctx.renderer }, doc);
    if (doc.audience === 'public') warnings.forEach((w) => ctx.warn(`minutes of ${meeting.id}: ${w}`));
    await write(`${doc.file}.html`, html, { text: htmlText(html) });
    if (!browser) continue;
    const metadata = documentMetadata(ctx, meeting, title);
    const { reused, made } = printOnce(ctx, `${doc.file}.pdf`, Promise.resolve(keyOf(ctx, 'minutes', html, metadata)), () => printFinished(browser, html, `${doc.file}.pdf`, metadata));
    ctx.progress(await printing(reused, `${doc.file}.pdf`));
    await ctx.keepPrintedHtml?.(`${doc.file}.html`, html);
    const printed = await made;
    await write(`${doc.file}.pdf`, printed.bytes, { pages: printed.pageCount });
  }
}
