import { beforeAll, describe, expect, it } from 'vitest';
import { loadBankHolidays } from '../../src/load/bank-holidays.js';
import { agendaView } from '../../src/model/agenda-view.js';
import { buildBoard } from '../../src/model/board.js';
import { coverReportView, coverStyle, DEFAULT_COVER_STYLE } from '../../src/model/cover-report.js';
import { forwardPlan, forwardPlanView } from '../../src/model/forward-plan.js';
import { buildMeeting, type Meeting } from '../../src/model/meeting.js';
import { meetingScaffold } from '../../src/model/meeting-scaffold.js';
import { packPlan } from '../../src/model/pack-plan.js';
import { deadlineRules, DEFAULT_DEADLINES, typedDeadlines } from '../../src/model/report-deadlines.js';
import { boardCalendar } from '../../src/model/schedule.js';
import { trainingPlan, trainingPlanView } from '../../src/model/training-plan.js';
import type { BoardData, ItemData, MeetingData } from '../../src/domain/types.js';

let holidays: ReadonlySet<string>;
beforeAll(async () => {
  holidays = await loadBankHolidays();
});

const BOARD: BoardData = {
  name: 'Corporate Parenting Sub-Committee',
  council: 'Example Council',
  membership: [
    { id: 'pat-chair', name: 'Pat Example', title: 'Councillor', role: 'Chair', kind: 'elected' },
    { id: 'lee-other', name: 'Lee Other', title: 'Councillor', kind: 'elected' },
    { id: 'kim-carer', name: 'Kim Carer', kind: 'co-opted', organisation: 'Foster Carers' },
    { id: 'alex-lead', name: 'Alex Lead', kind: 'officer', post: 'Head of Service' },
    { id: 'jo', name: 'Jo', kind: 'young-person' },
  ],
};
const board = buildBoard(BOARD);

function meeting(date: string, items: ItemData[], extra: Partial<MeetingData> = {}): Meeting {
  return buildMeeting({ date, time: '16:15', venue: 'New Shire Hall', items, ...extra }, board, `/b/meetings/${date}`);
}

describe('cover reports in the board style', () => {
  const header = {
    title: 'Care leavers',
    recommendations: ['To note the report.', 'To agree the priorities.', 'To ask for a further report.'],
    contacts: [
      { name: 'Alex Lead', post: 'Head of Service' },
      { name: 'Councillor Pat Example', kind: 'member' as const },
      { name: 'Sam Officer' },
    ],
  };

  it('by default numbers recommendations as a plain list, lists the contacts and numbers one level', () => {
    const view = coverReportView(header);
    expect(view.labelledRecommendations).toBeUndefined();
    expect(view.contactColumns).toBeUndefined();
    expect(view.sectionDepth).toBeUndefined();
    expect(coverStyle(undefined)).toEqual(DEFAULT_COVER_STYLE);
  });

  it('letters recommendations as the board says: a), (a), i), (i)', () => {
    const labels = (numbering: '(a)' | 'a)' | 'i)' | '(i)') =>
      coverReportView(header, coverStyle({ recommendation_numbering: numbering })).labelledRecommendations?.map((r) => r.label);
    expect(labels('a)')).toEqual(['a)', 'b)', 'c)']);
    expect(labels('(a)')).toEqual(['(a)', '(b)', '(c)']);
    expect(labels('i)')).toEqual(['i)', 'ii)', 'iii)']);
    expect(labels('(i)')).toEqual(['(i)', '(ii)', '(iii)']);
    expect(coverReportView(header, coverStyle({ recommendation_numbering: 'a)' })).labelledRecommendations?.[1]).toEqual({ label: 'b)', text: 'To agree the priorities.' });
  });

  it('puts officer contacts and member contacts in two columns, each headed for how many it holds', () => {
    const view = coverReportView(header, coverStyle({ contacts: 'side-by-side' }));
    expect(view.contactColumns).toEqual([
      { heading: 'Officer contacts', contacts: [header.contacts[0], header.contacts[2]] },
      { heading: 'Member contact', contacts: [header.contacts[1]] },
    ]);
    // With officers only, one column.
    expect(coverReportView({ title: 'T', contacts: [{ name: 'A' }] }, coverStyle({ contacts: 'side-by-side' })).contactColumns).toEqual([
      { heading: 'Officer contact', contacts: [{ name: 'A' }] },
    ]);
  });

  it('numbers sections to the depth asked for', () => {
    expect(coverReportView(header, coverStyle({ section_depth: 2 }))).toMatchObject({ sectionDepth: 2 });
    expect(coverReportView(header, coverStyle({ section_depth: 2 })).thirdLevel).toBeUndefined();
    expect(coverReportView(header, coverStyle({ section_depth: 3 }))).toMatchObject({ sectionDepth: 3, thirdLevel: true });
  });
});

describe('the forward plan in the board style', () => {
  const meetings = [
    meeting('2020-03-25', [{ title: 'Apologies', standing: true }, { title: 'Health Assessments', presenter: { member: 'alex-lead' }, forward_plan_note: 'Chair to see the draft first' }]),
    meeting('2020-05-12', [{ title: 'Sufficiency Strategy' }]),
  ];
  const calendar = boardCalendar(meetings, [{ date: '2020-07-22', deadlines: { despatch: '2020-07-10' } }]);
  const typed = typedDeadlines(
    [{ date: '2020-05-12', time: '16:15', venue: 'V', items: [], deadlines: { draft_to_lead: '2020-04-14' } }],
    [{ date: '2020-07-22', deadlines: { despatch: '2020-07-10' } }],
  );

  it('starts with the meeting it goes to only when asked', () => {
    expect(forwardPlan(board, calendar, '2020-03-25', undefined, DEFAULT_DEADLINES, holidays).meetings.map((m) => m.entry.date)).toEqual(['2020-05-12', '2020-07-22']);
    const plan = forwardPlan(board, calendar, '2020-03-25', undefined, DEFAULT_DEADLINES, holidays, { includeThisMeeting: true });
    expect(plan.meetings.map((m) => m.entry.date)).toEqual(['2020-03-25', '2020-05-12', '2020-07-22']);
    expect(forwardPlanView(board, plan, DEFAULT_DEADLINES).intro).toMatch(/^Meetings of the Corporate Parenting Sub-Committee from Wednesday, 25 March 2020,/);
  });

  it('uses a deadline typed for a meeting instead of the counted one, and says so; the others are counted', () => {
    const plan = forwardPlan(board, calendar, '2020-03-25', undefined, DEFAULT_DEADLINES, holidays, { typed });
    expect(plan.meetings[0]!.deadlines).toEqual({ draftToLead: '2020-04-14', finalToDemocraticServices: '2020-04-27', despatch: '2020-05-01' });
    expect(plan.meetings[1]!.deadlines?.despatch).toBe('2020-07-10');
    const view = forwardPlanView(board, plan, DEFAULT_DEADLINES);
    expect(view.meetings[0]!.deadlines.map((d) => d.note)).toEqual(['set for this meeting', undefined, undefined]);
  });

  it('prints a note per item in a Notes column only where a meeting has one', () => {
    const plan = forwardPlan(board, calendar, '2020-03-24', undefined, DEFAULT_DEADLINES, holidays);
    const view = forwardPlanView(board, plan, DEFAULT_DEADLINES);
    expect(view.meetings[0]!.hasNotes).toBe(true);
    expect(view.meetings[0]!.items[1]).toMatchObject({ title: 'Health Assessments', note: 'Chair to see the draft first' });
    expect(view.meetings[1]!.hasNotes).toBe(false);
  });

  it('sends drafts to a named person: a member by name, anyone else as written', () => {
    const plan = forwardPlan(board, calendar, '2020-03-25', undefined, DEFAULT_DEADLINES, holidays);
    const byMember = forwardPlanView(board, plan, deadlineRules({ drafts_to: 'alex-lead' }));
    expect(byMember.meetings[0]!.deadlines[0]!.label).toBe('Draft reports to Alex Lead');
    expect(byMember.rules).toContain('draft reports to Alex Lead 15 working days before');
    const byName = forwardPlanView(board, plan, deadlineRules({ drafts_to: 'Democratic Services' }));
    expect(byName.meetings[0]!.deadlines[0]!.label).toBe('Draft reports to Democratic Services');
    expect(forwardPlanView(board, plan, DEFAULT_DEADLINES).meetings[0]!.deadlines[0]!.label).toBe('Draft reports to lead officer');
  });
});

describe('the front sheet in the board style', () => {
  const m = meeting('2020-03-25', [{ title: 'Apologies', standing: true }]);

  it('prints neither the membership nor a signature block by default', () => {
    const view = agendaView(board, m, { plan: packPlan(m, 'public') });
    expect(view.membership).toBeUndefined();
    expect(view.signedBy).toBeUndefined();
  });

  it('lists the membership by kind with roles, and the officer who signs it with their address', () => {
    const styled = buildBoard({ ...BOARD, front_sheet: { membership: true, signed_by: { name: 'Fiona McMillan', post: 'Monitoring Officer', address: ['New Shire Hall', 'Huntingdon'] } } });
    const view = agendaView(styled, m, { plan: packPlan(m, 'public') });
    expect(view.membership).toEqual([
      { label: 'Elected members', names: 'Councillor Pat Example (Chair), Councillor Lee Other' },
      { label: 'Co-opted members', names: 'Kim Carer' },
      { label: 'Officers', names: 'Alex Lead' },
      { label: "Young people's representatives", names: 'Jo' },
    ]);
    expect(view.signedBy).toEqual({ name: 'Fiona McMillan', post: 'Monitoring Officer', address: ['New Shire Hall', 'Huntingdon'] });
  });
});

describe('the training plan in the board style', () => {
  it('prints its introduction', () => {
    const view = trainingPlanView(board, trainingPlan(board, { intro: 'Members are *asked* to attend.', sessions: [] }));
    expect(view.intro).toBe('Members are *asked* to attend.');
  });

  it('lists substitutes with their kind of member; one of a counted kind fills the seat of the member they stood in for, once', () => {
    const plan = trainingPlan(board, {
      sessions: [
        {
          subject: 'Corporate parenting',
          date: '2019-09-17',
          attended: ['pat-chair'],
          substitutes: [
            { name: 'Councillor Jo Bell', kind: 'elected', for: 'lee-other' },
            { name: 'Ann Reader', kind: 'officer', for: 'kim-carer' },
          ],
        },
        // A substitute for a member who came too does not count twice for one seat.
        { subject: 'Twice', date: '2019-10-01', attended: ['pat-chair'], substitutes: [{ name: 'Councillor Jo Bell', kind: 'elected', for: 'pat-chair' }] },
      ],
    });
    expect(plan.sessions.map((s) => s.attendance)).toEqual([
      { attended: 2, of: 3, percentage: 67 },
      { attended: 1, of: 3, percentage: 33 },
    ]);
    const view = trainingPlanView(board, plan);
    expect(view.sessions[0]!.substitutes).toBe(
      'Councillor Jo Bell (elected member, substituting for Councillor Lee Other), Ann Reader (officer, substituting for Kim Carer)',
    );
    expect(view.basis).toContain('A substitute of a counted kind counts for the seat of the member they stood in for.');
    const none = trainingPlanView(board, trainingPlan(board, { sessions: [{ subject: 'S' }] }));
    expect(none.sessions[0]!.substitutes).toBeUndefined();
    expect(none.basis).not.toContain('substitute');
  });
});

describe('cpb new meeting and the forward plan settings', () => {
  it("carries the schedule's typed deadlines into the new meeting, and leaves the last meeting's item notes behind", () => {
    const latest: MeetingData = { date: '2020-03-25', time: '16:15', venue: 'V', items: [{ title: 'Action Log', standing: true, forward_plan_note: 'Chair to see it first' }] };
    const scaffold = meetingScaffold('2020-07-22', latest, { date: '2020-07-22', deadlines: { despatch: '2020-07-10' } }, undefined);
    expect(scaffold.meeting.deadlines).toEqual({ despatch: '2020-07-10' });
    expect(scaffold.meeting.items).toEqual([{ title: 'Action Log', standing: true }]);
  });
});
