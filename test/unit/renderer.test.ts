import { mkdtemp, mkdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { TemplateError } from '../../src/errors.js';
import { buildBoard } from '../../src/model/board.js';
import { agendaView } from '../../src/model/agenda-view.js';
import { buildMeeting } from '../../src/model/meeting.js';
import { packPlan } from '../../src/model/pack-plan.js';
import { loadRenderFiles } from '../../src/load/render-files.js';
import { Renderer } from '../../src/render/renderer.js';

const board = buildBoard({
  name: 'Corporate Parenting Board',
  council: 'Example <County> Council',
  membership: [{ id: 'chair', name: 'Pat Example', title: 'Councillor', kind: 'elected' }],
});
const meeting = buildMeeting(
  {
    date: '2027-01-14',
    time: '18:00',
    venue: 'Room 1',
    items: [
      { title: '<script>alert(1)</script> & "quotes"', presenter: { member: 'chair' }, papers: [{ title: 'Report', file: 'papers/r.md' }] },
      { title: 'Next', shows_next_meeting: true },
    ],
    next_meeting: { date: '2027-03-11', time: '13:30' },
  },
  board,
  '/board/meetings/2027-01-14',
);

describe('rendering the agenda', () => {
  it('escapes every value from data', async () => {
    const html = await (await Renderer.create(await loadRenderFiles())).render('agenda', agendaView(board, meeting, { plan: packPlan(meeting, 'public') }));
    expect(html).not.toContain('<script>alert(1)</script>');
    expect(html).toContain('&lt;script&gt;alert(1)&lt;/script&gt; &amp; &quot;quotes&quot;');
    expect(html).toContain('Example &lt;County&gt; Council');
  });

  it('names presenters by title and surname, and prints the next meeting under its item', async () => {
    const view = agendaView(board, meeting, { plan: packPlan(meeting, 'public') });
    expect(view.items[0]).toMatchObject({ number: 1, presenter: 'Councillor Example', pageRange: '(Pages 000 - 000)' });
    expect(view.items[1]).toMatchObject({ number: 2, nextMeeting: 'Thursday, 11 March 2027 at 1.30 pm.' });
    expect(view.items[1]).not.toHaveProperty('pageRange');
  });

  it("uses a board's own template in place of cpb's", async () => {
    const dir = await mkdtemp(join(tmpdir(), 'cpb-tpl-'));
    try {
      await mkdir(join(dir, 'templates/documents'), { recursive: true });
      await writeFile(join(dir, 'templates/documents/agenda.hbs'), '<p>Our own: {{boardName}}</p>');
      const html = await (await Renderer.create(await loadRenderFiles(dir))).render('agenda', agendaView(board, meeting, { plan: packPlan(meeting, 'public') }));
      expect(html).toBe('<p>Our own: Corporate Parenting Board</p>');
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });

  it('names the template file and line of a syntax error', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'cpb-tpl-'));
    try {
      await mkdir(join(dir, 'templates/documents'), { recursive: true });
      const path = join(dir, 'templates/documents/agenda.hbs');
      await writeFile(path, '<h1>{{boardName}}</h1>\n<p>\n{{#each items}}\n{{title}\n{{/each}}\n');
      const error = await (await Renderer.create(await loadRenderFiles(dir))).render('agenda', {}).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(TemplateError);
      // Outside the working folder, a board's template is named from the board folder.
      expect(error).toMatchObject({ file: 'templates/documents/agenda.hbs', line: 4 });
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});
