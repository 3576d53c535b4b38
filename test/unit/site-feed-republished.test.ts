import { describe, expect, it } from 'vitest';
import type { Board } from '../../src/model/board.js';
import type { MeetingData } from '../../src/domain/types.js';
import { buildMeeting } from '../../src/model/meeting.js';
import { boardFeed } from '../../src/model/site/feed-entries.js';
import { councilFeed } from '../../src/model/site/council-feed.js';
import type { PublishedFile } from '../../src/model/site/published.js';
import { siteMeeting } from '../../src/model/site/site-meeting.js';
import { meetingPageView } from '../../src/model/site/site-views.js';

const board = { name: 'Corporate Parenting Board', council: 'Lancashire County Council', dateStyle: 'ordinal', member: () => undefined } as unknown as Board;
const stamp = () => new Date('2020-02-01T00:00:00Z');

// Item 2 has a corrected appendix; item 3 is exempt and its paper was "republished" too, which
// must never show; item 4's generated action log was republished without a note.
function data(republished: { date: string; note?: string }): MeetingData {
  return {
    date: '2019-11-26',
    time: '18:00',
    venue: 'County Hall',
    published: '2019-11-15',
    items: [
      { title: 'Introductions' },
      { title: 'Budget', papers: [{ title: 'Budget report', file: 'papers/budget.md' }, { title: 'Appendix 2', file: 'papers/appendix-2.pdf', republished }] },
      { title: 'Placement review', exempt: { paragraph: 1 }, papers: [{ title: 'Placement at celandinerow', file: 'papers/placement.pdf', republished: { date: '2019-11-21', note: 'celandinerow named' } }] },
      { title: 'Actions', papers: [{ title: 'Action log', generate: 'action-log', republished: { date: '2019-11-20' } }] },
    ],
  } as MeetingData;
}

function feedOf(republished: { date: string; note?: string }, today = '2020-02-01') {
  const meeting = buildMeeting(data(republished), board, '/board/meetings/2019-11-26');
  const names = ['agenda.html', 'pack.pdf', '02-1-budget-report.html', '02-1-budget-report.pdf', '02-2-appendix-2.pdf', '03-1-placement-review.pdf', '04-1-action-log.html', '04-1-action-log.pdf'];
  const files = new Map<string, PublishedFile>(names.map((name) => [name, { name, bytes: 100, ...(name.endsWith('.pdf') ? { pages: 2, text: 'words' } : {}) }]));
  const { site } = siteMeeting({ minutes: new Map() }, meeting, files, 'this build');
  return { site, feed: boardFeed(board, [site], stamp, { today }) };
}

describe('a republished paper in the feed', () => {
  const { site, feed } = feedOf({ date: '2019-11-22', note: 'Appendix 2 corrected' });
  const republished = feed.entries.filter((e) => e.kind === 'republished paper');

  it('has an entry per public republished paper, dated the day it was republished, linking its PDF', () => {
    expect(republished.map((e) => [e.title, e.updated.toISOString(), e.file?.path, e.page, e.summary])).toEqual([
      [
        'Republished: Appendix 2 (Corporate Parenting Board, Tuesday, 26th November, 2019)',
        '2019-11-22T00:00:00.000Z',
        'meetings/2019-11-26/02-2-appendix-2.pdf',
        'meetings/2019-11-26/index.html',
        'Appendix 2, a paper for the meeting on Tuesday, 26th November, 2019, was republished on 22 November 2019: Appendix 2 corrected',
      ],
      [
        'Republished: Action log (Corporate Parenting Board, Tuesday, 26th November, 2019)',
        '2019-11-20T00:00:00.000Z',
        'meetings/2019-11-26/04-1-action-log.pdf',
        'meetings/2019-11-26/index.html',
        'Action log, a paper for the meeting on Tuesday, 26th November, 2019, was republished on 20 November 2019.',
      ],
    ]);
    // The other entries keep the build's date; the feed is newest first.
    expect(feed.entries.find((e) => e.kind === 'agenda')?.updated.toISOString()).toBe('2020-02-01T00:00:00.000Z');
    expect(feed.entries.map((e) => e.kind)).toEqual(['agenda', 'republished paper', 'republished paper']);
  });

  it('never carries an exempt item’s republication, in the feed, the council feed or the page', () => {
    const council = councilFeed('Lancashire County Council', [{ base: 'committees/cpb/', feed }]);
    const page = meetingPageView({ board, meetings: [site], today: '2020-02-01' }, 0);
    for (const text of [JSON.stringify(feed), JSON.stringify(council), JSON.stringify(page)]) {
      expect(text).not.toContain('celandinerow');
      expect(text).not.toContain('2019-11-21');
      expect(text).not.toContain('21 November');
    }
    expect(council.entries.filter((e) => e.kind === 'republished paper').map((e) => e.file?.path)).toEqual(['committees/cpb/meetings/2019-11-26/02-2-appendix-2.pdf', 'committees/cpb/meetings/2019-11-26/04-1-action-log.pdf']);
  });

  it('keeps ids stable across builds and notes, distinct between papers, and new for a second republication', () => {
    const again = feedOf({ date: '2019-11-22', note: 'Appendix 2 corrected (table 3)' }).feed;
    expect(again.entries.map((e) => e.id)).toEqual(feed.entries.map((e) => e.id));
    const ids = feed.entries.map((e) => e.id);
    expect(new Set(ids).size).toBe(ids.length);
    const second = feedOf({ date: '2019-11-25', note: 'Appendix 2 corrected again' }).feed;
    const appendix = (f: typeof feed) => f.entries.find((e) => e.title.startsWith('Republished: Appendix 2'))!.id;
    expect(appendix(second)).not.toBe(appendix(feed));
    expect(second.entries.find((e) => e.kind === 'agenda')!.id).toBe(feed.entries.find((e) => e.kind === 'agenda')!.id);
  });

  it("dates no entry after the build's day, however late the build's stamp or the republication", () => {
    const early = feedOf({ date: '2019-11-22', note: 'Appendix 2 corrected' }, '2019-11-21').feed;
    expect(early.entries.filter((e) => e.updated.toISOString() !== '2019-11-21T00:00:00.000Z').map((e) => [e.title, e.updated.toISOString()])).toEqual([
      ['Republished: Action log (Corporate Parenting Board, Tuesday, 26th November, 2019)', '2019-11-20T00:00:00.000Z'],
    ]);
    expect(early.updated.toISOString()).toBe('2019-11-21T00:00:00.000Z');
    expect(early.entries.map((e) => e.id)).toEqual(feed.entries.map((e) => e.id));
  });

  it('shows the date and note beside the paper on the meeting page', () => {
    const page = meetingPageView({ board, meetings: [site], today: '2020-02-01' }, 0);
    const papers = page.items.flatMap((i) => i.papers.map((p) => [p.title, p.note]));
    expect(papers).toEqual([
      ['Budget report', undefined],
      ['Appendix 2', 'Republished 22 November 2019: Appendix 2 corrected'],
      ['Action log', 'Republished 20 November 2019'],
    ]);
  });
});
