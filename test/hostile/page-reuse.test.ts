import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PDFDocument } from '../../src/pdf-lib.js';
import { execFileSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { BrowserSession } from '../../src/print/browser-session.js';
import { printPdf } from '../../src/print/print-pdf.js';
import { testTempDir } from '../helpers/temp-dir.js';

/** The words of a PDF, as pdftotext reads them. */
function textOf(pdf: Uint8Array): string {
  const file = join(testTempDir('cpb-reuse-'), 'x.pdf');
  writeFileSync(file, pdf);
  return execFileSync('pdftotext', [file, '-'], { encoding: 'utf8' });
}

const doc = (body: string) => `<!DOCTYPE html><html lang="en-GB"><head><title>t</title><style>@page { size: A4; @top-left { content: "CONFIDENTIAL" } }</style></head><body>${body}</body></html>`;
const plain = (body: string) => `<!DOCTYPE html><html lang="en-GB"><head><title>t</title></head><body>${body}</body></html>`;

describe('a page of the browser used for one print after another', () => {
  let session: BrowserSession;
  let server: Server;
  let requests = 0;
  beforeAll(async () => {
    session = new BrowserSession({ timeoutMs: 30_000, pages: 1 });
    server = createServer((_, res) => {
      requests++;
      res.end('x');
    });
    await new Promise<void>((done) => server.listen(0, '127.0.0.1', done));
  });
  afterAll(async () => {
    await session.close();
    server.close();
  });

  it('prints the next document with nothing of the one before: no words, no page rules, no pages', async () => {
    const secret = await printPdf(session, doc(`<h1>Hawthorn Lodge</h1>${'<p style="break-before: page">Young Person Q</p>'.repeat(4)}`), 'secret');
    const opened = session.pagesOpened;
    const next = await printPdf(session, plain('<h1>Public timetable</h1>'), 'public');
    expect(session.pagesOpened).toBe(opened);
    expect((await PDFDocument.load(secret)).getPageCount()).toBe(5);
    expect((await PDFDocument.load(next)).getPageCount()).toBe(1);
    const words = textOf(next);
    expect(words).toContain('Public timetable');
    expect(words).not.toMatch(/Hawthorn|Young Person Q|CONFIDENTIAL/);
  });

  it('still loads nothing from the network and runs no script', async () => {
    const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    await printPdf(session, plain('<p>first</p>'), 'first');
    const opened = session.pagesOpened;
    const pdf = await printPdf(session, plain(`<img src="${base}/a.png"><link rel="stylesheet" href="${base}/b.css"><p id="p">static</p><script>document.getElementById('p').textContent = 'scripted'</script>`), 'second');
    expect(session.pagesOpened).toBe(opened);
    expect(requests).toBe(0);
    expect(textOf(pdf)).toContain('static');
    expect(textOf(pdf)).not.toContain('scripted');
  });

  it('is closed when its work fails, and the next print gets a new page', async () => {
    await printPdf(session, plain('<p>before</p>'), 'before');
    const opened = session.pagesOpened;
    await expect(session.withPage('failing work', async () => Promise.reject(new Error('the work failed')))).rejects.toThrow('the work failed');
    const pdf = await printPdf(session, plain('<p>after the failure</p>'), 'after');
    expect(session.pagesOpened).toBe(opened + 1);
    expect(textOf(pdf)).toContain('after the failure');
  });
});
