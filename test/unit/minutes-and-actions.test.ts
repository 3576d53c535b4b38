import { describe, expect, it } from 'vitest';
import { actionLog, allActions } from '../../src/model/action-log.js';
import { attendanceRegister, attendanceView } from '../../src/model/attendance.js';
import { buildBoard, ownerName } from '../../src/model/board.js';
import { buildMeeting, type Meeting } from '../../src/model/meeting.js';
import { municipalYear } from '../../src/domain/municipal-year.js';
import { buildMinutes, letter, minuteCitation, minutesHeading } from '../../src/model/minutes.js';
import { referencePatternFault } from '../../src/domain/minute-reference.js';
import { minuteMarks } from '../../src/domain/minute-marks.js';
import { minutesView } from '../../src/model/generated-views.js';
import type { ActionUpdatesData, MeetingData, MinutesData } from '../../src/domain/types.js';

const board = buildBoard({
  name: 'Corporate Parenting Board',
  council: 'Example Council',
  membership: [
    { id: 'chair', name: 'Pat Example', title: 'Councillor', role: 'Chair', kind: 'elected' },
    { id: 'clerk', name: 'Sam Clerk', kind: 'officer', service: 'Democratic Services' },
    { id: 'jo', name: 'Jo', kind: 'young-person', organisation: 'Children in Care Council' },
  ],
});

function meeting(date: string, titles: string[]): Meeting {
  const data: MeetingData = { date, time: '18:00', venue: 'County Hall', items: titles.map((title) => ({ title })) };
  return buildMeeting(data, board, `/b/meetings/${date}`);
}

function minutesOf(items: number[], actions: Record<number, MinutesData['minutes'][number]['actions']> = {}): MinutesData {
  return { present: ['chair', 'clerk', 'jo'], minutes: items.map((item) => ({ item, ...(actions[item] ? { actions: actions[item] } : {}) })) };
}

const meetings = [
  meeting('2019-03-12', ['Apologies', 'Minutes', 'Any Other Business']),
  meeting('2019-07-09', ['Apologies', 'Minutes', 'Performance', 'Any Other Business']),
  meeting('2019-09-17', ['Apologies', 'Minutes']),
];
const data = new Map<string, MinutesData>([
  ['2019-03-12', minutesOf([1, 2, 3])],
  ['2019-07-09', minutesOf([1, 2, 3, 4], { 3: [{ id: 'visits-report', owners: ['clerk'], action: 'Report visit figures.', due: '2019-09-01' }] })],
  ['2019-09-17', { ...minutesOf([1, 2]), approves_minutes_of: '2019-07-09' }],
]);

describe('the minutes heading', () => {
  const sept = meetings[2]!;
  const record = (more: Partial<MinutesData>) => buildMinutes(board, [sept], new Map([[sept.id, { ...minutesOf([1, 2]), ...more }]]), { style: 'per-meeting', first: 1 }).public.get(sept.id)!;

  it('says the time on the agenda until the clerk records when the meeting sat', () => {
    expect(minutesHeading(board, sept, record({}))).toBe('Minutes of the Meeting held on Tuesday, 17 September 2019 at 6.00 pm in County Hall');
  });

  it('says the times it sat, from the agenda time or the recorded start to the finish', () => {
    expect(minutesHeading(board, sept, record({ finished: '19:40' }))).toBe('Minutes of the Meeting held on Tuesday, 17 September 2019, 6.00 – 7.40 pm, in County Hall');
    expect(minutesHeading(board, sept, record({ started: '11:15', finished: '13:05' }))).toBe('Minutes of the Meeting held on Tuesday, 17 September 2019, 11.15 am – 1.05 pm, in County Hall');
    expect(minutesHeading(board, sept, record({ started: '18:10' }))).toBe('Minutes of the Meeting held on Tuesday, 17 September 2019 at 6.10 pm in County Hall');
  });
});

describe('minute numbers', () => {
  it('start at 1 at every meeting when numbered per meeting', () => {
    const minutes = buildMinutes(board, meetings, data, { style: 'per-meeting', first: 1 }).confidential;
    expect([...minutes.values()].map((r) => r.minutes.map((m) => m.number))).toEqual([[1, 2, 3], [1, 2, 3, 4], [1, 2]]);
  });

  it('run on across the municipal year and start again each May when continuous', () => {
    const minutes = buildMinutes(board, meetings, data, { style: 'continuous', first: 62 }).confidential;
    // March 2019 is in 2018/19 (starting at 62); July and September 2019 start 2019/20 again at 1.
    expect([...minutes.values()].map((r) => r.minutes.map((m) => m.number))).toEqual([[62, 63, 64], [1, 2, 3, 4], [5, 6]]);
    expect(municipalYear('2019-04-30')).toBe(2018);
    expect(municipalYear('2019-05-01')).toBe(2019);
  });

  it('run on across the years when never reset, and start where a meeting says', () => {
    const numbers = (more: Partial<Record<string, Partial<MinutesData>>>, numbering: Parameters<typeof buildMinutes>[3]) => {
      const given = new Map([...data].map(([id, m]) => [id, { ...m, ...more[id] }]));
      return [...buildMinutes(board, meetings, given, numbering).confidential.values()].map((r) => r.minutes.map((m) => m.number));
    };
    expect(numbers({}, { style: 'never-reset', first: 62 })).toEqual([[62, 63, 64], [65, 66, 67, 68], [69, 70]]);
    expect(numbers({}, { style: 'never-reset' })).toEqual([[1, 2, 3], [4, 5, 6, 7], [8, 9]]);
    // July's minutes start at 20 by the clerk's count; September runs on from there.
    expect(numbers({ '2019-07-09': { first_number: 20 } }, { style: 'continuous', first: 62 })).toEqual([[62, 63, 64], [20, 21, 22, 23], [24, 25]]);
    expect(numbers({ '2019-07-09': { first_number: 20 } }, { style: 'per-meeting' })).toEqual([[1, 2, 3], [20, 21, 22, 23], [1, 2]]);
  });

  it('are drafts until a later meeting approves them', () => {
    const minutes = buildMinutes(board, meetings, data, { style: 'per-meeting', first: 1 }).confidential;
    expect(minutes.get('2019-07-09')?.approvedAt).toBe('2019-09-17');
    expect(minutes.get('2019-03-12')?.approvedAt).toBeUndefined();
  });

  it('group attendance by kind, officers by service and young people by first name', () => {
    const record = buildMinutes(board, meetings, data, { style: 'per-meeting', first: 1 }).public.get('2019-03-12')!;
    expect(record.attendance).toEqual([
      { label: 'Members', people: [{ name: 'Councillor Pat Example' }] },
      { label: "Young people's representatives", people: [{ name: 'Jo', organisation: 'Children in Care Council' }] },
      { label: 'Officers', people: [{ name: 'Sam Clerk', organisation: 'Democratic Services' }] },
    ]);
    expect([0, 1, 2, 26].map((i) => letter(i))).toEqual(['a)', 'b)', 'c)', 'a)']);
  });

  it.each([
    ['(a)', ['(a)', '(b)', '(d)']],
    ['i)', ['i)', 'ii)', 'iv)']],
    ['(i)', ['(i)', '(ii)', '(iv)']],
    ['1.', ['1.', '2.', '4.']],
  ] as const)('lettered %s: %j', (lettering, expected) => {
    expect([0, 1, 3].map((i) => letter(i, lettering))).toEqual(expected);
  });
});

describe("a council's wording of its minutes", () => {
  const sept = meetings[2]!;
  const styled = buildBoard({
    name: 'Corporate Parenting Panel',
    council: 'Example Council',
    membership: [{ id: 'chair', name: 'Pat Example', title: 'Councillor', role: 'Chairman', kind: 'elected' }],
    minutes: { decision_wording: 'RESOLVED –', decision_lettering: '(i)', letter_single_decision: true, signature_title: 'Chairman' },
  });
  const minutes: MinutesData = {
    present: ['chair'],
    minutes: [
      { item: 1, resolved: ['That the report be noted.'] },
      { item: 2, resolved: ['That the plan be approved.', 'That a report come back in March.'] },
    ],
  };
  const record = buildMinutes(styled, [sept], new Map([[sept.id, minutes]]), { style: 'per-meeting', first: 1 }).public.get(sept.id)!;

  it('letters a single decision when the board does, in its own lettering, and names the signatory as it does', () => {
    const view = minutesView({ board: styled }, record);
    expect(view.decisionWording).toBe('RESOLVED –');
    expect(view.signatureTitle).toBe('Chairman');
    expect(view.minutes[0]!.resolved).toEqual([{ text: 'That the report be noted.', label: '(i)' }]);
    expect(view.minutes[1]!.resolved.map((r) => r.label)).toEqual(['(i)', '(ii)']);
  });

  it('keeps "Resolved:", a), one decision unlettered and "Chair" when the board says nothing', () => {
    const view = minutesView({ board }, buildMinutes(board, [sept], new Map([[sept.id, { ...minutes, present: ['chair'] }]]), { style: 'per-meeting', first: 1 }).public.get(sept.id)!);
    expect([view.decisionWording, view.signatureTitle]).toEqual(['Resolved:', 'Chair']);
    expect(view.minutes[0]!.resolved).toEqual([{ text: 'That the report be noted.', label: undefined }]);
    expect(view.minutes[1]!.resolved.map((r) => r.label)).toEqual(['a)', 'b)']);
  });
});

describe('minute references', () => {
  const sept = meetings[2]!;
  const cited = (minutes: Record<string, unknown>) =>
    buildBoard({ name: 'Corporate Parenting Board', council: 'Example Council', membership: [{ id: 'clerk', name: 'Sam Clerk', kind: 'officer' }], minutes });

  it.each([
    ['{number}', '12', '12'],
    ['{number}.', '12.', '12.'],
    ['CPB/{yy}/{number}', 'CPB/19/12', 'CPB/19/12'],
    ['{number}/{yy}', '12/19', '12/19'],
    ['Minute {number}', 'Minute 12', 'Minute 12'],
    ['{board}/{yyyy}/{number}', 'CPP/2019/12', 'CPP/2019/12'],
    ['{myy}/{number}', '19/20/12', '19/20/12'],
    ['{board} {myyyy} minute {number}', 'CPP 2019/20 minute 12', 'CPP 2019/20 minute 12'],
  ])('%s heads a minute as %s and cites it as %s', (reference, heading, citation) => {
    const styled = cited({ reference, short_name: 'CPP' });
    expect(minuteCitation(styled, 12, sept.date, 'heading')).toBe(heading);
    expect(minuteCitation(styled, 12, sept.date, 'citation')).toBe(citation);
  });

  it('give the municipal year, May to April, where the calendar year would not', () => {
    const styled = cited({ reference: '{myy}/{number}' });
    // April 2020 is still 2019/20; May 2020 starts 2020/21; 2099/00 wraps its century.
    expect(['2020-04-30', '2020-05-01', '2099-06-01'].map((date) => minuteCitation(styled, 3, date, 'citation'))).toEqual(['19/20/3', '20/21/3', '99/00/3']);
    expect(minuteCitation(cited({ reference: '{myyyy}-{number}' }), 3, '2020-01-30', 'heading')).toBe('2019/20-3');
    expect(referencePatternFault('{myyyy}/{number}', false)).toBeUndefined();
  });

  it('are "12." in the minutes and "12" in the log when the board sets none', () => {
    expect([minuteCitation(board, 12, sept.date, 'heading'), minuteCitation(board, 12, sept.date, 'citation')]).toEqual(['12.', '12']);
  });

  it('reach the minutes view and the action log', () => {
    const styled = cited({ reference: 'CPB/{yy}/{number}' });
    const views = buildMinutes(styled, meetings, new Map([['2019-07-09', { ...minutesOf([1, 2, 3]), present: ['clerk'], minutes: [{ item: 3, actions: [{ id: 'x', owners: ['clerk'], action: 'Do it.' }] }] }]]), { style: 'per-meeting' });
    expect(minutesView({ board: styled }, views.public.get('2019-07-09')!).minutes[0]!.reference).toBe('CPB/19/1');
    expect(allActions(actionLog(styled, views.public, {}, '2019-12-31'))[0]!.minuteReference).toBe('CPB/19/1');
  });

  it.each([
    ['{number', "has a '{' that opens or closes no field"],
    ['CPB/{year}/{number}', 'has an unknown field {year}'],
    ['Minute', 'has no {number}'],
    ['{board}/{number}', 'uses {board}, but minutes.short_name is not set'],
    ['{number}/{number}', 'has {number} twice'],
    ['{yy}/{myy}/{number}', 'has both the calendar year {yy} and the municipal year {myy}'],
    ['{number}/{myyyy}/{yyyy}', 'has both the calendar year {yyyy} and the municipal year {myyyy}'],
  ])('%s is refused: %s', (pattern, fault) => {
    expect(referencePatternFault(pattern, false)).toContain(fault);
  });
});

describe('minutes citing other minutes', () => {
  const styled = buildBoard({ name: 'Corporate Parenting Board', council: 'Example Council', membership: [{ id: 'clerk', name: 'Sam Clerk', kind: 'officer' }], minutes: { reference: 'CPB/{yy}/{number}' } });
  const citing: MinutesData = {
    present: ['clerk'],
    minutes: [{ item: 1, discussion: 'As agreed at [minute: 2019-07-09/3], and see [minute: 2019-03-12 2].\n\n[Minute: 2019-07-09/4] stands.', resolved: ['That [minute: 2019-07-09/3] be noted.'] }],
  };
  const view = (board: typeof styled) =>
    buildMinutes(board, meetings, new Map([...data, ['2019-09-17', citing]]), { style: 'per-meeting' }).public.get('2019-09-17')!.minutes[0]!;

  it('print the cited minute in the board\'s reference, in the discussion and the decisions', () => {
    const minute = view(styled);
    expect(minute.discussion).toBe('As agreed at minute CPB/19/3, and see minute CPB/19/2.\n\nMinute CPB/19/4 stands.');
    expect(minute.resolved).toEqual(['That minute CPB/19/3 be noted.']);
  });

  it('say "minute 3" by default, and do not say Minute twice where the reference does', () => {
    expect(view(board).resolved).toEqual(['That minute 3 be noted.']);
    const worded = buildBoard({ name: 'B', council: 'C', membership: [{ id: 'clerk', name: 'Sam Clerk', kind: 'officer' }], minutes: { reference: 'Minute {number}' } });
    expect(view(worded).discussion).toBe('As agreed at minute 3, and see minute 2.\n\nMinute 4 stands.');
  });

  it('escape a reference\'s Markdown punctuation in the discussion only', () => {
    const starred = buildBoard({ name: 'B', council: 'C', membership: [{ id: 'clerk', name: 'Sam Clerk', kind: 'officer' }], minutes: { reference: '*{number}*' } });
    expect(view(starred).discussion).toContain('minute \\*3\\*');
    expect(view(starred).resolved).toEqual(['That minute *3* be noted.']);
  });

  it.each([
    ['[minute: 2019-07-09/3]', { date: '2019-07-09', number: 3, capital: false }],
    ['[Minute:2019-07-09 / 12 ]', { date: '2019-07-09', number: 12, capital: true }],
    ['[MINUTE: 2019-07-09 3]', { date: '2019-07-09', number: 3, capital: true }],
    ['[minute: 9/7/2019 3]', { capital: false }],
    ['[minute: 2019-07-09]', { capital: false }],
    ['[minute: 2019-07-09/3a]', { capital: false }],
  ])('%s is read as %o', (text, expected) => {
    expect(minuteMarks(`See ${text}.`)).toEqual([{ text: text.trim(), ...expected }]);
  });
});

describe('meetings before the folder begins', () => {
  const withHistory = buildBoard({
    name: 'Corporate Parenting Board',
    council: 'Example Council',
    membership: [{ id: 'clerk', name: 'Sam Clerk', kind: 'officer' }],
    history: [
      { date: '2019-01-15', minutes: { first: 40, last: 49 }, actions: [{ id: 'old-report', minute: 44, item: 'Fostering', owners: ['clerk', 'Jan Former'], action: 'Report on recruitment.', due: '2019-03-01' }] },
      { date: '2018-11-20', minutes: { first: 30, last: 39 } },
    ],
  });
  const numbering = (style: 'continuous' | 'never-reset') => ({ style, before: { date: withHistory.history.at(-1)!.date, last: withHistory.history.at(-1)!.last } });

  it('lets minute numbers run on from the last of them, until the numbering starts again', () => {
    const numbers = (style: 'continuous' | 'never-reset') =>
      [...buildMinutes(withHistory, meetings, data, numbering(style)).confidential.values()].map((r) => r.minutes[0]!.number);
    // March 2019 is in the same municipal year as January's 49 minutes; July starts 2019/20.
    expect(numbers('continuous')).toEqual([50, 1, 5]);
    expect(numbers('never-reset')).toEqual([50, 53, 57]);
  });

  it('put their actions first in the action log, under their meetings, with their minute numbers and progress', () => {
    const minutes = buildMinutes(withHistory, meetings, data, numbering('never-reset')).confidential;
    const log = actionLog(withHistory, minutes, { 'old-report': { status: 'completed', updates: [{ date: '2019-02-20', text: 'Presented.' }] } }, '2019-09-17');
    expect(log.groups.map((g) => g.heading)).toEqual(['Meeting held on Tuesday, 15 January 2019', 'Meeting held on Tuesday, 9 July 2019']);
    expect(log.groups[0]!.actions[0]).toMatchObject({ id: 'old-report', minuteNumber: 44, itemTitle: 'Fostering', owners: ['Sam Clerk', 'Jan Former'], status: 'completed', overdue: false });
    expect(log.groups[1]!.actions[0]!.minuteNumber).toBe(55);
    expect(allActions(actionLog(withHistory, minutes, {}, '2019-01-15'))).toEqual([]);
  });
});

describe('attendance as the clerk records it', () => {
  const sept = meetings[2]!;
  const grouped = buildBoard({
    name: 'Corporate Parenting Board',
    council: 'Example Council',
    minutes: { apologies_by_group: true },
    membership: [
      { id: 'chair', name: 'Pat Example', title: 'Councillor', role: 'Chair', kind: 'elected' },
      { id: 'gibson', name: 'Julie Gibson', title: 'Councillor', kind: 'elected' },
      { id: 'carer', name: 'Alex Carer', kind: 'co-opted', organisation: 'Foster Carers' },
      { id: 'clerk', name: 'Sam Clerk', kind: 'officer', service: 'Democratic Services' },
    ],
  });
  const minutes: MinutesData = {
    present: [
      { member: 'chair', role: 'Chairman', to: '18:20' },
      { name: 'Councillor Lee Sub', substituting_for: 'gibson' },
      { member: 'clerk', from: 4 },
    ],
    apologies: ['gibson', 'carer', { name: 'Dr Rao', group: 'officer' }, { name: 'A Friend' }],
    minutes: [{ item: 1 }],
  };
  const record = buildMinutes(grouped, [sept], new Map([[sept.id, minutes]]), { style: 'per-meeting' }).public.get(sept.id)!;

  it('prints roles at the meeting, late arrivals, early leavers and substitutes in their groups', () => {
    expect(record.attendance).toEqual([
      { label: 'Members', people: [{ name: 'Councillor Pat Example', role: 'Chairman', note: 'to 6.20 pm' }, { name: 'Councillor Lee Sub', note: 'substituting for Councillor Julie Gibson' }] },
      { label: 'Officers', people: [{ name: 'Sam Clerk', organisation: 'Democratic Services', note: 'from item 4' }] },
    ]);
    expect(record.present).toEqual(['chair', 'clerk']);
  });

  it('keeps each apology in its group when the board lists them so, and in one list when not', () => {
    expect(minutesView({ board: grouped }, record).apologyGroups).toEqual([
      { label: 'Members', names: ['Councillor Julie Gibson'] },
      { label: 'Co-opted members', names: ['Alex Carer'] },
      { label: 'Officers', names: ['Dr Rao'] },
      { label: 'Others', names: ['A Friend'] },
    ]);
    const plain = buildMinutes(board, [sept], new Map([[sept.id, { ...minutes, present: ['chair'], apologies: ['clerk', { name: 'Dr Rao', group: 'officer' }] }]]), { style: 'per-meeting' }).public.get(sept.id)!;
    expect(minutesView({ board }, plain).apologyGroups).toEqual([]);
    expect(minutesView({ board }, plain).apologies).toEqual(['Sam Clerk', 'Dr Rao']);
  });
});

describe('members who joined or left the board', () => {
  it('are expected in the attendance register only at meetings while they were on it', () => {
    const changing = buildBoard({
      name: 'Corporate Parenting Board',
      council: 'Example Council',
      membership: [
        { id: 'chair', name: 'Pat Example', kind: 'elected' },
        { id: 'new', name: 'Nat New', kind: 'elected', joined: '2019-07-01' },
        { id: 'gone', name: 'Gil Gone', kind: 'elected', left: '2019-07-09' },
      ],
    });
    const held = new Map([...data].map(([id, m]) => [id, { ...m, present: ['chair', 'new', 'gone'] }]));
    const register = attendanceRegister(changing, meetings, buildMinutes(changing, meetings, held, { style: 'per-meeting' }).public, '2019-12-31');
    expect(register.members.map((m) => [m.member.id, m.expected, m.attended, m.percentage])).toEqual([['chair', 3, 3, 100], ['new', 2, 2, 100], ['gone', 2, 2, 100]]);
    expect(attendanceView(changing, register).basis).toContain('expected at each held while they were on the board');
  });
});

describe('where actions print and how their owners are named', () => {
  const sept = meetings[2]!;
  const styled = (minutes: Record<string, unknown>, actionLogStyle: Record<string, unknown> = {}) =>
    buildBoard({
      name: 'Corporate Parenting Board',
      council: 'Example Council',
      minutes,
      action_log: actionLogStyle,
      membership: [
        { id: 'vsh', name: 'Jane Smith', kind: 'officer', post: 'Head of the Virtual School' },
        { id: 'clerk', name: 'Sam Clerk', kind: 'officer' },
      ],
    });
  const data: MinutesData = {
    present: ['vsh', 'clerk'],
    minutes: [{
      item: 1,
      discussion: '- Members asked for the attainment figures by school. [action: attainment]\n- The clerk noted the dates.',
      actions: [
        { id: 'attainment', owners: ['vsh'], action: 'Circulate attainment by school.' },
        { id: 'dates', owners: ['clerk', 'Jo_Visitor'], action: 'Circulate the dates.' },
      ],
    }],
  };
  const viewOf = (b: ReturnType<typeof styled>) => minutesView({ board: b }, buildMinutes(b, [sept], new Map([[sept.id, data]]), { style: 'per-meeting' }).public.get(sept.id)!).minutes[0]!;

  it('inline: "(Action: post)" in the marked bullet, and unmarked actions after the decisions', () => {
    const view = viewOf(styled({ action_placement: 'inline', action_owners: 'post' }));
    expect(view.discussion).toBe('- Members asked for the attainment figures by school. **(Action: Head of the Virtual School)**\n- The clerk noted the dates.');
    // A member without a post by name; anyone else as written, Markdown's punctuation escaped only inline.
    expect(view.actions).toEqual([{ action: 'Circulate the dates.', owners: 'Sam Clerk, Jo_Visitor', due: undefined }]);
  });

  it('after the decisions (the default): the marks go and every action prints after', () => {
    const view = viewOf(styled({}));
    expect(view.discussion).toBe('- Members asked for the attainment figures by school.\n- The clerk noted the dates.');
    expect(view.actions.map((a) => a.owners)).toEqual(['Jane Smith', 'Sam Clerk, Jo_Visitor']);
    expect(viewOf(styled({ action_owners: 'both' })).actions[0]!.owners).toBe('Jane Smith (Head of the Virtual School)');
  });

  it('the action log names owners its own way', () => {
    const b = styled({ action_owners: 'post' }, { action_owners: 'person' });
    const log = actionLog(b, buildMinutes(b, [sept], new Map([[sept.id, data]]), { style: 'per-meeting' }).public, {}, '2019-12-31');
    expect(allActions(log).map((a) => a.ownerIds.map((o) => ownerName(b, o, b.logOwners)).join(', '))).toEqual(['Jane Smith', 'Sam Clerk, Jo_Visitor']);
    expect(ownerName(b, 'vsh', 'post')).toBe('Head of the Virtual School');
  });
});

describe('the action log', () => {
  const updates: ActionUpdatesData = {
    'visits-report': {
      status: 'on-going',
      updates: [
        { date: '2019-08-01', text: 'Update requested' },
        { date: '2019-08-20', text: 'Update requested' },
        { date: '2019-09-10', text: 'Update requested' },
        { date: '2019-12-01', text: 'Report written.' },
      ],
    },
  };
  const minutes = buildMinutes(board, meetings, data, { style: 'per-meeting', first: 1 }).confidential;

  it('shows actions raised before the meeting, with progress up to its date', () => {
    const log = actionLog(board, minutes, updates, '2019-09-17');
    const [action] = allActions(log);
    expect(action).toMatchObject({ id: 'visits-report', meeting: '2019-07-09', minuteNumber: 3, itemTitle: 'Performance', owners: ['Sam Clerk'], status: 'on-going' });
    expect(action!.updates.map((u) => u.date)).toEqual(['2019-08-01', '2019-08-20', '2019-09-10']);
    expect(log.lastUpdated).toBe('2019-09-10');
    expect(action!.overdue).toBe(true);
    expect(action!.chase).toBe(true);
    expect(allActions(actionLog(board, minutes, updates, '2019-07-09'))).toEqual([]);
  });

  it('keeps each action and its history when items are renamed and minutes reordered', () => {
    const renamed = [meetings[0]!, meeting('2019-07-09', ['Apologies', 'Minutes', 'Children in care performance', 'AOB']), meetings[2]!];
    const reordered = new Map(data);
    const july = data.get('2019-07-09')!;
    reordered.set('2019-07-09', { ...july, minutes: [...july.minutes].reverse() });
    const before = allActions(actionLog(board, minutes, updates, '2019-12-31'));
    const after = allActions(actionLog(board, buildMinutes(board, renamed, reordered, { style: 'per-meeting', first: 1 }).confidential, updates, '2019-12-31'));
    expect(after.map((a) => a.id)).toEqual(before.map((a) => a.id));
    expect(after[0]!.updates).toEqual(before[0]!.updates);
    expect(after[0]!.status).toBe(before[0]!.status);
    expect(after[0]!.itemTitle).toBe('Children in care performance');
    expect(after[0]!.minuteNumber).toBe(2);
  });

  it('tells an action nobody has reported on yet from one reported on', () => {
    expect(allActions(actionLog(board, minutes, updates, '2019-09-17'))[0]!.updated).toBe(true);
    expect(allActions(actionLog(board, minutes, {}, '2019-09-17'))[0]!.updated).toBe(false);
    // Updates after the log's date do not count, nor does an entry without a status.
    const later: ActionUpdatesData = { 'visits-report': { updates: [{ date: '2019-12-01', text: 'Report written.' }] } };
    expect(allActions(actionLog(board, minutes, later, '2019-09-17'))[0]!.updated).toBe(false);
  });

  it('does not call a completed action overdue', () => {
    const done: ActionUpdatesData = { 'visits-report': { status: 'completed', updates: [{ date: '2019-08-01', text: 'Done.' }] } };
    expect(allActions(actionLog(board, minutes, done, '2019-12-31'))[0]!.overdue).toBe(false);
  });
});

describe('exempt minutes', () => {
  const agenda = buildMeeting(
    { date: '2019-11-26', time: '18:00', venue: 'County Hall', items: [{ title: 'Apologies' }, { title: 'Placement review', exempt: { paragraph: 1 } }, { title: 'Fostering' }] },
    board,
    '/b/meetings/2019-11-26',
    new Map([[1, 'Information relating to any individual.'], [2, 'Information which is likely to reveal the identity of an individual.']]),
  );
  const minutes: MinutesData = {
    present: ['chair', 'clerk'],
    declarations: [
      { who: 'chair', item: 2, interest: 'Knows the family.' },
      { who: 'clerk', item: 3, interest: 'Is a foster carer.' },
      { who: 'clerk', interest: 'General.' },
    ],
    minutes: [
      { item: 1, discussion: 'None.' },
      { item: 2, discussion: 'The placement at Hawthorn Lodge.', resolved: ['That the review be noted.'], actions: [{ id: 'placement-follow-up', owners: ['clerk'], action: 'Visit Hawthorn Lodge.' }] },
      { item: 3, exempt: { paragraph: 2 }, discussion: 'A named carer.', resolved: ['That it be noted.'] },
    ],
  };
  const views = buildMinutes(board, [agenda], new Map([['2019-11-26', minutes]]), { style: 'per-meeting', first: 1 }, new Map([[2, 'Information which is likely to reveal the identity of an individual.']]));

  it('keep, in public, the number, title and exemption of the minute of an exempt item or of one marked exempt, and nothing else', () => {
    const record = views.public.get('2019-11-26')!;
    expect(record.audience).toBe('public');
    expect(record.minutes[1]).toEqual({ number: 2, item: 2, title: 'Placement review', exempt: { paragraph: 1, reason: 'Information relating to any individual.' }, withheld: true, resolved: [], actions: [] });
    expect(record.minutes[2]).toMatchObject({ number: 3, exempt: { paragraph: 2 }, withheld: true, resolved: [], actions: [] });
    expect(record.minutes[2]!.discussion).toBeUndefined();
    expect(record.minutes[0]!.discussion).toBe('None.');
    // Declarations on items 2 (exempt on the agenda) and 3 (minute marked exempt) are held back.
    expect(record.declarations.map((d) => d.interest)).toEqual(['General.']);
  });

  it('keep everything in the confidential view, and raise exempt actions only there', () => {
    const record = views.confidential.get('2019-11-26')!;
    expect(record.minutes[1]!.discussion).toContain('Hawthorn');
    expect(record.declarations).toHaveLength(3);
    expect(allActions(actionLog(board, views.confidential, {}, '2020-01-01')).map((a) => [a.id, a.exempt])).toEqual([['placement-follow-up', true]]);
    expect(allActions(actionLog(board, views.public, {}, '2020-01-01'))).toEqual([]);
  });
});
