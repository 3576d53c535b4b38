import type { Meeting } from '../model/meeting.js';
import { minutesDocuments } from '../model/minutes-document.js';
import { minutesDocumentHtml } from '../render/generated/minutes-document.js';
import { htmlText } from '../render/site/search-text.js';
import { documentMetadata } from './document-metadata.js';
import type { MeetingWrite as Write, MinutesBuildContext } from './meeting-context.js';
import { keyOf, printFinished, printing, printOnce } from './print-once.js';

/**
 * The meeting's own minutes, HTML and PDF, printed on their own as the agenda is: the public
 * minutes, and the full ones in the confidential folder when the public ones hold anything back.
 * They are rendered and their prints queued at once, ahead of the papers (they depend on nothing
 * else the meeting prints); `write` then writes them, with their warnings and progress, in the
 * order a meeting's outputs have always come.
 */
export function startMinutesDocuments(ctx: MinutesBuildContext, meeting: Meeting): { write: (write: Write) => Promise<void>; settled: () => Promise<unknown> } {
  const { model, browser } = ctx;
  const docs = minutesDocuments(meeting, { public: model.minutes, confidential: model.confidentialMinutes }).map((doc) => {
    const rendered = minutesDocumentHtml({ model, meeting, renderer: ctx.renderer }, doc);
    const printed = browser
      ? rendered.then(({ html, title }) => {
          const metadata = documentMetadata(ctx, meeting, title);
          // Before the papers waiting for the browser: at the end it then has only what waits on
          // the page counts (the agenda, the packs' front sheets), which the packs wait for.
          return printOnce(ctx, `${doc.file}.pdf`, Promise.resolve(keyOf(ctx, 'minutes', html, metadata)), () => printFinished(browser, html, `${doc.file}.pdf`, metadata, { first: true }));
        })
      : undefined;
    // Awaited in turn by `write`; a build that fails before then does not wait for them.
    rendered.catch(() => undefined);
    printed?.catch(() => undefined);
    return { doc, rendered, printed };
  });
  return {
    /** Settles once every print asked for has finished or failed. */
    settled: () => Promise.allSettled(docs.map(({ printed }) => printed?.then((p) => p.made))),
    write: async (write) => {
      for (const { doc, rendered, printed } of docs) {
        const { html, warnings } = await rendered;
        if (doc.audience === 'public') warnings.forEach((w) => ctx.warn(`minutes of ${meeting.id}: ${w}`));
        await write(`${doc.file}.html`, html, { text: htmlText(html) });
        if (!printed) continue;
        const { reused, made } = await printed;
        ctx.progress(await printing(reused, `${doc.file}.pdf`));
        await ctx.keepPrintedHtml?.(`${doc.file}.html`, html);
        const pdf = await made;
        await write(`${doc.file}.pdf`, pdf.bytes, { pages: pdf.pageCount });
      }
    },
  };
}
