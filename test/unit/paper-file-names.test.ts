import { describe, expect, it } from 'vitest';
import { slug, SLUG_LENGTH } from '../../src/domain/slug.js';
import { buildBoard } from '../../src/model/board.js';
import { buildMeeting } from '../../src/model/meeting.js';
import { meetingOutputs } from '../../src/model/outputs.js';
import { paperFileName } from '../../src/model/pack-plan.js';

describe('a title as words in a file name', () => {
  it.each([
    ['Looked-after children’s health', 'looked-after-childrens-health'],
    ["Children's Services: Q2 2019/20 update", 'childrens-services-q2-2019-20-update'],
    ['Élan – Café Crèche Naïve Façade', 'elan-cafe-creche-naive-facade'],
    ['Straße, Æsir, Øresund, Łódź, Œuvre', 'strasse-aesir-oresund-lodz-oeuvre'],
    ['Health & Wellbeing', 'health-and-wellbeing'],
    ['  --Annex A  (draft)--  ', 'annex-a-draft'],
    ['ＦＵＬＬ Ｗｉｄｔｈ ①', 'full-width-1'],
  ])('%s → %s', (title, expected) => {
    expect(slug(title)).toBe(expected);
  });

  it('is never empty: a title of symbols, another script, or nothing is "paper"', () => {
    for (const title of ['', '   ', '—', '???', '✓ ✓', '日本語の報告', '’’']) expect(slug(title), title).toBe('paper');
  });

  it('cuts a long title after the last whole word that fits', () => {
    const title = 'Exploitation and Violence Reduction update for the Corporate Parenting Board and its partners in the county';
    const cut = slug(title);
    expect(cut).toBe('exploitation-and-violence-reduction-update-for-the-corporate');
    expect(cut.length).toBeLessThanOrEqual(SLUG_LENGTH);
    expect(slug(title, 20)).toBe('exploitation-and');
    // One word longer than the limit is cut inside it rather than left out.
    expect(slug('a'.repeat(100))).toBe('a'.repeat(SLUG_LENGTH));
    expect(slug(`${'b'.repeat(70)} tail`)).toBe('b'.repeat(SLUG_LENGTH));
  });

  it('holds only lower-case ASCII letters, digits and single hyphens, whatever the title', () => {
    const titles = ['A/B\\C:D*E?F"G<H>I|J', '..\\..\\etc/passwd', 'Tab\tand\nnewline', 'Emoji 🎉 party', 'x'.repeat(300), 'İstanbul ıı'];
    for (const title of titles) expect(slug(title), title).toMatch(/^[a-z0-9]+(-[a-z0-9]+)*$/);
  });
});

describe("a paper's file name", () => {
  const board = buildBoard({ name: 'Corporate Parenting Board', council: 'Lancashire County Council', membership: [{ id: 'chair', name: 'Ian Brown', kind: 'elected' }] });
  const meeting = buildMeeting(
    {
      date: '2019-11-26',
      time: '10:00',
      venue: 'County Hall',
      items: [
        { title: 'Apologies' },
        {
          title: 'Performance',
          papers: [
            { title: 'Children in care performance information', file: 'papers/a.md' },
            { title: 'Annex', file: 'papers/b.md' },
            { title: 'Annex', file: 'papers/c.md' },
          ],
        },
        { title: 'Placement review', exempt: { paragraph: 1 }, papers: [{ title: 'Review of Hawthorn Lodge', file: 'papers/secret.md' }] },
        ...Array.from({ length: 8 }, (_, i) => ({ title: `Item ${i + 4}` })),
        { number: 12, title: 'Strategy', papers: [{ title: 'The strategy', file: 'papers/strategy.md' }] },
      ],
    },
    board,
    '/b/meetings/2019-11-26',
    new Map([[1, 'Information relating to any individual']]),
  );
  const item = (n: number) => meeting.items.find((i) => i.number === n)!;

  it('is the item number in two digits, the paper’s place in the item, and its title', () => {
    expect(paperFileName(item(2), 0)).toBe('02-1-children-in-care-performance-information');
    expect(paperFileName(item(12), 0)).toBe('12-1-the-strategy');
  });

  it('keeps two papers with the same title in one item apart by their place', () => {
    expect([paperFileName(item(2), 1), paperFileName(item(2), 2)]).toEqual(['02-2-annex', '02-3-annex']);
  });

  it("names an exempt item's paper by the item's public title, never by its own", () => {
    expect(paperFileName(item(3), 0)).toBe('03-1-placement-review');
    expect(JSON.stringify(meetingOutputs(meeting).papers.map((p) => p.file))).not.toMatch(/hawthorn/i);
  });

  it("puts the files in the meeting's folder, an exempt item's in confidential/, none clashing with another", () => {
    const files = meetingOutputs(meeting).papers.map((p) => p.file);
    expect(files).toEqual([
      '2019-11-26/02-1-children-in-care-performance-information',
      '2019-11-26/02-2-annex',
      '2019-11-26/02-3-annex',
      '2019-11-26/confidential/03-1-placement-review',
      '2019-11-26/12-1-the-strategy',
    ]);
    const outputs = meetingOutputs(meeting);
    const all = [...files, outputs.agenda, ...outputs.packs.map((p) => p.file)];
    expect(new Set(all).size).toBe(all.length);
  });
});
