import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { inflateRawSync } from 'node:zlib';
import { afterAll, describe, expect, it } from 'vitest';
import { convertDocx } from '../../src/load/docx-convert.js';
import { renderDocx as renderConverted } from '../../src/render/docx.js';
import { crc32, docx, tinyPng, word, zip } from '../helpers/zip.js';

const dir = mkdtempSync(join(tmpdir(), 'cpb-docx-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** Load converts the Word paper with mammoth; render sanitises it and inlines its pictures. */
async function renderDocx(file: string, options?: { displayPath?: string }) {
  return renderConverted(await convertDocx(file, options));
}

function write(name: string, bytes: Buffer): string {
  const file = join(dir, name);
  writeFileSync(file, bytes);
  return file;
}

describe('the test ZIP writer', () => {
  it('computes the standard CRC-32', () => {
    expect(crc32(Buffer.from('123456789'))).toBe(0xcbf43926);
  });

  it('writes entries a reader can find again', () => {
    const archive = zip([{ name: 'a.txt', data: 'hello hello hello' }], { deflate: true });
    expect(archive.readUInt32LE(0)).toBe(0x04034b50);
    const size = archive.readUInt32LE(18);
    const nameLength = archive.readUInt16LE(26);
    expect(inflateRawSync(archive.subarray(30 + nameLength, 30 + nameLength + size)).toString()).toBe('hello hello hello');
    expect(archive.readUInt32LE(archive.length - 22)).toBe(0x06054b50);
  });
});

describe('rendering a Word paper', () => {
  it('keeps headings (shifted down one level), lists and a table with its header row', async () => {
    const file = write(
      'paper.docx',
      docx({
        body: [
          word.heading(1, 'Exploitation update'),
          word.paragraph('An introductory paragraph.'),
          word.heading(2, 'Aims'),
          word.bullet('Early intervention'),
          word.bullet('A public health approach'),
          word.numbered('First step'),
          word.numbered('Second step'),
          word.table([
            ['Outcome', 'Measure'],
            ['Fewer knife injuries', 'Hospital admissions'],
          ]),
        ].join(''),
      }),
    );
    const { html, warnings } = await renderDocx(file);
    expect(warnings).toEqual([]);
    expect(html).toContain('<h2>Exploitation update</h2>');
    expect(html).toContain('<h3>Aims</h3>');
    expect(html).not.toContain('<h1');
    expect(html).toContain('<p>An introductory paragraph.</p>');
    expect(html).toContain('<ul><li>Early intervention</li><li>A public health approach</li></ul>');
    expect(html).toContain('<ol><li>First step</li><li>Second step</li></ol>');
    expect(html).toMatch(
      /<table><thead><tr><th scope="col"><p><strong>Outcome<\/strong><\/p><\/th><th scope="col"><p><strong>Measure<\/strong><\/p><\/th><\/tr><\/thead><tbody><tr><td><p>Fewer knife injuries<\/p><\/td><td><p>Hospital admissions<\/p><\/td><\/tr><\/tbody><\/table>/,
    );
  });

  it('inlines images as data: URIs with their alt text, and warns when alt text is missing', async () => {
    const file = write(
      'images.docx',
      docx({
        body: [word.image('rIdImg1', 'Bar chart of hospital admissions', 1), word.image('rIdImg2', '', 2)].join(''),
        images: { rIdImg1: { name: 'chart.png', data: tinyPng() }, rIdImg2: { name: 'second.png', data: tinyPng() } },
      }),
    );
    const { html, warnings } = await renderDocx(file);
    expect(html).toContain(`<img src="data:image/png;base64,${tinyPng().toString('base64')}" alt="Bar chart of hospital admissions" />`);
    expect(html.match(/<img /g)).toHaveLength(2);
    expect(warnings).toEqual(['Image 2 has no alt text; add one in Word (Edit Alt Text) for readers who cannot see it (WCAG 1.1.1).']);
  });

  it('leaves out an image that is not a picture a browser can show, with a warning', async () => {
    const file = write(
      'emf.docx',
      docx({ body: word.image('rIdImg1', 'Old chart'), images: { rIdImg1: { name: 'chart.png', data: Buffer.from('not an image') } } }),
    );
    const { html, warnings } = await renderDocx(file);
    expect(html).not.toContain('<img');
    expect(warnings).toEqual(['Image 1 (image/png) is not a PNG, JPEG, GIF or SVG image; it was left out.']);
  });

  it("turns mammoth's messages into warnings", async () => {
    const file = write('unknown-style.docx', docx({ body: word.paragraph('Styled', 'FancyQuote') }));
    const { html, warnings } = await renderDocx(file);
    expect(html).toBe('<p>Styled</p>');
    expect(warnings).toContain('Paragraph style with ID FancyQuote was referenced but not defined in the document');
  });

  it('throws an error naming a file that is not a Word document', async () => {
    const file = write('broken.docx', Buffer.from('this is not a zip file'));
    await expect(renderDocx(file, { displayPath: 'papers/broken.docx' })).rejects.toThrow(/papers\/broken\.docx/);
    await expect(renderDocx(file)).rejects.toMatchObject({ file, rule: 'load/docx-damaged' });
    await expect(renderDocx(join(dir, 'missing.docx'))).rejects.toThrow(/missing\.docx/);
  });
});
