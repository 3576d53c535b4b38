import { mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { imageSources, loadImages } from '../../src/load/markdown-images.js';
import { renderMarkdown as renderLoaded } from '../../src/render/markdown.js';
import { sanitizePaperHtml, sanitizeSvg } from '../../src/render/sanitize.js';
import { tinyPng } from '../helpers/zip.js';

const root = mkdtempSync(join(tmpdir(), 'cpb-md-'));
const board = join(root, 'board');
const papers = join(board, 'meetings', '2019-11-26', 'papers');
mkdirSync(join(papers, 'images'), { recursive: true });
mkdirSync(join(board, 'shared'), { recursive: true });
writeFileSync(join(papers, 'images', 'chart.png'), tinyPng());
writeFileSync(join(papers, 'my chart.png'), tinyPng());
writeFileSync(join(board, 'shared', 'logo.gif'), Buffer.from('GIF89a\x01\x00\x01\x00\x00\x00\x00;', 'latin1'));
writeFileSync(join(papers, 'notes.png'), 'not really a picture');
writeFileSync(
  join(papers, 'map.svg'),
  '<?xml version="1.0"?><svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 10 10" onload="alert(1)"><script>alert(2)</script>' +
    '<rect width="10" height="10" fill="url(#g)" style="fill:red;background:url(http://evil.example/x)"/>' +
    '<image href="http://evil.example/x.png"/><a href="javascript:alert(3)"><text>Click</text></a><use href="#r"/></svg>',
);
writeFileSync(join(papers, 'fake.svg'), '<html><body>not a drawing</body></html>');
writeFileSync(join(root, 'outside.png'), tinyPng());
symlinkSync(join(root, 'outside.png'), join(papers, 'link.png'));

const options = { baseDir: papers, boardDir: board };

/** Load reads the images the Markdown refers to; render inlines them. */
async function renderMarkdown(markdown: string, where: { baseDir: string; boardDir: string }) {
  return renderLoaded(markdown, { images: await loadImages([markdown], where.baseDir, where.boardDir) });
}
afterAll(() => rmSync(root, { recursive: true, force: true }));

describe('rendering Markdown', () => {
  it('shifts headings down one level so the paper title stays the only h1', async () => {
    const { html, warnings } = await renderMarkdown('# Background\n\n## Detail\n\n###### Deepest\n\n<h1>Raw</h1>\n', options);
    expect(html).toContain('<h2>Background</h2>');
    expect(html).toContain('<h3>Detail</h3>');
    expect(html).toContain('<h6>Deepest</h6>');
    expect(html).toContain('<h2>Raw</h2>');
    expect(html).not.toContain('<h1');
    expect(warnings).toEqual([]);
  });

  it('keeps lists, tables with column headers, links and emphasis', async () => {
    const markdown = [
      'Some **bold**, *italic*, `code` and a [link](https://www.lancashire.gov.uk/) and [mail](mailto:a@b.uk) and [section](#next).',
      '',
      '- one',
      '- two',
      '',
      '3. three',
      '4. four',
      '',
      '| Indicator | Value |',
      '| --- | ---: |',
      '| Children looked after | 2,100 |',
      '',
      '> quoted',
    ].join('\n');
    const { html } = await renderMarkdown(markdown, options);
    expect(html).toContain('<strong>bold</strong>');
    expect(html).toContain('<em>italic</em>');
    expect(html).toContain('<code>code</code>');
    expect(html).toContain('<a href="https://www.lancashire.gov.uk/">link</a>');
    expect(html).toContain('<a href="mailto:a@b.uk">mail</a>');
    expect(html).toContain('<a href="#next">section</a>');
    expect(html).toMatch(/<ul>\s*<li>one<\/li>\s*<li>two<\/li>\s*<\/ul>/);
    expect(html).toContain('<ol start="3">');
    expect(html).toContain('<th scope="col">Indicator</th>');
    expect(html).toContain('<th style="text-align:right" scope="col">Value</th>');
    expect(html).toContain('<td style="text-align:right">2,100</td>');
    expect(html).toContain('<blockquote>');
  });

  it('removes scripts, styles, frames, event handlers and javascript: links from raw HTML', async () => {
    const markdown = [
      '<script>alert("x")</script>',
      '<style>body { display: none }</style>',
      '<iframe src="https://evil.example/"></iframe>',
      '<p onclick="alert(1)" style="color:red" class="x" id="y">Click <b>here</b></p>',
      '<a href="javascript:alert(1)">bad link</a> <a href=" JaVaScRiPt:alert(1)">bad too</a>',
      '<a href="data:text/html;base64,PHNjcmlwdD4=">data link</a> <a href="//evil.example">protocol-relative</a>',
      '<a href="page.html" onmouseover="alert(1)" target="_blank">relative</a>',
      '',
      '[md js](javascript:alert(1))',
      '',
      '<table><tr><th scope="row" onclick="x()">Row</th><td colspan="2" bgcolor="red">v</td></tr></table>',
      '<abbr title="Children looked after" onclick="x()">CLA</abbr> <span>span</span> <sup>1</sup>',
      '<img src="x" onerror="alert(1)">',
    ].join('\n');
    const { html, warnings } = await renderMarkdown(markdown, options);
    for (const bad of ['<script', 'alert("x")', '<style', 'display: none', '<iframe', 'onclick', 'onmouseover', 'onerror', 'JaVaScRiPt', 'data:text', 'evil.example', 'target=', 'class=', 'id=', 'color:red', 'bgcolor', '<span', 'page.html']) {
      expect(html, bad).not.toContain(bad);
    }
    expect(html).not.toMatch(/href="[^"]*script/i);
    // markdown-it itself refuses a javascript: link target and leaves the Markdown as text.
    expect(html).toContain('<p>[md js](javascript:alert(1))</p>');
    expect(html).toContain('<p>Click <strong>here</strong></p>');
    expect(html).toContain('bad link bad too');
    expect(html).toContain('relative');
    expect(html).toContain('<th scope="row">Row</th>');
    expect(html).toContain('<td colspan="2">v</td>');
    expect(html).toContain('<abbr title="Children looked after">CLA</abbr>');
    expect(html).toContain('<sup>1</sup>');
    expect(html).not.toContain('<img');
    expect(warnings).toEqual(['Image "x" was not found; it was left out.']);
  });

  it('inlines relative images as data: URIs', async () => {
    const { html, warnings } = await renderMarkdown(
      '![Bar chart of visits](images/chart.png)\n\n![Logo](../../../shared/logo.gif "Logo")\n\n![Spaces](<my chart.png>)\n\n<img src="images/chart.png" alt="Raw" width="200" height="50%">',
      options,
    );
    expect(html).toContain(`<img src="data:image/png;base64,${tinyPng().toString('base64')}" alt="Bar chart of visits" />`);
    expect(html).toMatch(/<img src="data:image\/gif;base64,[^"]+" alt="Logo" \/>/);
    expect(html).toMatch(/<img src="data:image\/png;base64,[^"]+" alt="Spaces" \/>/);
    expect(html).toMatch(/<img src="data:image\/png;base64,[^"]+" alt="Raw" width="200" height="50%" \/>/);
    expect(html).not.toContain('chart.png');
    expect(warnings).toEqual([]);
  });

  it('drops an image outside the board folder, even through a symbolic link, with a warning', async () => {
    const { html, warnings } = await renderMarkdown(
      `![Outside](../../../../outside.png)\n\n![Absolute](${join(root, 'outside.png')})\n\n![Linked](link.png)\n`,
      options,
    );
    expect(html).not.toContain('<img');
    expect(warnings).toEqual([
      'Image "../../../../outside.png" is outside the board folder; it was left out.',
      `Image "${join(root, 'outside.png')}" is outside the board folder; it was left out.`,
      'Image "link.png" is outside the board folder; it was left out.',
    ]);
  });

  it('drops remote images, files that are not pictures and missing files, with warnings', async () => {
    const { html, warnings } = await renderMarkdown(
      '![Remote](https://example.com/a.png)\n\n![Text](notes.png)\n\n![Missing](gone.png)\n\n<img src="file:///etc/passwd" alt="f">',
      options,
    );
    expect(html).not.toContain('<img');
    expect(warnings).toEqual([
      'Image "https://example.com/a.png" is not a file in the board folder (only images kept with the papers are included); it was left out.',
      'Image "notes.png" is not a PNG, JPEG, GIF or SVG image; it was left out.',
      'Image "gone.png" was not found; it was left out.',
      'Image "file:///etc/passwd" is not a file in the board folder (only images kept with the papers are included); it was left out.',
    ]);
  });

  it('warns about an image without alt text', async () => {
    const { html, warnings } = await renderMarkdown('![](images/chart.png)\n\n<img src="images/chart.png">', options);
    expect(html.match(/<img /g)).toHaveLength(2);
    expect(warnings).toEqual(['Image "images/chart.png" has no alt text; describe it for readers who cannot see it (WCAG 1.1.1).']);
  });

  it('sanitises SVG images before inlining them', async () => {
    const { html, warnings } = await renderMarkdown('![Map of the county](map.svg)\n\n![Broken](fake.svg)', options);
    expect(warnings).toEqual(['Image "fake.svg" is not a PNG, JPEG, GIF or SVG image; it was left out.']);
    const src = /src="data:image\/svg\+xml;base64,([^"]+)"/.exec(html)?.[1];
    expect(src).toMatch(/^[A-Za-z0-9+/]+=*$/);
    const svg = Buffer.from(src!, 'base64').toString('utf8');
    expect(svg).toMatch(/^<svg xmlns="http:\/\/www.w3.org\/2000\/svg" viewBox="0 0 10 10">/);
    expect(svg).toContain('<rect width="10" height="10" fill="url(#g)" style="fill:red"></rect>');
    expect(svg).toContain('<use href="#r"></use>');
    for (const bad of ['onload', 'script', 'alert', 'evil', '<image', '<a ', 'Click', 'background']) expect(svg, bad).not.toContain(bad);
  });

  it('sanitises SVG data: URIs too, and refuses markup that is not an SVG', async () => {
    const svg = Buffer.from('<svg xmlns="http://www.w3.org/2000/svg"><circle r="1" onclick="x()"/></svg>').toString('base64');
    const { html, warnings } = await renderMarkdown(`<img src="data:image/svg+xml;base64,${svg}" alt="Dot">`, options);
    const inlined = Buffer.from(/base64,([^"]+)"/.exec(html)![1]!, 'base64').toString('utf8');
    expect(inlined).toBe('<svg xmlns="http://www.w3.org/2000/svg"><circle r="1"></circle></svg>');
    expect(warnings).toEqual([]);
    expect(sanitizeSvg('<html><script>alert(1)</script></html>')).toBeUndefined();
  });
});

describe('the images load reads for a Markdown text', () => {
  it('are every image the sanitiser can see, Markdown or raw HTML, by their decoded src', () => {
    expect(imageSources('![a](images/chart.png)\n\n<p><img src="a&amp;b.png"></p>\n\n<script><img src="no.png"></script>\n\n<noscript><img src="yes.png"></noscript>')).toEqual([
      'images/chart.png',
      'a&b.png',
      'yes.png',
    ]);
  });

  it('are found however the image is written, though a text without "![" or "<img" is not rendered to look', () => {
    const reference = 'See the chart.\n\n![Chart][c]\n\n[c]: images/chart.png "Chart"';
    expect(imageSources(reference)).toEqual(['images/chart.png']);
    expect(imageSources('<DIV><IMG SRC="upper.png"></DIV>')).toEqual(['upper.png']);
    expect(imageSources('Text with &lt;img src="escaped.png"&gt; and `<img src="code.png">`')).toEqual([]);
    const text = 'Plain text: ![alt](inline.png) '.repeat(2);
    expect(imageSources(text)).toEqual(['inline.png', 'inline.png']);
    for (const markdown of [reference, '<DIV><IMG SRC="upper.png"></DIV>', 'a ![x](one.png)']) {
      // Whatever is found, the renderer is given: rendering with them never meets an image it lacks.
      const images = new Map(imageSources(markdown).map((src) => [src, { bytes: tinyPng() }]));
      expect(() => renderLoaded(markdown, { images })).not.toThrow();
    }
  });

  it('leave the renderer nothing to read: an image it was not given is a bug, not a disk read', () => {
    expect(() => renderLoaded('![Chart](images/chart.png)', { images: new Map() })).toThrow(/was not loaded/);
  });
});

describe('the sanitiser on its own', () => {
  it('leaves out images that are not data: URIs of a known type', () => {
    expect(sanitizePaperHtml('<img src="a.png" alt="a"><img src="data:image/svg+xml;base64,PHN2Zz4=" alt="b">')).toBe('');
    expect(sanitizePaperHtml('<img src="data:image/png;base64,iVBORw0KGgo=" alt="c">')).toBe('<img src="data:image/png;base64,iVBORw0KGgo=" alt="c" />');
  });

  it('shifts headings only when asked, never beyond h6', () => {
    expect(sanitizePaperHtml('<h1>a</h1><h6>b</h6>')).toBe('<h1>a</h1><h6>b</h6>');
    expect(sanitizePaperHtml('<h1>a</h1><h5>b</h5><h6>c</h6>', { headingShift: 2 })).toBe('<h3>a</h3><h6>b</h6><h6>c</h6>');
  });
});
