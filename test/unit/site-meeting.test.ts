import { describe, expect, it } from 'vitest';
import { buildBoard } from '../../src/model/board.js';
import { buildMeeting } from '../../src/model/meeting.js';
import { publishedFile, type PublishedFile } from '../../src/model/site/published.js';
import { siteDocument, siteFileNames, siteMeeting } from '../../src/model/site/site-meeting.js';

// What the site makes of a meeting's published files is pure: it is given the records the build
// made (or the manifest kept), and neither opens nor parses a file.
const board = buildBoard({ name: 'Corporate Parenting Board', council: 'Lancashire County Council', membership: [{ id: 'chair', name: 'Ian Brown', kind: 'elected' }] });
const meeting = buildMeeting(
  {
    date: '2019-11-26',
    time: '10:00',
    venue: 'County Hall, Preston',
    items: [
      { title: 'Apologies' },
      { title: 'Delivery plan', papers: [{ title: 'The plan', file: 'papers/plan.md' }] },
      { title: 'A placement', exempt: { paragraph: 1 }, papers: [{ title: 'Secret placement', file: 'papers/secret.md' }] },
      { title: 'Violence reduction', papers: [{ title: 'The unit', file: 'papers/unit.pdf' }] },
    ],
  },
  board,
  '/b/meetings/2019-11-26',
  new Map([[1, 'Information relating to any individual']]),
);
const files = (list: PublishedFile[]) => new Map(list.map((f) => [f.name, f]));
const model = { minutes: new Map() };

describe('the site of one meeting, from what its build published', () => {
  const published: PublishedFile[] = [
    { name: 'agenda.html', bytes: 100 },
    { name: 'pack.pdf', bytes: 2048, pages: 12 },
    { name: '02-1-the-plan.html', bytes: 300, text: 'the plan in words' },
    { name: '02-1-the-plan.pdf', bytes: 4096, pages: 3 },
    // Were the record to name an exempt item's paper, the site would still not list it.
    { name: '03-1-a-placement.html', bytes: 5, text: 'secret words' },
    { name: '04-1-the-unit.pdf', bytes: 9000, pages: 7, supplied: true, text: 'unit words', warning: 'unit.pdf: removed 1 script' },
  ];

  it('lists each file with the size and pages the build said, and the words search finds', () => {
    const { site, texts } = siteMeeting(model, meeting, files(published), 'this build');
    expect(site.pack).toEqual({ path: 'meetings/2019-11-26/pack.pdf', mediaType: 'application/pdf', bytes: 2048, pages: 12 });
    expect(site.agenda).toEqual([{ path: 'meetings/2019-11-26/agenda.html', mediaType: 'text/html', bytes: 100 }]);
    expect(site.items[1]!.papers[0]!.pdf?.pages).toBe(3);
    expect(site.items[3]!.papers[0]!.pdf).toEqual({ path: 'meetings/2019-11-26/04-1-the-unit.pdf', mediaType: 'application/pdf', bytes: 9000, pages: 7 });
    expect(texts.map((t) => t.text)).toEqual(['the plan in words', 'unit words']);
  });

  it('never lists a paper of an exempt item, nor its words', () => {
    const { site, texts } = siteMeeting(model, meeting, files(published), 'this build');
    expect(site.items[2]!.papers).toEqual([]);
    expect(JSON.stringify({ site, texts })).not.toContain('secret words');
    expect(siteFileNames(meeting)).toEqual(['agenda.html', 'agenda.pdf', 'pack.pdf', 'supplementary.pdf', '02-1-the-plan.html', '02-1-the-plan.pdf', '04-1-the-unit.pdf', 'minutes.pdf']);
  });

  it("says a supplied PDF's sanitiser warning again only for a meeting reused from an earlier build", () => {
    expect(siteMeeting(model, meeting, files(published), 'this build').warnings).toEqual([]);
    expect(siteMeeting(model, meeting, files(published), 'an earlier build').warnings).toEqual(['unit.pdf: removed 1 script']);
  });

  it('warns of a supplied PDF it has no copy of, or no words of', () => {
    expect(siteMeeting(model, meeting, files([]), 'an earlier build').warnings).toEqual(['papers/unit.pdf: not found, so it is not on the website']);
    // A meeting not built yet is listed without documents, and that is no cause for a warning.
    expect(siteMeeting(model, meeting, files([]), 'no build').warnings).toEqual([]);
    const wordless = published.map((f) => (f.supplied ? { ...f, text: '' } : f));
    expect(siteMeeting(model, meeting, files(wordless), 'this build').warnings).toEqual(['papers/unit.pdf: no text could be read from it, so search will not find its words']);
  });

  it('keeps no record of a confidential file, and refuses to publish one', () => {
    expect(publishedFile(meeting, '2019-11-26/confidential/pack.pdf', new Uint8Array(3), { pages: 1 })).toBeUndefined();
    expect(publishedFile(meeting, '2019-11-26/02-1-the-plan.html', 'é', { text: 'é' })).toEqual({ name: '02-1-the-plan.html', bytes: 2, text: 'é' });
    expect(publishedFile(meeting, '2019-11-26/confidential/03-1-a-placement.html', 'x')).toBeUndefined();
    expect(() => siteDocument(meeting, { name: 'confidential/03-1-a-placement.html', bytes: 1 })).toThrow(/confidential/);
  });
});
