import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { agendaView } from '../../src/model/agenda-view.js';
import { buildBoard } from '../../src/model/board.js';
import type { BoardModel } from '../../src/model/board-model.js';
import { buildMeeting, type Meeting, type Paper } from '../../src/model/meeting.js';
import { buildMinutes, drawsOnExemptMinutes } from '../../src/model/minutes.js';
import { CONFIDENTIAL_DIR, meetingOutputs } from '../../src/model/outputs.js';
import { packBookmarks, packPlan } from '../../src/model/pack-plan.js';
import type { ItemData, MeetingData, MinuteData, MinutesData } from '../../src/domain/types.js';
import { generatedContent } from '../../src/render/generated/generated-content.js';
import { minutesHtml, minutesPaper } from '../../src/render/generated/minutes-paper.js';
import { packHtml, paperHtml } from '../../src/render/pack-html.js';
import type { PaperContent } from '../../src/render/paper-content.js';
import { loadRenderFiles } from '../../src/load/render-files.js';
import { Renderer } from '../../src/render/renderer.js';
import { meetingsCalendar } from '../../src/write/calendar.js';
import { openData } from '../../src/write/open-data.js';
import type { SiteMeeting } from '../../src/model/site/site-meeting.js';

// Boards with random exempt, late and open items: nothing of an exempt item's papers (their
// titles, their text) may reach any public output, whatever the mix.
const board = buildBoard({ name: 'Corporate Parenting Board', council: 'Example Council', membership: [{ id: 'chair', name: 'Pat Example', kind: 'elected' }] });
const renderer = await Renderer.create(await loadRenderFiles());

const item = fc.record({
  exempt: fc.option(fc.integer({ min: 1, max: 7 }), { nil: undefined }),
  late: fc.boolean(),
  papers: fc.integer({ min: 0, max: 3 }),
});

describe('nothing exempt in public', () => {
  it('holds for any mix of exempt, late and open items', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(item, { minLength: 1, maxLength: 8 }), async (items) => {
        const secrets: string[] = [];
        const data: MeetingData = {
          date: '2019-11-26',
          time: '18:00',
          venue: 'County Hall',
          items: items.map((it, i) => ({
            title: `Item title ${i}`,
            ...(it.exempt ? { exempt: { paragraph: it.exempt } } : {}),
            ...(it.late ? { late: true, urgency: 'Because.' } : {}),
            papers: Array.from({ length: it.papers }, (_, j) => ({ title: `Paper ${i}-${j} title${it.exempt ? ` secret${i}x${j}t` : ''}`, file: `papers/p${i}-${j}.md` })),
          })),
        };
        const meeting = buildMeeting(data, board, '/b/meetings/2019-11-26', new Map([[1, 'Information relating to any individual.']]));
        const contents = new Map<Paper, PaperContent>();
        meeting.items.forEach((it, i) =>
          it.papers.forEach((paper, j) => {
            const secret = it.exempt ? `secret${i}x${j}b` : undefined;
            if (secret) secrets.push(secret, `secret${i}x${j}t`);
            contents.set(paper, { format: 'html', html: `<p>Body ${i}-${j} ${secret ?? ''}</p>`, warnings: [] });
          }),
        );
        const outputs = meetingOutputs(meeting);
        const publicTexts: string[] = [];
        for (const { plan, file } of outputs.packs) {
          if (file.includes(CONFIDENTIAL_DIR)) continue;
          publicTexts.push(await packHtml(renderer, board, plan, contents));
          publicTexts.push(JSON.stringify(packBookmarks(plan, new Map(plan.entries.map((e, k) => [e.id, k + 2])))));
        }
        for (const { plan, entry, file } of outputs.papers) {
          if (!file.includes(CONFIDENTIAL_DIR)) publicTexts.push(await paperHtml(renderer, board, plan, entry, contents));
        }
        publicTexts.push(await renderer.render('agenda', agendaView(board, meeting, { plan: packPlan(meeting, 'public') })));
        for (const text of publicTexts) for (const secret of secrets) expect(text).not.toContain(secret);
        // And the confidential pack does hold them all.
        if (secrets.length) {
          const confidential = await packHtml(renderer, board, packPlan(meeting, 'confidential'), contents);
          for (const secret of secrets) expect(confidential).toContain(secret);
        }
      }),
      { numRuns: 150 },
    );
  });
});

// Boards of three meetings whose minutes minute exempt items and items taken in private on the day
// (a minute marked exempt itself), with discussions, decisions, actions and declarations. Every
// word of an exempt minute is a marker; none may reach the public views of the minutes, the next
// meetings' minutes papers, action logs and registers of interests, meetings.json or meetings.ics.
const people = buildBoard({
  name: 'Corporate Parenting Board',
  council: 'Example Council',
  membership: [
    { id: 'chair', name: 'Pat Example', kind: 'elected' },
    { id: 'carer', name: 'Kim Carer', kind: 'co-opted' },
  ],
});
const DATES = ['2019-09-17', '2019-11-26', '2020-01-30'];
/** The standing items every meeting has: the last minutes, the action log, the register of interests. */
const STANDING: ItemData[] = [
  { title: 'Minutes of the last meeting', papers: [{ title: 'Minutes', generate: 'minutes' }] },
  { title: 'Action log', papers: [{ title: 'Action log', generate: 'action-log' }] },
  { title: 'Attendance and interests', papers: [{ title: 'Attendance', generate: 'attendance' }] },
];
const minuteArb = fc.record({
  exemptItem: fc.option(fc.integer({ min: 1, max: 7 }), { nil: undefined }),
  exemptMinute: fc.option(fc.integer({ min: 1, max: 7 }), { nil: undefined }),
  minuted: fc.boolean(),
  discussion: fc.boolean(),
  resolved: fc.integer({ min: 0, max: 2 }),
  actions: fc.integer({ min: 0, max: 2 }),
  declarations: fc.integer({ min: 0, max: 2 }),
});
const meetingArb = fc.record({ items: fc.array(minuteArb, { minLength: 1, maxLength: 4 }), generalDeclaration: fc.boolean() });

interface Planted {
  secrets: string[];
  /** Secrets no paper prints even in private (action ids). */
  unprinted: string[];
  /** Public words that must stay: each exempt minute's number-and-title line. */
  exemptTitles: { meeting: string; title: string; paragraph: number }[];
}

function plantedBoard(spec: { items: (typeof minuteArb extends fc.Arbitrary<infer T> ? T : never)[]; generalDeclaration: boolean }[]) {
  const planted: Planted = { secrets: [], unprinted: [], exemptTitles: [] };
  const meetings: Meeting[] = [];
  const data = new Map<string, MinutesData>();
  let actionNo = 0;
  spec.forEach((m, k) => {
    const date = DATES[k]!;
    const items: ItemData[] = [...STANDING, ...m.items.map((it, i) => ({ title: `Business ${k}-${i}`, ...(it.exemptItem ? { exempt: { paragraph: it.exemptItem } } : {}) }))];
    meetings.push(buildMeeting({ date, time: '18:00', venue: 'County Hall', status: 'held', items }, people, `/b/meetings/${date}`, SCHEDULE));
    const minutes: MinuteData[] = [{ item: 1, discussion: 'The minutes were agreed.' }, { item: 2 }, { item: 3 }];
    const declarations: NonNullable<MinutesData['declarations']> = m.generalDeclaration ? [{ who: 'carer', interest: `General interest ${k}` }] : [];
    m.items.forEach((it, i) => {
      const item = STANDING.length + i + 1;
      const exempt = it.exemptItem !== undefined || (it.minuted && it.exemptMinute !== undefined);
      const word = (kind: string, n = 0) => (exempt ? `secret${kind}${k}x${i}x${n}` : `open${kind}${k}x${i}x${n}`);
      for (let n = 0; n < it.declarations; n++) {
        declarations.push({ who: n % 2 ? 'chair' : 'carer', item, interest: `Interest ${word('interest', n)}` });
        if (exempt) planted.secrets.push(word('interest', n));
      }
      if (!it.minuted) return;
      const actions = Array.from({ length: it.actions }, (_, n) => ({
        id: exempt ? `hushid${++actionNo}` : `openid${++actionNo}`,
        owners: exempt ? [`Ownersecret${k}x${i}x${n}`] : ['chair'],
        action: `Do ${word('action', n)}.`,
      }));
      minutes.push({
        item,
        ...(it.exemptMinute !== undefined ? { exempt: { paragraph: it.exemptMinute } } : {}),
        ...(it.discussion ? { discussion: `Talk of ${word('discussion')}.` } : {}),
        ...(it.resolved ? { resolved: Array.from({ length: it.resolved }, (_, n) => `That ${word('resolved', n)} be noted.`) } : {}),
        ...(actions.length ? { actions } : {}),
      });
      if (exempt) {
        planted.secrets.push(
          ...(it.discussion ? [word('discussion')] : []),
          ...Array.from({ length: it.resolved }, (_, n) => word('resolved', n)),
          ...actions.flatMap((a, n) => [word('action', n), a.owners[0]!]),
        );
        planted.unprinted.push(...actions.map((a) => a.id));
        planted.exemptTitles.push({ meeting: date, title: `Business ${k}-${i}`, paragraph: it.exemptMinute ?? it.exemptItem! });
      }
    });
    data.set(date, { present: ['chair', 'carer'], declarations, minutes });
  });
  const views = buildMinutes(people, meetings, data, { style: 'per-meeting', first: 1 }, SCHEDULE);
  for (const meeting of meetings) if (drawsOnExemptMinutes(meeting, views.confidential)) meeting.drawsOnExemptMinutes = true;
  const model = { dir: '/b', board: people, meetings, minutes: views.public, confidentialMinutes: views.confidential, actionUpdates: {} } as unknown as BoardModel;
  return { planted, meetings, model };
}

const htmlOf = (content: PaperContent) => (content.format === 'html' ? content.html : '');
const SCHEDULE = new Map([[1, 'Information relating to any individual.']]);

describe('nothing of an exempt minute in public', () => {
  it('holds for any mix of exempt items, minutes marked exempt, actions and declarations', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(meetingArb, { minLength: 3, maxLength: 3 }), async (spec) => {
        const { planted, meetings, model } = plantedBoard(spec);
        const publicTexts: string[] = [];
        const confidentialTexts: string[] = [];
        for (const meeting of meetings) {
          const papers: Record<'public' | 'confidential', string[]> = { public: [], confidential: [] };
          for (const audience of ['public', 'confidential'] as const) {
            const ctx = { model, meeting, renderer, audience };
            if (meeting !== meetings[0]) papers[audience].push(htmlOf(await minutesPaper(ctx)));
            papers[audience].push(htmlOf(await generatedContent({ kind: 'action-log' }, ctx)), htmlOf(await generatedContent({ kind: 'attendance' }, ctx)));
          }
          publicTexts.push(...papers.public);
          confidentialTexts.push(...papers.confidential);
          // A meeting has a confidential pack when an item is exempt or its papers made from minutes
          // say more in private than in public.
          const differs = papers.public.some((html, i) => html !== papers.confidential[i]);
          const hasConfidentialPack = meetingOutputs(meeting).packs.some((p) => p.plan.variant === 'confidential');
          expect(hasConfidentialPack).toBe(differs || meeting.items.some((i) => i.exempt));
          const record = model.minutes.get(meeting.id)!;
          // The website's minutes page and its search text are made from this.
          const siteMinutes = (await minutesHtml({ model, meeting, renderer }, record)).html;
          publicTexts.push(siteMinutes);
          for (const { title, paragraph } of planted.exemptTitles.filter((t) => t.meeting === meeting.id)) {
            expect(siteMinutes).toMatch(new RegExp(`<span class="minute-number">\\d+\\.</span> ${title}</h2>\\s*<p class="exempt">This item was considered in private\\. Exempt: not for publication under paragraph ${paragraph} of Part 1 of Schedule 12A`));
          }
        }
        const sites: SiteMeeting[] = meetings.map((meeting) => ({ meeting, page: `meetings/${meeting.id}/index.html`, agenda: [], items: [], minutes: { record: model.minutes.get(meeting.id)!, html: { path: 'm.html', mediaType: 'text/html', bytes: 1 } } }));
        publicTexts.push(JSON.stringify(openData(people, sites)));
        publicTexts.push(meetingsCalendar({ board: people, meetings, stamp: () => new Date('2019-01-01T00:00:00Z') }));
        publicTexts.push(JSON.stringify([...model.minutes.values()]));
        const published = publicTexts.join('\n');
        for (const secret of [...planted.secrets, ...planted.unprinted]) expect(published).not.toContain(secret);
        // The confidential pack has every one of them, in the minutes, action log or register.
        const confidential = [...confidentialTexts, ...(await Promise.all(meetings.map(async (meeting) => (await minutesHtml({ model, meeting, renderer }, model.confidentialMinutes.get(meeting.id)!)).html)))].join('\n');
        for (const secret of planted.secrets) expect(confidential).toContain(secret);
        // And public business is still published.
        for (const word of published.match(/open(discussion|resolved|action|interest)\d+x\d+x\d+/g) ?? []) expect(confidential).toContain(word);
        if (spec.some((m) => m.generalDeclaration)) expect(published).toContain('General interest');
      }),
      { numRuns: 60 },
    );
  });

  it('makes a confidential pack for a meeting whose minutes paper holds an exempt minute, and only then', () => {
    const quiet = { exemptItem: undefined, exemptMinute: undefined, minuted: true, discussion: true, resolved: 1, actions: 0, declarations: 0 };
    const { meetings } = plantedBoard([{ items: [quiet], generalDeclaration: false }, { items: [{ ...quiet, exemptMinute: 3 }], generalDeclaration: false }, { items: [quiet], generalDeclaration: false }]);
    const variants = (m: Meeting) => meetingOutputs(m).packs.map((p) => p.plan.variant);
    expect(variants(meetings[1]!)).toEqual(['public']);
    expect(variants(meetings[2]!)).toEqual(['public', 'confidential']);
  });
});
