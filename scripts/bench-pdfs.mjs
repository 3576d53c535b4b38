// Supplied PDFs for the bench's board of size 5: simple reports (headings, paragraphs, a table every
// few pages) printed by Chromium to tagged A4 PDFs with bookmarks, as a council officer's PDF
// export would be. Made once per run of the bench, in one browser.
import { join, resolve } from 'node:path';
import { prose } from './bench-board.mjs';

const ROOT = resolve(import.meta.dirname, '..');

const esc = (text) => text.replace(/&/g, '&amp;').replace(/</g, '&lt;');

/** The HTML of a supplied report of exactly `pages` A4 pages: each page its own section. */
export function suppliedReportHtml(title, pages, seed) {
  const sections = [];
  for (let p = 0; p < pages; p++) {
    const parts = [p === 0 ? `<h1>${esc(title)}</h1>` : '', `<h2>Section ${p + 1}</h2>`, `<p>${prose(seed + p, 5)}</p>`, `<p>${prose(seed + p + 1, 4)}</p>`];
    if (p % 3 === 2) {
      const rows = Array.from({ length: 6 }, (_, r) => `<tr><th scope="row">Measure ${r + 1}</th><td>${90 + ((seed + p + r) % 10)}%</td><td>${80 + ((seed + r) % 15)}%</td></tr>`);
      parts.push(`<table><caption>Table ${Math.floor(p / 3) + 1}</caption><thead><tr><th scope="col">Measure</th><th scope="col">This quarter</th><th scope="col">Last quarter</th></tr></thead><tbody>${rows.join('')}</tbody></table>`);
    } else {
      parts.push(`<h3>Findings</h3><p>${prose(seed + p + 2, 5)}</p>`);
    }
    parts.push(`<p>${prose(seed + p + 3, 3)}</p>`);
    sections.push(`<section>${parts.join('')}</section>`);
  }
  return `<!doctype html><html lang="en-GB"><head><meta charset="utf-8"><title>${esc(title)}</title><style>
@page { size: A4; margin: 20mm; }
body { font: 11pt/1.45 sans-serif; margin: 0; }
section { break-after: page; }
section:last-child { break-after: auto; }
table { border-collapse: collapse; width: 100%; margin: 1em 0; }
th, td { border: 1px solid #555; padding: 4px 6px; text-align: left; }
</style></head><body>${sections.join('')}</body></html>`;
}

/** One tagged PDF per entry of `pageCounts`, printed one after another in one browser. */
export async function printSuppliedPdfs(pageCounts) {
  const { BrowserSession } = await import(join(ROOT, 'dist/print/browser-session.js'));
  const { printPdf } = await import(join(ROOT, 'dist/print/print-pdf.js'));
  const session = new BrowserSession({ timeoutMs: 600_000 });
  try {
    const pdfs = [];
    for (const [i, pages] of pageCounts.entries()) {
      pdfs.push(await printPdf(session, suppliedReportHtml(`Supplied report ${i + 1}`, pages, i * 17), `supplied report ${i + 1}`));
    }
    return pdfs;
  } finally {
    await session.close();
  }
}
