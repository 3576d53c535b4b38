import type { HTTPRequest } from 'puppeteer-core';
import { BrowserError, CpbError } from '../errors.js';
import type { BrowserSession } from './browser-session.js';

/**
 * Prints self-contained HTML to a tagged A4 PDF with bookmarks from its headings.
 * The page runs no script and may load nothing from the network.
 */
export async function printPdf(session: BrowserSession, html: string, what: string, options: { tagged?: boolean } = {}): Promise<Uint8Array> {
  try {
    return await session.withPage(`printing ${what}`, async (page) => {
      await page.setJavaScriptEnabled(false);
      await page.setRequestInterception(true);
      page.on('request', (request: HTTPRequest) => {
        const url = request.url();
        if (url.startsWith('data:') || url === 'about:blank') void request.continue();
        else void request.abort('blockedbyclient');
      });
      await page.setContent(html, { waitUntil: 'load' });
      return await page.pdf({
        format: 'A4',
        printBackground: true,
        preferCSSPageSize: true,
        // An untagged print is about twice as fast; the pack's first pass only measures pages.
        tagged: options.tagged ?? true,
        outline: options.tagged ?? true,
      });
    });
  } catch (error) {
    if (error instanceof CpbError) throw error;
    throw new BrowserError(`The browser failed while printing ${what}: ${(error as Error).message}`, {
      rule: 'browser/print',
      cause: error,
    });
  }
}
