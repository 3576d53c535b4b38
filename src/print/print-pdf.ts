import type { CDPSession, HTTPRequest, Page } from 'puppeteer-core';
import { BrowserError, CpbError } from '../errors.js';
import { interruptedError, type BrowserSession } from './browser-session.js';

/** Pages set up to print (no script runs on them and they load nothing from the network), with each its channel to the browser for printing. */
const prepared = new WeakMap<Page, CDPSession>();

/** A4, in inches, as the browser's print takes it; a page's own CSS size wins (preferCSSPageSize). */
const A4 = { paperWidth: 8.27, paperHeight: 11.7 };

/**
 * Prints self-contained HTML to a tagged A4 PDF with bookmarks from its headings.
 * The page runs no script and may load nothing from the network. `what` names the output in
 * messages, e.g. "2019-11-26/04-1-children-in-care-performance-information.pdf (Children in care performance information)".
 */
export async function printPdf(session: BrowserSession, html: string, what: string, options: { tagged?: boolean; first?: boolean } = {}): Promise<Uint8Array> {
  try {
    return await session.withPage(`printing ${what}`, async (page) => {
      let channel = prepared.get(page);
      if (!channel) {
        await page.setJavaScriptEnabled(false);
        await page.setRequestInterception(true);
        page.on('request', (request: HTTPRequest) => {
          const url = request.url();
          if (url.startsWith('data:') || url === 'about:blank') void request.continue();
          else void request.abort('blockedbyclient');
        });
        channel = await page.createCDPSession();
        prepared.set(page, channel);
      }
      await page.setContent(html, { waitUntil: 'load' });
      // Asked of the browser directly, the PDF coming back in the answer: page.pdf() would read
      // it back in pieces and ask after the page's fonts first, some milliseconds more on each of
      // a meeting's prints. No font is loaded but from the page itself, and the page has loaded.
      const tagged = options.tagged ?? true;
      const { data } = await channel.send('Page.printToPDF', {
        ...A4,
        marginTop: 0,
        marginBottom: 0,
        marginLeft: 0,
        marginRight: 0,
        printBackground: true,
        preferCSSPageSize: true,
        // An untagged print is about twice as fast; the small prints that count a pack's pages need no tags.
        generateTaggedPDF: tagged,
        generateDocumentOutline: tagged,
        transferMode: 'ReturnAsBase64',
      });
      return Buffer.from(data, 'base64');
    }, { first: options.first ?? false });
  } catch (error) {
    if (error instanceof CpbError) throw error;
    if (session.wasAborted) throw interruptedError();
    if (isCrash(error)) {
      // Puppeteer's own words ("Protocol error (Page.printToPDF): Target closed") say nothing a
      // user can act on, so they are not passed on as the cause.
      throw new BrowserError(`The browser crashed while printing ${what}`, {
        rule: 'browser/crash',
        hint: 'Try again. If it crashes again on the same document, it may be too large for the memory the browser has: make its images smaller or split it.',
      });
    }
    if ((error as Error).name === 'TimeoutError') {
      throw new BrowserError(`The browser timed out while printing ${what}`, {
        rule: 'browser/timeout',
        hint: 'Try again; if it keeps happening, raise the limit with --timeout SECONDS.',
      });
    }
    throw new BrowserError(`The browser failed while printing ${what}: ${(error as Error).message}`, {
      rule: 'browser/print',
      cause: error,
    });
  }
}

/** The browser process, or the tab doing the work, went away under the print. */
function isCrash(error: unknown): boolean {
  if (!(error instanceof Error)) return false;
  return error.name === 'TargetCloseError' || /target closed|session closed|connection closed|disconnected|detached|crashed/i.test(error.message);
}
