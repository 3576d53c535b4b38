import ICAL from 'ical.js';
import { afterEach, describe, expect, it } from 'vitest';
import { mergePlans, rebuildPlan } from '../../src/build/rebuild-plan.js';
import { buildBoard } from '../../src/model/board.js';
import { buildMeeting, type Meeting } from '../../src/model/meeting.js';
import { meetingsCalendar, meetingUid, slug } from '../../src/write/calendar.js';
import { openData } from '../../src/write/open-data.js';
import { scriptSafeJson } from '../../src/write/site/search-index.js';
import { htmlText } from '../../src/render/site/search-text.js';
import { formatBytes, href } from '../../src/model/site/site-views.js';

const board = buildBoard({ name: 'Corporate Parenting Board', council: 'Lancashire County Council', membership: [{ id: 'chair', name: 'Ian Brown', kind: 'elected' }] });
const meeting = (date: string, extra: Partial<Parameters<typeof buildMeeting>[0]> = {}): Meeting =>
  buildMeeting({ date, time: '18:00', venue: 'County Hall, Preston', items: [{ title: 'Apologies' }], ...extra }, board, `/b/meetings/${date}`);

describe('what serve rebuilds', () => {
  const ids = new Set(['2019-11-26', '2020-01-30']);
  it.each([
    { name: 'a paper', changed: ['meetings/2019-11-26/papers/report.md'], plan: { kind: 'meetings', ids: ['2019-11-26'] } },
    { name: 'papers of two meetings', changed: ['meetings/2020-01-30/papers/a.pdf', 'meetings/2019-11-26/papers/b.md'], plan: { kind: 'meetings', ids: ['2019-11-26', '2020-01-30'] } },
    { name: "an agenda, which other meetings' papers draw on", changed: ['meetings/2019-11-26/meeting.yaml'], plan: { kind: 'all' } },
    { name: 'minutes', changed: ['meetings/2019-11-26/minutes.yaml'], plan: { kind: 'all' } },
    { name: 'the board', changed: ['board.yaml'], plan: { kind: 'all' } },
    { name: 'a meeting folder that is gone', changed: ['meetings/2019-05-22/papers/x.md'], plan: { kind: 'all' } },
    { name: "the build's own output", changed: ['out/site/index.html', 'out/.cpb-staging-1/x'], plan: { kind: 'none' } },
    { name: "editors' and git's files", changed: ['meetings/2019-11-26/papers/.report.md.swp', 'meetings/2019-11-26/papers/report.md~', '.git/index', 'meetings/2019-11-26/4913'], plan: { kind: 'none' } },
  ])('$name', ({ changed, plan }) => {
    expect(rebuildPlan(changed, ids, ['out'])).toEqual(plan);
  });
  it('merges plans', () => {
    expect(mergePlans({ kind: 'meetings', ids: ['b'] }, { kind: 'meetings', ids: ['a', 'b'] })).toEqual({ kind: 'meetings', ids: ['a', 'b'] });
    expect(mergePlans({ kind: 'none' }, { kind: 'all' })).toEqual({ kind: 'all' });
    expect(mergePlans({ kind: 'meetings', ids: ['a'] }, { kind: 'none' })).toEqual({ kind: 'meetings', ids: ['a'] });
  });
});

describe('meetings.ics', () => {
  const saved = process.env['TZ'];
  afterEach(() => {
    if (saved === undefined) delete process.env['TZ'];
    else process.env['TZ'] = saved;
  });

  it('gives London times whatever the machine’s time zone, and marks cancelled meetings', () => {
    process.env['TZ'] = 'America/New_York';
    const text = meetingsCalendar({
      board,
      meetings: [meeting('2020-06-30'), meeting('2020-12-01', { status: 'cancelled' })],
      stamp: () => new Date('2020-01-01T00:00:00Z'),
    });
    const calendar = new ICAL.Component(ICAL.parse(text));
    ICAL.TimezoneService.register(new ICAL.Timezone(calendar.getFirstSubcomponent('vtimezone')!));
    const [summer, winter] = calendar.getAllSubcomponents('vevent');
    expect(summer!.getFirstPropertyValue('dtstart')!.toString()).toBe('2020-06-30T18:00:00');
    expect(new ICAL.Event(summer!).startDate.toJSDate().toISOString()).toBe('2020-06-30T17:00:00.000Z');
    expect(new ICAL.Event(winter!).startDate.toJSDate().toISOString()).toBe('2020-12-01T18:00:00.000Z');
    expect(summer!.getFirstPropertyValue('status')).toBe('CONFIRMED');
    expect(winter!.getFirstPropertyValue('status')).toBe('CANCELLED');
    expect(winter!.getFirstPropertyValue('summary')).toBe('Cancelled: Corporate Parenting Board');
    expect(text).toContain('DTSTAMP:20200101T000000Z');
    expect(text).toMatch(/DTSTART;TZID=Europe\/London:20201201T180000/);
  });

  it('keeps UIDs stable: from the council, the board and the date', () => {
    expect(meetingUid(board, { date: '2019-11-26' })).toBe('lancashire-county-council-corporate-parenting-board-2019-11-26@cpb');
    expect(slug("Children's Services – Sub-Committée")).toBe('children-s-services-sub-committee');
  });
});

describe('meetings.json', () => {
  it('lists an exempt item with its exemption and no documents', () => {
    const m = meeting('2019-11-26', { items: [{ title: 'Placement review', exempt: { paragraph: 1, reason: 'Information relating to any individual.' }, papers: [{ title: 'Secret', file: 'papers/x.md' }] }] });
    const data = openData(board, [{ meeting: m, page: 'meetings/2019-11-26/index.html', agenda: [], items: [{ item: m.items[0]!, papers: [] }] }]);
    expect(data.meetings[0]!.agenda[0]).toEqual({
      order: '1',
      description: 'Placement review',
      notes: [],
      classification: ['exempt'],
      related_entities: [],
      documents: [],
      exempt: { paragraph: 1, reason: 'Information relating to any individual.' },
    });
    expect(data.meetings[0]!.status).toBe('confirmed');
    expect(JSON.stringify(data)).not.toContain('Secret');
  });
});

describe('site helpers', () => {
  it('reads the words of a page’s main content', () => {
    expect(htmlText('<style>p{}</style><a class="skip-link">Skip</a><main id="main"><h1>A &amp; B</h1><p>Children&#x27;s <b>care</b>&nbsp;now</p><script>x()</script></main>')).toBe("A & B Children's care now");
  });
  it('writes JSON that cannot close a script', () => {
    expect(scriptSafeJson({ a: '</script><!--' })).toBe('{"a":"\\u003c/script\\u003e\\u003c!--"}');
  });
  it('formats sizes and relative links', () => {
    expect([formatBytes(900), formatBytes(151_769), formatBytes(3_500_000)]).toEqual(['900 bytes', '148 KB', '3.3 MB']);
    expect(href('meetings/2019-11-26/index.html', 'meetings/2019-11-26/pack.pdf')).toBe('pack.pdf');
    expect(href('meetings/2019-11-26/index.html', 'meetings/2020-01-30/papers/a.html')).toBe('../2020-01-30/papers/a.html');
    expect(href('index.html', 'meetings/2019-11-26/index.html')).toBe('meetings/2019-11-26/index.html');
    expect(href('meetings/2019-11-26/index.html', 'index.html')).toBe('../../index.html');
  });
});

