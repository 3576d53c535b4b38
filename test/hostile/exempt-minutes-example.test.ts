import { cp, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parse, stringify } from 'yaml';
import type { MinutesData } from '../../src/domain/types.js';
import { copyOfExample, cpb } from '../helpers/cli.js';
import { pdfPages } from '../helpers/pdf.js';
import { publicFiles, readableText, wordsInPublicFiles } from '../helpers/public-outputs.js';

// The example board's meeting of 26 November 2019 took item 9 (Residential Placement Review,
// exempt under paragraph 1) in private, and here also item 7 (Any Other Business), whose minute
// is marked exempt under paragraph 2. Every word of those two minutes is a marker that must never
// be published: not in the site's minutes page, the next meeting's pack (its minutes and action
// log), the later register of interests, the search index, meetings.json or meetings.ics.
const MARKERS = {
  discussion: 'marigoldhouse',
  resolved: 'brambleworth',
  action: 'thistlecombe',
  declaration: 'larkspurvale',
  private: 'foxglovemere',
};
const ENV = { CPB_TODAY: '2020-02-01' };
const PRIVATE_LINE = 'This item was considered in private. Exempt: not for publication under paragraph';

describe('minutes of an exempt item, and of an item taken in private on the day, in the example board', () => {
  let board: { dir: string; cleanup: () => Promise<void> };
  let out: string;
  beforeAll(async () => {
    board = await copyOfExample();
    const file = join(board.dir, 'meetings/2019-11-26/minutes.yaml');
    const minutes = parse(await readFile(file, 'utf8')) as MinutesData;
    const item9 = minutes.minutes.find((m) => m.item === 9)!;
    item9.discussion = `The Board considered the review of the placement at ${MARKERS.discussion}.`;
    item9.resolved = [`That the move from ${MARKERS.resolved} be agreed.`];
    item9.actions = [{ id: `placement-visit-${MARKERS.action}`, owners: ['barbara-bath'], action: `Visit the young person at ${MARKERS.action} before the move.`, due: '2020-01-20' }];
    const item7 = minutes.minutes.find((m) => m.item === 7)!;
    item7.exempt = { paragraph: 2 };
    item7.discussion = `A concern about a named child at ${MARKERS.private} was raised.`;
    minutes.declarations = [
      { who: 'ian-brown', item: 9, interest: `Knows the carers at ${MARKERS.declaration}.` },
      { who: 'jayne-rear', interest: 'Is a governor of a county school.' },
    ];
    await writeFile(file, stringify(minutes));
    const r = await cpb(['build', board.dir], { env: ENV });
    expect(r.code, r.stderr).toBe(0);
    out = join(board.dir, 'out');
  }, 240_000);
  afterAll(() => board.cleanup());

  it("shows in the site's minutes only the exempt minutes' numbers, titles and that they were considered in private", async () => {
    const html = await readFile(join(out, 'site/meetings/2019-11-26/minutes.html'), 'utf8');
    expect(html).toMatch(/<span class="minute-number">9\.<\/span> Residential Placement Review<\/h2>\s*<p class="exempt">This item was considered in private\. Exempt: not for publication under paragraph 1 of Part 1 of Schedule 12A to the Local Government Act 1972\. Information relating to any individual\.<\/p>\s*<\/section>/);
    expect(html).toMatch(/<span class="minute-number">7\.<\/span> Any Other Business<\/h2>\s*<p class="exempt">This item was considered in private\. Exempt: not for publication under paragraph 2 of Part 1/);
    // Public business and a general declaration are still there.
    expect(html).toContain('Violence Reduction Unit');
    expect(html).toContain('Is a governor of a county school.');
    for (const word of Object.values(MARKERS)) expect(html.toLowerCase()).not.toContain(word);
  });

  it("shows the same in the next meeting's public pack, with no exempt action in its action log", async () => {
    const text = (await pdfPages(join(out, '2020-01-30/pack.pdf'))).join(' ');
    expect(text).toContain(`9. Residential Placement Review ${PRIVATE_LINE} 1 of Part 1 of Schedule 12A`);
    expect(text).toContain(`7. Any Other Business ${PRIVATE_LINE} 2 of Part 1 of Schedule 12A`);
    expect(text).toContain('Share the Violence Reduction Unit presentation');
    for (const word of Object.values(MARKERS)) expect(text.toLowerCase()).not.toContain(word);
  });

  it('puts the discussion, decision, action and declaration in the confidential packs only', async () => {
    const january = (await pdfPages(join(out, '2020-01-30/confidential/pack.pdf'))).join(' ').toLowerCase();
    for (const word of [MARKERS.discussion, MARKERS.resolved, MARKERS.action, MARKERS.declaration, MARKERS.private]) expect(january).toContain(word);
    // The register of interests in May's pack: the declaration on item 9 only in private.
    const may = (await pdfPages(join(out, '2020-05-12/confidential/pack.pdf'))).join(' ').toLowerCase();
    expect(may).toContain(MARKERS.declaration);
    const mayPublic = (await pdfPages(join(out, '2020-05-12/pack.pdf'))).join(' ').toLowerCase();
    expect(mayPublic).toContain('is a governor of a county school.');
    expect(mayPublic).not.toContain(MARKERS.declaration);
  });

  it("lists the exempt action for the clerk in 'cpb actions', marked exempt", async () => {
    const r = await cpb(['actions', board.dir, '--format', 'json'], { env: ENV });
    expect(r.code, r.stderr).toBe(0);
    const { actions } = JSON.parse(r.stdout) as { actions: { id: string; exempt: boolean }[] };
    expect(actions.find((a) => a.id === `placement-visit-${MARKERS.action}`)?.exempt).toBe(true);
    expect(actions.find((a) => a.id === 'vru-presentation-to-linx')?.exempt).toBe(false);
    const human = await cpb(['actions', board.dir], { env: ENV });
    expect(human.stdout).toMatch(new RegExp(`placement-visit-${MARKERS.action} {2}open {2}EXEMPT \\(not for publication\\)`));
  });

  it('says none of those words on the terminal, where an exempt action is overdue or its id is wrong', async () => {
    // Build logs are often public: an exempt minute's action is named by its item, not its id.
    const said = await cpb(['validate', board.dir], { env: ENV });
    expect(said.code, said.stderr).toBe(0);
    expect(said.stdout + said.stderr).toContain('an action of the exempt minute of item 9 was due on 2020-01-20 and is not completed');
    expect(said.stdout + said.stderr).toContain("action 'pep-communication' was due on 2019-10-31");
    const broken = await copyOfExample();
    try {
      const file = join(broken.dir, 'meetings/2019-11-26/minutes.yaml');
      await cp(join(board.dir, 'meetings/2019-11-26/minutes.yaml'), file);
      const minutes = parse(await readFile(file, 'utf8')) as MinutesData;
      const item7 = minutes.minutes.find((m) => m.item === 7)!;
      item7.discussion = `${item7.discussion} [action: ${MARKERS.private}-call]`;
      // A public minute raising an action under the exempt one's id.
      const item2 = minutes.minutes.find((m) => m.item === 2)!;
      item2.actions = [...(item2.actions ?? []), { id: `placement-visit-${MARKERS.action}`, owners: ['barbara-bath'], action: 'Write to the carers.' }];
      await writeFile(file, stringify(minutes));
      // And a later meeting's public minute raising one under it too.
      const later = join(broken.dir, 'meetings/2020-01-30/minutes.yaml');
      const january = parse(await readFile(later, 'utf8')) as MinutesData;
      const first = january.minutes[0]!;
      first.actions = [...(first.actions ?? []), { id: `placement-visit-${MARKERS.action}`, owners: ['barbara-bath'], action: 'Write to the carers again.' }];
      await writeFile(later, stringify(january));
      const refused = await cpb(['validate', broken.dir], { env: ENV });
      expect(refused.code).toBe(1);
      const text = (refused.stdout + refused.stderr).toLowerCase();
      expect(text).toContain('the discussion of the exempt minute of item 7 marks an action this minute does not raise');
      expect(text).toContain('the id of an action of the exempt minute of item 9 is already used (in the minutes of 2019-11-26)');
      expect(text).toContain(`the id of the action of item ${first.item} is already used (in the minutes of 2019-11-26)`);
      for (const word of Object.values(MARKERS)) expect(text).not.toContain(word);
    } finally {
      await broken.cleanup();
    }
  });

  it('publishes none of those words in any file outside the confidential folders', async () => {
    const files = await publicFiles(out);
    for (const f of ['site/search-index.js', 'site/meetings.json', 'site/meetings.ics', 'site/meetings/2020-01-30/pack.pdf', '2020-05-12/pack.pdf']) expect(files).toContain(f);
    expect(await wordsInPublicFiles(out, Object.values(MARKERS))).toEqual([]);
    // meetings.json still names who was there.
    expect(await readableText(join(out, 'site/meetings.json'))).toContain('ian brown');
  });
});
