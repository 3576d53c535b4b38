import { beforeAll, describe, expect, it } from 'vitest';
import { loadBankHolidays } from '../../src/load/bank-holidays.js';
import { attendanceRegister, attendanceView } from '../../src/model/attendance.js';
import { boardCalendar, scheduleView } from '../../src/model/schedule.js';
import { forwardPlan, forwardPlanView } from '../../src/model/forward-plan.js';
import { DEFAULT_DEADLINES, deadlineRules, reportDeadlines } from '../../src/model/report-deadlines.js';
import { buildBoard } from '../../src/model/board.js';
import { dataTable, formatValue } from '../../src/model/data-table.js';
import { buildMeeting, type Meeting } from '../../src/model/meeting.js';
import { meetingScaffold } from '../../src/model/meeting-scaffold.js';
import { membershipView } from '../../src/model/membership.js';
import { buildMinutes } from '../../src/model/minutes.js';
import { trainingPlan, trainingPlanView } from '../../src/model/training-plan.js';
import type { ItemData, MeetingData, MinutesData, TableData } from '../../src/domain/types.js';
import { clearWorkingDaysBetween } from '../../src/domain/working-days.js';

let holidays: ReadonlySet<string>;
beforeAll(async () => {
  holidays = await loadBankHolidays();
});

const board = buildBoard({
  name: 'Corporate Parenting Board',
  council: 'Example Council',
  clerk: { name: 'Sam Clerk', email: 'sam@example.gov.uk' },
  membership: [
    { id: 'chair', name: 'Pat Example', title: 'Councillor', role: 'Chair', kind: 'elected' },
    { id: 'vice', name: 'Lee Other', title: 'Councillor', role: 'Vice-Chair', kind: 'elected' },
    { id: 'carer', name: 'Kim Carer', kind: 'co-opted', organisation: 'Foster Carers' },
    { id: 'lead', name: 'Alex Lead', kind: 'officer', post: 'Head of Service', service: 'Children in Care' },
    { id: 'jo', name: 'Jo', kind: 'young-person', organisation: 'Children in Care Council' },
  ],
});

function meeting(date: string, items: ItemData[], extra: Partial<MeetingData> = {}): Meeting {
  return buildMeeting({ date, time: '18:00', venue: 'County Hall', items, ...extra }, board, `/b/meetings/${date}`);
}

const standing = (title: string): ItemData => ({ title, standing: true, presenter: { member: 'chair' } });

describe('report deadlines', () => {
  it('count back in working days over Christmas and New Year for a meeting in early January', () => {
    // Thursday 9 January 2020: 1 January and 25-26 December are bank holidays.
    expect(reportDeadlines('2020-01-09', DEFAULT_DEADLINES, holidays)).toEqual({
      draftToLead: '2019-12-16',
      finalToDemocraticServices: '2019-12-23',
      despatch: '2019-12-31',
    });
  });

  it('skip Good Friday and Easter Monday for a meeting just after Easter', () => {
    // Wednesday 15 April 2020; Good Friday 10 April, Easter Monday 13 April.
    expect(reportDeadlines('2020-04-15', DEFAULT_DEADLINES, holidays)).toEqual({
      draftToLead: '2020-03-23',
      finalToDemocraticServices: '2020-03-30',
      despatch: '2020-04-03',
    });
    // Without the holidays the agenda would go a day before the weekend that it must not.
    expect(reportDeadlines('2020-04-15', DEFAULT_DEADLINES, new Set()).despatch).toBe('2020-04-07');
  });

  it('despatch by default leaves exactly the five clear working days the law asks for', () => {
    for (const date of ['2020-01-09', '2020-04-15', '2020-05-12', '2020-12-29']) {
      const { despatch } = reportDeadlines(date, DEFAULT_DEADLINES, holidays);
      expect(clearWorkingDaysBetween(despatch, date, holidays), date).toBe(5);
    }
  });

  it("follow the board's own rules, with defaults for those left out", () => {
    expect(deadlineRules({ despatch: 8 })).toEqual({ draftToLead: 15, finalToDemocraticServices: 10, despatch: 8 });
    // The early May bank holiday of 2020 moved to Friday 8 May.
    expect(reportDeadlines('2020-05-12', deadlineRules({ draft_to_lead: 20, final_to_democratic_services: 12, despatch: 8 }), holidays)).toEqual({
      draftToLead: '2020-04-09',
      finalToDemocraticServices: '2020-04-23',
      despatch: '2020-04-29',
    });
  });
});

describe('the calendar and the schedule of meetings', () => {
  const meetings = [
    meeting('2020-01-30', [standing('Apologies')], { status: 'held' }),
    meeting('2020-05-12', [standing('Apologies')], { time: '17:30', venue: 'Town Hall' }),
  ];
  const schedule = [
    { date: '2020-05-12', time: '10:00' }, // has a folder: the folder wins
    { date: '2020-07-22', time: '13:30', note: "Young People's Meeting" },
    { date: '2020-09-10', status: 'cancelled' as const },
    { date: '2020-11-24', status: 'moved' as const, moved_to: '2020-11-26' },
    { date: '2020-11-26', venue: 'Online' },
  ];

  it('merges meeting folders with the schedule in date order, taking missing times and venues from the meeting before', () => {
    const calendar = boardCalendar(meetings, schedule);
    expect(calendar.map((e) => [e.date, e.time, e.venue, e.status])).toEqual([
      ['2020-01-30', '18:00', 'County Hall', 'held'],
      ['2020-05-12', '17:30', 'Town Hall', 'planned'],
      ['2020-07-22', '13:30', 'Town Hall', 'planned'],
      ['2020-09-10', '17:30', 'Town Hall', 'cancelled'],
      ['2020-11-24', '17:30', 'Town Hall', 'moved'],
      ['2020-11-26', '17:30', 'Online', 'planned'],
    ]);
  });

  it('shows one municipal year, May to April, with day, time, venue and status in words', () => {
    const view = scheduleView(board, boardCalendar(meetings, schedule), 2020);
    expect(view.rows.map((r) => [r.date, r.day, r.time, r.status])).toEqual([
      ['12 May 2020', 'Tuesday', '5.30 pm', 'Planned'],
      ['22 July 2020', 'Wednesday', '1.30 pm', 'Planned'],
      ['10 September 2020', 'Thursday', '5.30 pm', 'Cancelled'],
      ['24 November 2020', 'Tuesday', '5.30 pm', 'Moved to 26 November 2020'],
      ['26 November 2020', 'Thursday', '5.30 pm', 'Planned'],
    ]);
    expect(view.rows[1]?.note).toBe("Young People's Meeting");
    expect(scheduleView(board, boardCalendar(meetings, schedule), 2019).rows.map((r) => r.date)).toEqual(['30 January 2020']);
    expect(scheduleView(board, [], 2021).empty).toBe('No meetings are scheduled for 2021/22 yet.');
  });
});

describe('the forward plan', () => {
  const meetings = [
    meeting('2020-01-30', [standing('Apologies')], { status: 'held' }),
    meeting('2020-03-25', [standing('Apologies'), { title: 'Health Assessments', presenter: { member: 'lead' }, key_decision: 'KD/2020/01' }]),
    meeting('2020-05-12', [standing('Apologies'), { title: 'Sufficiency Strategy', presenter: { name: 'Jan Doe', post: 'Commissioning Manager' } }], { status: 'cancelled' }),
  ];
  const calendar = boardCalendar(meetings, [{ date: '2020-07-22' }]);
  const waiting = { to_be_scheduled: [{ title: 'Virtual School annual report', lead: 'lead', notes: 'Autumn 2020' }, { title: 'Inspection outcome', lead: 'Director of Children\u2019s Services' }] };

  it('lists every meeting after this one with its items, lead, standing item and key decision, and its deadlines', () => {
    const plan = forwardPlan(board, calendar, '2020-01-30', waiting, DEFAULT_DEADLINES, holidays);
    expect(plan.meetings.map((m) => m.entry.date)).toEqual(['2020-03-25', '2020-05-12', '2020-07-22']);
    const march = plan.meetings[0]!;
    expect(march.items).toEqual([
      { title: 'Apologies', lead: 'Councillor Example', standing: true, keyDecision: 'Not applicable' },
      { title: 'Health Assessments', lead: 'Alex Lead, Head of Service', standing: false, keyDecision: 'KD/2020/01' },
    ]);
    expect(march.deadlines).toEqual({ draftToLead: '2020-03-04', finalToDemocraticServices: '2020-03-11', despatch: '2020-03-17' });
    // A cancelled meeting has no deadlines and no items of its own.
    expect(plan.meetings[1]).toMatchObject({ items: [] });
    expect(plan.meetings[1]!.deadlines).toBeUndefined();
    // A date with no folder yet still gets its deadlines.
    expect(plan.meetings[2]!.deadlines?.despatch).toBe('2020-07-14');
  });

  it('keeps a "to be scheduled" list: forward-plan.yaml, then the items of cancelled meetings, but not their standing items', () => {
    const plan = forwardPlan(board, calendar, '2020-01-30', waiting, DEFAULT_DEADLINES, holidays);
    expect(plan.toBeScheduled).toEqual([
      { title: 'Virtual School annual report', lead: 'Alex Lead, Head of Service', notes: 'Autumn 2020' },
      { title: 'Inspection outcome', lead: 'Director of Children\u2019s Services' },
      { title: 'Sufficiency Strategy', lead: 'Jan Doe, Commissioning Manager', notes: 'Was planned for the meeting of 12 May 2020, which is cancelled.' },
    ]);
    const view = forwardPlanView(board, plan, DEFAULT_DEADLINES);
    expect(view.toBeScheduled.map((t) => t.title)).toEqual(['Virtual School annual report', 'Inspection outcome', 'Sufficiency Strategy']);
    expect(view.meetings[1]).toMatchObject({ heading: 'Tuesday, 12 May 2020', status: 'Cancelled', deadlines: [] });
    expect(view.meetings[0]!.deadlines.map((d) => d.date)).toEqual(['Wednesday, 4 March 2020', 'Wednesday, 11 March 2020', 'Tuesday, 17 March 2020']);
  });

  it('says so when nothing is waiting and no meeting is left', () => {
    const plan = forwardPlan(board, calendar, '2020-12-31', undefined, DEFAULT_DEADLINES, holidays);
    const view = forwardPlanView(board, plan, DEFAULT_DEADLINES);
    expect(plan.meetings).toEqual([]);
    expect(view.empty).toBe('No further meetings are scheduled yet.');
    expect(view.noneToBeScheduled).toBe('None: every item the board expects has a meeting.');
  });
});

describe('attendance', () => {
  const meetings = [
    meeting('2019-09-17', [standing('Apologies')], { status: 'held' }),
    meeting('2019-11-26', [standing('Apologies'), { title: 'Fostering' }], { status: 'held' }),
    meeting('2020-01-30', [standing('Apologies')], { status: 'held' }),
    meeting('2020-03-25', [standing('Apologies')]),
    meeting('2020-06-10', [standing('Apologies')], { status: 'held' }),
  ];
  const minutesData = new Map<string, MinutesData>([
    ['2019-09-17', { present: ['chair', 'vice', 'carer', 'jo'], minutes: [] }],
    ['2019-11-26', { present: ['chair', 'carer'], apologies: ['vice', { name: 'Someone Else' }], declarations: [{ who: 'carer', item: 2, interest: 'Is a foster carer for the council.' }], minutes: [] }],
    ['2020-01-30', { present: ['chair', 'vice'], apologies: ['jo'], minutes: [] }],
    ['2020-06-10', { present: ['chair'], minutes: [] }],
  ]);
  const minutes = buildMinutes(board, meetings, minutesData, { style: 'per-meeting', first: 1 }).public;

  it('counts the meetings with minutes before this one, and each member attended and apologies, with a percentage', () => {
    const register = attendanceRegister(board, meetings, minutes, '2020-05-12');
    expect(register.meetings.map((m) => m.date)).toEqual(['2019-09-17', '2019-11-26', '2020-01-30']);
    const row = (id: string) => register.members.find((r) => r.member.id === id);
    expect(row('chair')).toMatchObject({ expected: 3, attended: 3, apologies: 0, percentage: 100 });
    expect(row('vice')).toMatchObject({ expected: 3, attended: 2, apologies: 1, percentage: 67 });
    expect(row('carer')).toMatchObject({ attended: 2, percentage: 67 });
    expect(row('jo')).toMatchObject({ attended: 1, apologies: 1, percentage: 33 });
    expect(row('lead')).toMatchObject({ attended: 0, apologies: 0, percentage: 0 });
  });

  it('keeps to one municipal year when asked, and lists declarations with their item', () => {
    const register = attendanceRegister(board, meetings, minutes, '2020-12-01', 2020);
    expect(register.meetings.map((m) => m.date)).toEqual(['2020-06-10']);
    const all = attendanceRegister(board, meetings, minutes, '2020-05-12');
    expect(all.declarations).toEqual([{ meeting: '2019-11-26', who: 'Kim Carer', item: { number: 2, title: 'Fostering' }, interest: 'Is a foster carer for the council.' }]);
    const view = attendanceView(board, all);
    expect(view.groups.map((g) => g.label)).toEqual(['Elected members', 'Co-opted members', "Young people's representatives", 'Officers']);
    expect(view.groups[2]!.rows[0]).toEqual({ name: 'Jo', expected: 3, attended: 1, apologies: 1, percentage: '33%' });
    expect(view.declarations[0]).toMatchObject({ meeting: '26 November 2019', item: '2. Fostering' });
    expect(attendanceView(board, attendanceRegister(board, meetings, minutes, '2019-01-01')).empty).toBe(`No meetings of the ${board.name} have minutes yet.`);
  });
});

describe('the training plan', () => {
  it('works out the share of counted members who attended each session; others are listed but not counted', () => {
    const plan = trainingPlan(board, {
      sessions: [
        { subject: 'Corporate parenting', date: '2019-09-17', attended: ['chair', 'carer', 'jo', 'lead'] },
        { subject: 'Exploitation', date: 'to be rearranged' },
        { subject: 'Nobody came', date: '2019-10-01', attended: [] },
      ],
    });
    // Counted by default: elected and co-opted, three members.
    expect(plan.countedMembers.map((m) => m.id)).toEqual(['chair', 'vice', 'carer']);
    expect(plan.sessions.map((s) => s.attendance)).toEqual([{ attended: 2, of: 3, percentage: 67 }, undefined, { attended: 0, of: 3, percentage: 0 }]);
    const view = trainingPlanView(board, plan);
    expect(view.sessions.map((s) => [s.date, s.attendance])).toEqual([
      ['Tuesday, 17 September 2019', '67% (2 of 3)'],
      ['To be rearranged', 'Not yet held'],
      ['Tuesday, 1 October 2019', '0% (0 of 3)'],
    ]);
    expect(view.sessions[0]!.attendees).toBe('Councillor Pat Example, Kim Carer, Jo, Alex Lead');
    expect(view.basis).toBe("Percentages attending are of the board's 3 elected and co-opted members. Others who attend are listed but not counted.");
    expect(view.summary).toBe('2 of 3 sessions held; on average 34% of elected and co-opted members attended each.');
  });

  it('counts whoever training.yaml says', () => {
    const plan = trainingPlan(board, { counted: ['elected', 'young-person'], sessions: [{ subject: 'S', date: '2019-09-17', attended: ['chair', 'carer', 'jo'] }] });
    expect(plan.sessions[0]!.attendance).toEqual({ attended: 2, of: 3, percentage: 67 });
  });
});

describe('the membership', () => {
  it('groups members by kind, names young people by first name, and puts the Chair and Vice-Chair first', () => {
    const view = membershipView(board, '2019-09-17');
    expect(view.roles).toEqual([{ role: 'Chair', name: 'Councillor Pat Example' }, { role: 'Vice-Chair', name: 'Councillor Lee Other' }]);
    expect(view.groups.map((g) => [g.label, g.members.map((m) => m.name)])).toEqual([
      ['Elected members', ['Councillor Pat Example', 'Councillor Lee Other']],
      ['Co-opted members', ['Kim Carer']],
      ['Officers', ['Alex Lead']],
      ["Young people's representatives", ['Jo']],
    ]);
    expect(view.groups[2]!.members[0]!.represents).toBe('Head of Service, Children in Care');
  });
});

describe('a table made from data', () => {
  const table: TableData = {
    title: 'Participation',
    group_by: 'group',
    columns: [
      { field: 'quarter', heading: 'Quarter' },
      { field: 'sessions', heading: 'Sessions', format: 'number', total: 'sum' },
      { field: 'people', format: 'number', total: 'sum' },
      { field: 'good', format: 'percentage', total: 'mean' },
      { field: 'note' },
    ],
  };
  const rows = [
    { group: 'LINX', quarter: 'Q1', sessions: '6', people: '1,048', good: '88%', note: 'a' },
    { group: 'LINX', quarter: 'Q2', sessions: 8, people: '63', good: '92', note: 'b' },
    { group: 'Forum', quarter: 'Q1', sessions: '3', people: 'N/A', good: '80%', note: null },
    { group: 'LINX', quarter: 'Q3', sessions: '7', people: '55', good: '85%', note: '' },
  ];

  it('computes totals and group subtotals in the model, leaving missing values out and showing them as written', () => {
    const view = dataTable(table, rows);
    expect(view.columns).toEqual([
      { heading: 'Quarter', align: 'left' },
      { heading: 'Sessions', align: 'right' },
      { heading: 'people', align: 'right' },
      { heading: 'good', align: 'right' },
      { heading: 'note', align: 'left' },
    ]);
    expect(view.groups.map((g) => g.heading)).toEqual(['LINX', 'Forum']);
    const texts = (r: { header: { text: string }; cells: { text: string }[] } | undefined) => (r ? [r.header.text, ...r.cells.map((c) => c.text)] : []);
    expect(view.groups[0]!.rows.map(texts)).toEqual([
      ['Q1', '6', '1,048', '88%', 'a'],
      ['Q2', '8', '63', '92%', 'b'],
      ['Q3', '7', '55', '85%', ''],
    ]);
    expect(texts(view.groups[0]!.subtotal)).toEqual(['Total for LINX', '21', '1,166', '88.3%', '']);
    expect(texts(view.groups[1]!.rows[0])).toEqual(['Q1', '3', 'N/A', '80%', '']);
    expect(texts(view.groups[1]!.subtotal)).toEqual(['Total for Forum', '3', '', '80.0%', '']);
    expect(texts(view.total)).toEqual(['Total', '24', '1,166', '86.3%', '']);
    expect(view.total?.cells[0]?.value).toBe(24);
  });

  it('has no total row when no column asks for one, and no groups unless grouped', () => {
    const view = dataTable({ title: 'T', columns: [{ field: 'quarter' }, { field: 'sessions', format: 'number', decimals: 1 }] }, rows);
    expect(view.total).toBeUndefined();
    expect(view.groups).toHaveLength(1);
    expect(view.groups[0]!.heading).toBeUndefined();
    expect(view.groups[0]!.rows[0]!.cells[0]!.text).toBe('6.0');
  });

  it('formats numbers with thousands separators and fixed decimals, without locale data', () => {
    expect(formatValue(1234567.891, 2, 'number')).toBe('1,234,567.89');
    expect(formatValue(-0.004, 2, 'number')).toBe('0.00');
    expect(formatValue(-1500, 0, 'number')).toBe('-1,500');
    expect(formatValue(84, 1, 'percentage')).toBe('84.0%');
  });
});

describe('cpb new meeting', () => {
  const latest: MeetingData = {
    date: '2020-01-30',
    time: '18:00',
    venue: 'County Hall',
    notices: ['Refreshments from 5.30pm'],
    items: [
      { title: 'Introductions and Apologies', standing: true, presenter: { member: 'chair' } },
      { title: 'Minutes of the Meeting from 26 November 2019', standing: true, papers: [{ title: 'Minutes of 26 November 2019', generate: 'minutes' }] },
      { title: 'Performance', standing: true, papers: [{ title: 'Report', file: 'papers/performance.md' }, { title: 'Annex', generate: 'performance', year: '2019-20' }] },
      { title: 'Family Safeguarding', presenter: { member: 'lead' } },
      { title: 'Date and Time of Next Meeting', standing: true, shows_next_meeting: true },
    ],
    next_meeting: { date: '2020-03-25', time: '18:00' },
  };

  it('copies the standing items, time and venue of the latest meeting, updates the minutes date, and plans the meeting', () => {
    const next = { date: '2020-07-22', time: '13:30', venue: 'County Hall', status: 'planned' as const };
    const { meeting: m, notes } = meetingScaffold('2020-03-25', latest, undefined, next, '2019-11-26');
    expect(m).toMatchObject({ date: '2020-03-25', time: '18:00', venue: 'County Hall', status: 'planned', notices: ['Refreshments from 5.30pm'] });
    expect(m.items.map((i) => i.title)).toEqual(['Introductions and Apologies', 'Minutes of the Meeting from 30 January 2020', 'Performance', 'Date and Time of Next Meeting']);
    expect(m.items[1]!.papers).toEqual([{ title: 'Minutes of 30 January 2020', generate: 'minutes' }]);
    // Papers in the earlier meeting's folder are not carried over; papers made from data are.
    expect(m.items[2]!.papers).toEqual([{ title: 'Annex', generate: 'performance', year: '2019-20' }]);
    // The next meeting is not typed: the calendar gives it.
    expect(m.next_meeting).toBeUndefined();
    expect(notes).toEqual([]);
  });

  it('uses the time and venue the schedule gives, and leaves out the next-meeting item while its date is unknown', () => {
    const { meeting: m, notes } = meetingScaffold('2020-03-25', latest, { date: '2020-03-25', time: '10:00', venue: 'Online' }, undefined);
    expect(m).toMatchObject({ time: '10:00', venue: 'Online' });
    expect(m.next_meeting).toBeUndefined();
    expect(m.items.some((i) => i.shows_next_meeting)).toBe(false);
    expect(notes.join(' ')).toContain('Date and Time of Next Meeting');
  });
});
