import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { agendaView } from '../../src/model/agenda-view.js';
import { buildBoard } from '../../src/model/board.js';
import { buildMeeting, type Paper } from '../../src/model/meeting.js';
import { CONFIDENTIAL_DIR, meetingOutputs } from '../../src/model/outputs.js';
import { packBookmarks, packPlan } from '../../src/model/pack-plan.js';
import type { MeetingData } from '../../src/model/types.js';
import { packHtml, paperHtml } from '../../src/render/pack-html.js';
import type { PaperContent } from '../../src/render/paper-content.js';
import { Renderer } from '../../src/render/renderer.js';

// Boards with random exempt, late and open items: nothing of an exempt item's papers (their
// titles, their text) may reach any public output, whatever the mix.
const board = buildBoard({ name: 'Corporate Parenting Board', council: 'Example Council', membership: [{ id: 'chair', name: 'Pat Example', kind: 'elected' }] });
const renderer = await Renderer.create();

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
