import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { copyOfExample, cpb } from '../helpers/cli.js';
import { pdfPages } from '../helpers/pdf.js';
import { paperFile } from '../helpers/paper-files.js';

// A copy of the Lancashire example with every cover report, forward plan, front sheet and
// training plan setting switched on, built for the meeting of 25 March 2020.
const ENV = { CPB_TODAY: '2020-03-01' };

const COVER_REPORT = `---
title: The Care Leavers Service and the Local Offer
report_of: Report of the Head of Service, Care Leavers
contacts:
  - name: Roxanne McAllister
    post: Head of Service, Care Leavers
    email: roxanne.mcallister@lancashire.gov.uk
  - name: County Councillor Ian Brown
    post: Lead Member and Chair of the Board
    kind: member
summary: |
  The review of the Local Offer has found:

  - more care leavers in suitable accommodation;
  - fewer young people leaving care without a personal adviser.
recommendations:
  - To note the review of the Local Offer.
  - To agree the priorities for 2020/21.
---
# Background
The Local Offer sets out what care leavers can expect.

## The review
Care leavers took part in the review.

## Priorities
Three priorities follow.

# Next steps
The service will report again in the autumn.
`;

async function edit(path: string, change: (text: string) => string): Promise<void> {
  const before = await readFile(path, 'utf8');
  const after = change(before);
  if (after === before) throw new Error(`the test's edit changed nothing in ${path}`);
  await writeFile(path, after);
}

const replace = (from: string, to: string) => (text: string) => text.replace(from, to);

describe("a board's own style for cover reports, the forward plan, the front sheet and the training plan", () => {
  let board: { dir: string; cleanup: () => Promise<void> };
  let result: Awaited<ReturnType<typeof cpb>>;
  let pages: string[];
  const onPages = (item: number) => pages.filter((p) => p.includes(`Agenda Item ${item} `)).join(' ');

  beforeAll(async () => {
    board = await copyOfExample();
    const dir = board.dir;
    await edit(join(dir, 'board.yaml'), (text) =>
      replace('  despatch: 6\n', '  despatch: 6\n  drafts_to: sam-gorton\n')(
        replace('  - date: 2020-09-10\n', '  - date: 2020-09-10\n    deadlines: { despatch: 2020-08-27 }\n')(text),
      ) +
        [
          'cover_report:',
          '  recommendation_numbering: "a)"',
          '  section_depth: 2',
          '  contacts: side-by-side',
          'front_sheet:',
          '  membership: true',
          '  signed_by:',
          '    name: Laura Sales',
          '    post: Director of Corporate Services',
          '    address: [County Hall, Preston, PR1 8XJ]',
          '',
        ].join('\n'),
    );
    const march = join(dir, 'meetings/2020-03-25');
    await mkdir(join(march, 'papers'));
    await writeFile(join(march, 'papers/local-offer.md'), COVER_REPORT);
    await edit(join(march, 'meeting.yaml'), (text) =>
      replace('        generate: forward-plan\n', '        generate: forward-plan\n        include_this_meeting: true\n')(
        replace(
          '    purpose: To receive an update on the Care Leavers Service and the review of the Local Offer for care leavers.\n',
          '    purpose: To receive an update on the Care Leavers Service and the review of the Local Offer for care leavers.\n' +
            '    papers:\n      - { title: The Care Leavers Service and the Local Offer, file: papers/local-offer.md }\n',
        )(text),
      ),
    );
    await edit(join(dir, 'meetings/2020-05-12/meeting.yaml'), (text) =>
      replace('  - title: Membership and Terms of Reference\n', '  - title: Membership and Terms of Reference\n    forward_plan_note: Draft to the Chair first.\n')(text) +
        'deadlines:\n  draft_to_lead: 2020-04-14\n',
    );
    await edit(join(dir, 'training.yaml'), (text) =>
      replace('counted: [elected, co-opted]', 'intro: Members are asked to attend the sessions marked *Essential* in their first year.\ncounted: [elected, co-opted]')(
        replace(
          '    attended: [ian-brown, julie-gibson, audrey-swann, mia-leyland, natasha-wright, michael-walder]\n',
          '    attended: [ian-brown, julie-gibson, audrey-swann, mia-leyland, natasha-wright, michael-walder]\n' +
            '    substitutes:\n      - { name: County Councillor Jo Bell, kind: elected, for: jayne-rear }\n',
        )(text),
      ),
    );
    result = await cpb(['build', dir, '--meeting', '2020-03-25'], { env: ENV });
    const pack = join(dir, 'out/2020-03-25/pack.pdf');
    pages = existsSync(pack) ? await pdfPages(pack) : [];
  }, 240_000);
  afterAll(() => board.cleanup());

  it('builds', () => {
    expect(result.code, result.stderr).toBe(0);
    expect(pages.length).toBeGreaterThan(0);
  });

  it('letters the recommendations a), b) and numbers sections to two levels (1, 1.1)', () => {
    const text = onPages(6);
    expect(text).toContain('Recommendations a) To note the review of the Local Offer. b) To agree the priorities for 2020/21.');
    expect(text).toContain('1. Background');
    expect(text).toContain('1.1 The review');
    expect(text).toContain('1.2 Priorities');
    expect(text).toContain('2. Next steps');
  });

  it('prints the summary as Markdown, with its bullets', async () => {
    expect(onPages(6)).toContain('Summary The review of the Local Offer has found: more care leavers in suitable accommodation; fewer young people');
    const html = await readFile(paperFile(join(board.dir, 'out/2020-03-25'), 6, 1, 'html'), 'utf8');
    expect(html).toMatch(/<h2 class="fixed">Summary<\/h2><p>The review of the Local Offer has found:<\/p>\s*<ul>\s*<li>more care leavers/);
  });

  it('puts the officer and member contacts side by side', () => {
    const text = onPages(6);
    expect(text).toContain('Officer contact Member contact');
    // Side by side: the two contacts' names share a line of the printed page.
    const layout = execFileSync('pdftotext', ['-layout', paperFile(join(board.dir, 'out/2020-03-25'), 6, 1, 'pdf'), '-'], { encoding: 'utf8' });
    expect(layout).toMatch(/Roxanne McAllister\s+County Councillor Ian Brown/);
    expect(layout).toMatch(/Head of Service, Care Leavers\s+Lead Member and Chair of the Board/);
  });

  it('starts the forward plan with this meeting, names who drafts go to, keeps typed deadlines and prints item notes', () => {
    const text = onPages(9);
    expect(text).toContain('Meetings of the Corporate Parenting Board from Wednesday, 25th March, 2020');
    expect(text).toMatch(/Wednesday, 25th March, 2020 6\.00 pm.* Draft reports to Sam Gorton/);
    expect(text).toContain('draft reports to Sam Gorton 15 working days before');
    // Typed in meeting.yaml for 12 May 2020; the other two are still counted.
    expect(text).toContain(
      'Draft reports to Sam Gorton Tuesday, 14th April, 2020 (set for this meeting) Final reports to Democratic Services Monday, 27th April, 2020 Agenda despatched Friday, 1st May, 2020',
    );
    // Typed in board.yaml's schedule for 10 September 2020.
    expect(text).toContain('Agenda despatched Thursday, 27th August, 2020 (set for this meeting)');
    expect(text).toContain('Item Lead officer Standing item Key decision Notes');
    expect(text).toContain('Membership and Terms of Reference Sam Gorton No Not applicable Draft to the Chair first.');
  });

  it('lists the membership on the front sheet and ends it with the signature block and address', () => {
    const front = pages[0]!;
    expect(front).toContain('Membership Elected members: County Councillor Ian Brown (Chair)');
    expect(front).toMatch(/Young people's representatives: Jake/);
    const all = pages.slice(0, pages.findIndex((p) => p.includes('Agenda Item 1 '))).join(' ');
    expect(all).toContain('Laura Sales Director of Corporate Services County Hall Preston PR1 8XJ Contact Sam Gorton');
  });

  it('prints the training plan with its introduction, and substitutes with their kind of member', () => {
    const text = onPages(9);
    expect(text).toContain('Members are asked to attend the sessions marked Essential in their first year.');
    expect(text).toContain('Substitutes: County Councillor Jo Bell (elected member, substituting for County Councillor Jayne Rear)');
    // The substitute fills Jayne Rear's seat: 6 of 11, not 5.
    expect(text).toContain('High Tuesday, 15th October, 2019 Michael Walder, Business Intelligence Team Workshop All members 55% (6 of 11)');
  });
});

describe('bad house-style settings are refused with the file and line', () => {
  let board: { dir: string; cleanup: () => Promise<void> };
  beforeAll(async () => {
    board = await copyOfExample();
  });
  afterAll(() => board.cleanup());

  it('names a numbering that is not one of the choices', async () => {
    const path = join(board.dir, 'board.yaml');
    const before = await readFile(path, 'utf8');
    await writeFile(path, before + 'cover_report:\n  recommendation_numbering: "A."\nfront_sheet:\n  signed_by: { post: Monitoring Officer }\n');
    const run = await cpb(['validate', board.dir], { env: ENV });
    await writeFile(path, before);
    expect(run.code).not.toBe(0);
    const out = run.stdout + run.stderr;
    expect(out).toMatch(/board\.yaml:\d+:\d+ +error +'recommendation_numbering' must be one of: 1\., a\), \(a\), i\), \(i\)/);
    expect(out).toMatch(/board\.yaml:\d+:\d+ +error .*name/);
  }, 60_000);

  it('names a deadline after its meeting, a stray include_this_meeting and an unknown substitute', async () => {
    const dir = board.dir;
    await edit(join(dir, 'board.yaml'), (text) =>
      replace('  despatch: 6\n', '  despatch: 6\n  drafts_to: sam-gordon\n')(replace('  - date: 2020-09-10\n', '  - date: 2020-09-10\n    deadlines: { draft_to_lead: 2020-09-11 }\n')(text)),
    );
    await edit(join(dir, 'meetings/2020-05-12/meeting.yaml'), (text) => text + 'deadlines:\n  despatch: 2020-05-12\n');
    await edit(join(dir, 'meetings/2020-03-25/meeting.yaml'), replace('        generate: schedule\n', '        generate: schedule\n        include_this_meeting: true\n'));
    await edit(
      join(dir, 'training.yaml'),
      replace(
        '    attended: [ian-brown, julie-gibson, audrey-swann, mia-leyland, natasha-wright, michael-walder]\n',
        '    attended: [ian-brown, julie-gibson, audrey-swann, mia-leyland, natasha-wright, michael-walder]\n    substitutes:\n      - { name: Jo Bell, kind: elected, for: jayne-reer }\n      - { name: Ann Reader, kind: co-opted, for: audrey-swann }\n',
      ),
    );
    const run = await cpb(['validate', dir], { env: ENV });
    expect(run.code).not.toBe(0);
    const out = run.stdout + run.stderr;
    expect(out).toMatch(/meetings\/2020-05-12\/meeting\.yaml:\d+:\d+.*the deadline 2020-05-12 is not before the meeting of 2020-05-12/);
    expect(out).toContain('deadlines/not-before-meeting');
    expect(out).toMatch(/meetings\/2020-03-25\/meeting\.yaml:\d+:\d+.*'include_this_meeting' belongs to a forward plan/);
    expect(out).toMatch(/training\.yaml:\d+:\d+.*'jayne-reer' is not a member/);
    expect(out).toContain("Did you mean 'jayne-rear'?");
    expect(out).toMatch(/board\.yaml:\d+:\d+.*'sam-gordon' is not a member/);
    expect(out).toMatch(/board\.yaml:\d+:\d+.*the deadline 2020-09-11 is not before the meeting of 2020-09-10/);
    expect(out).toMatch(/training\.yaml:\d+:\d+.*Ann Reader is recorded as substituting for 'audrey-swann', who attended 'Reading the performance report' too/);
  }, 60_000);
});
