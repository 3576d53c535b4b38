import { execFile } from 'node:child_process';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { EXAMPLES, cpb } from '../helpers/cli.js';
import { pdfPages } from '../helpers/pdf.js';

// The third example board, the London Borough of Croydon's Corporate Parenting Panel, built once
// with the real CLI. Each test reads the PDFs' text and checks that one of the panel's
// conventions prints as the panel prints it, where Lancashire and North Lincolnshire print it
// otherwise. Documents are found through the website's meetings.json, papers by their titles.

const run = promisify(execFile);
const BOARD = join(EXAMPLES, 'croydon');
const TODAY = { CPB_TODAY: '2022-06-23' };

/** Finds each of `parts` in `text`, each after the one before, and returns where each begins. */
function inOrder(text: string, parts: string[]): number[] {
  let from = 0;
  return parts.map((part) => {
    const at = text.indexOf(part, from);
    expect(at, `"${part}" is not after the text before it`).toBeGreaterThanOrEqual(from);
    from = at + part.length;
    return at;
  });
}

interface Links { url: string; media_type: string }
interface Document { note: string; links: Links[] }
interface MeetingEntry { start_date: string; documents: Document[]; agenda: { documents: Document[] }[] }

describe('the Croydon Corporate Parenting Panel example', () => {
  let parent: string;
  let site: string;
  let meetings: MeetingEntry[];
  let validate: { code: number; stdout: string; stderr: string };
  const texts = new Map<string, string>();

  /** The PDF of a meeting's document ("Agenda", "Minutes", also "Minutes (draft)") or paper (by its title), as meetings.json lists it. */
  function pdfOf(date: string, title: string): string {
    const meeting = meetings.find((m) => m.start_date.startsWith(date));
    expect(meeting, `no meeting on ${date} in meetings.json`).toBeDefined();
    const documents = [...meeting!.documents, ...meeting!.agenda.flatMap((item) => item.documents)];
    const doc = documents.find((d) => d.note === title || d.note.startsWith(`${title} (`));
    expect(doc, `no document "${title}" on ${date}: ${documents.map((d) => d.note).join(' | ')}`).toBeDefined();
    const link = doc!.links.find((l) => l.media_type === 'application/pdf');
    expect(link, `no PDF of "${title}"`).toBeDefined();
    return join(site, link!.url);
  }

  async function text(date: string, title: string): Promise<string> {
    const key = `${date} ${title}`;
    if (!texts.has(key)) texts.set(key, (await pdfPages(pdfOf(date, title))).join(' '));
    return texts.get(key)!;
  }

  beforeAll(async () => {
    parent = await mkdtemp(join(tmpdir(), 'cpb-croydon-'));
    validate = await cpb(['validate', BOARD], { env: TODAY });
    const r = await cpb(['build', BOARD, '--out', join(parent, 'out')], { env: TODAY });
    expect(r.code, r.stderr).toBe(0);
    site = join(parent, 'out/site');
    meetings = (JSON.parse(await readFile(join(site, 'meetings.json'), 'utf8')) as { meetings: MeetingEntry[] }).meetings;
  }, 240_000);
  afterAll(() => rm(parent, { recursive: true, force: true }));

  it('prints a citation of an earlier minute in the panel\'s own form', async () => {
    const june = await text('2022-06-22', 'Minutes');
    expect(june).toContain("The Children in Care Council's update was added to the programme for September, as asked at minute CPP/22/54.");
    expect(june).not.toContain('[minute:');
  });

  it('validates with no problems at all', () => {
    expect(validate.code, validate.stderr).toBe(0);
    expect(validate.stdout + validate.stderr).toMatch(/\b\d+ files valid\s*$/);
    expect(validate.stdout + validate.stderr).not.toMatch(/warning|error/i);
  });

  it('cites minutes as CPP/yy/n, numbered on from the meetings in history and across May, never starting again', async () => {
    const march = await text('2022-03-09', 'Minutes');
    const june = await text('2022-06-22', 'Minutes');
    const numbers = (t: string) => [...t.matchAll(/CPP\/(\d\d)\/(\d+) /g)].map((m) => `${m[1]}/${m[2]}`);
    // History ends at minute 49 (8 December 2021): March's first minute is 50.
    expect(numbers(march)).toEqual(['22/50', '22/51', '22/52', '22/53', '22/54', '22/55', '22/56']);
    // A new municipal year begins in May; the panel's numbers run on regardless.
    expect(numbers(june)).toEqual(['22/57', '22/58', '22/59', '22/60', '22/61', '22/62', '22/63', '22/64']);
    expect(march).toContain('CPP/22/54 Children in Care Council Update');
    expect(june).not.toMatch(/(^| )\d+\. Apologies for Absence/);
  });

  it('words decisions "RESOLVED to:" and letters them (i), (ii), even a single one', async () => {
    const june = await text('2022-06-22', 'Minutes');
    expect(june).toContain('RESOLVED to: (i) note the year-end performance; and (ii) examine reviews held in time in more depth at the November meeting.');
    expect(june).toContain('CPP/22/60 Action Log The Panel went through the action log. Young people would speak to the Panel about changes of social worker at its September meeting. RESOLVED to: (i) note the action log.');
    expect(june).not.toContain('Resolved:');
    expect(june).not.toMatch(/ a\) /);
  });

  it('prints when the meeting sat: a late start, and the finish', async () => {
    expect(await text('2022-03-09', 'Minutes')).toContain('Minutes of the Meeting held on Wednesday, 9 March 2022, 5.05 – 6.50 pm, in Council Chamber, Town Hall');
    expect(await text('2022-06-22', 'Minutes')).toContain('Minutes of the Meeting held on Wednesday, 22 June 2022, 5.00 – 7.10 pm, in Council Chamber, Town Hall');
  });

  it('records roles at the meeting, late arrivals, early leavers and substitutes in the group of the member they stood in for', async () => {
    const march = await text('2022-03-09', 'Minutes');
    const june = await text('2022-06-22', 'Minutes');
    expect(june).toContain('Present: Members Councillor Joanna Pike (Chair) – London Borough of Croydon Councillor Daniel Okafor (Vice-Chair) – London Borough of Croydon (from item 5)');
    expect(june).toContain('Kwame Asante – Children\'s Social Care (to 6.30 pm)');
    expect(march).toContain('Councillor Samir Bhatt – London Borough of Croydon (to item 6)');
    expect(march).toContain('Sandra Holt – Croydon Foster Carers Association (from 5.40 pm)');
    // An elected substitute among the members, a co-opted one among the co-opted members.
    const members = march.slice(march.indexOf('Present: Members'), march.indexOf('Co-opted members'));
    expect(members).toContain('Councillor Peter Lacey (substituting for Councillor Colin Weir)');
    const coopted = june.slice(june.indexOf('Co-opted members'), june.indexOf("Young people's representatives"));
    expect(coopted).toContain('Jo Mensah (substituting for Michael Adeyemi)');
  });

  it('lists apologies by group, people not on the panel in the group they belong to', async () => {
    expect(await text('2022-03-09', 'Minutes')).toContain(
      "Apologies Members: Councillor Colin Weir Co-opted members: Michael Adeyemi Young people's representatives: Priya Officers: Liam Carter, Dr Asha Rao Declarations of interest",
    );
    // The June list ends the section: the first minute follows it (on the next page, as it happens).
    inOrder(await text('2022-06-22', 'Minutes'), ['Apologies Members: Councillor Helen Shaw Co-opted members: Michael Adeyemi Officers: Nia Roberts ', 'CPP/22/57 Apologies for Absence']);
  });

  it('prints each action where the discussion marks it, naming the owner by post', async () => {
    const june = await text('2022-06-22', 'Minutes');
    expect(june).toContain('asked why May and December had been lower; (Action: Head of Performance and Business Intelligence) the share of care leavers');
    expect(june).toContain('aged 19 to 21 at university. (Action: Head of the Virtual School) Councillor Okafor joined the meeting during this item. RESOLVED to:');
    expect(await text('2022-03-09', 'Minutes')).toContain('asked the Panel to hear from them on it; (Action: Participation and Engagement Manager) the pocket money review');
    // Not by person, and no separate action lines after the decisions.
    expect(june).not.toMatch(/Action: (Liam Carter|Deborah Lyle|Kwame Asante)/);
    expect(june).not.toContain('[action:');
  });

  it('keeps an action log by person, in its own status words, with the earlier meetings\' actions and the date the clerk set', async () => {
    const log = await text('2022-06-22', 'Action log');
    inOrder(log, [
      'Last updated: Monday, 13 June 2022',
      'Meeting held on Wednesday, 13 October 2021',
      'Meeting held on Wednesday, 8 December 2021',
      'Meeting held on Wednesday, 9 March 2022',
    ]);
    expect(log).toMatch(/CPP\/21\/35 Care Leavers' Local Offer Kwame Asante Report on how many care leavers .* Closed/);
    expect(log).toMatch(/CPP\/21\/44 Virtual School: Personal Education Plans Deborah Lyle .* In progress Overdue/);
    expect(log).toMatch(/CPP\/21\/47 Staying Put Claire Dawson, former Head of Fostering .* Awaiting update/);
    expect(log).toMatch(/CPP\/22\/54 Children in Care Council Update Ruth Ansah .* In progress/);
    for (const post of ['Participation and Engagement Manager', 'Designated Nurse', 'Head of the Virtual School']) expect(log).not.toContain(post);
    for (const word of ['On-going', 'Completed', ' Open ']) expect(log).not.toContain(word);
  });

  it('prints the performance tables from the workbook on landscape pages, the headlines on a portrait one', async () => {
    const pdf = pdfOf('2022-06-22', 'Appendix 1: Performance scorecard 2021/22');
    const pages = await pdfPages(pdf);
    const { stdout } = await run('pdfinfo', ['-f', '1', '-l', String(pages.length), pdf]);
    const sizes = [...stdout.matchAll(/^Page +\d+ size: +([\d.]+) x ([\d.]+)/gm)].map((m) => (Number(m[1]) > Number(m[2]) ? 'landscape' : 'portrait'));
    expect(sizes).toHaveLength(pages.length);
    expect(pages[0]).toContain('Headlines');
    expect(sizes[0]).toBe('portrait');
    const tablePages = pages.flatMap((p, i) => (p.includes('Indicator Apr May Jun Jul Aug Sep Oct Nov Dec Jan Feb Mar') ? [i] : []));
    expect(tablePages.length).toBeGreaterThanOrEqual(2);
    for (const i of tablePages) expect(sizes[i], `page ${i + 1}`).toBe('landscape');
  });

  it('works out a ratio indicator\'s year as reviews held in time over reviews due, not the mean of the months', async () => {
    const report = await text('2022-06-22', 'Appendix 1: Performance scorecard 2021/22');
    expect(report).toContain('Looked after reviews due (number) 98 112 101 97 95 103 106 99 121 100 96 105 1,233 total');
    expect(report).toContain('Looked after reviews held in timescale (number) 95 97 98 94 92 99 102 96 101 97 93 102 1,166 total');
    // 1,166 / 1,233 = 94.6%; the mean of the twelve monthly percentages would be 94.8.
    expect(report).toContain('Share of looked after reviews held in timescale (%) 97 87 97 97 97 96 96 97 83 97 97 97 94.6 overall 95 Green');
    // The sheet's months are dates (Apr-21…), its percentages cells formatted as such; a gap stays as typed.
    expect(report).toContain('Statutory visits within timescale (%) 91.2 89.8 92.4 93.0 N/A 92.1');
  });

  it('prints the commentary of a group that continues once, after its last table', async () => {
    const report = await text('2022-06-22', 'Appendix 1: Performance scorecard 2021/22');
    const commentaryText = 'The number of children looked after fell over the year';
    const [first, second, commentary] = inOrder(report, ['Children looked after Indicator Apr', 'Children looked after (placements) Indicator Apr', commentaryText]);
    expect(report.indexOf(commentaryText, commentary! + 1)).toBe(-1);
    expect(report.slice(first, second)).not.toContain('Commentary');
  });

  it('heads the action plan\'s checkpoints Q1 to Q4, with notes in rating cells, nested lists and the panel\'s word for no rating', async () => {
    const plan = await text('2022-06-22', 'Corporate Parenting Strategy Action Plan 2021-23, progress at quarter 4');
    expect(plan).toContain('Ref Action Timescale Lead RAG Q1 Q2 Q3 Q4');
    expect(plan).toContain('Amber 18 approved Green Green Amber campaign paused Amber');
    expect(plan).toContain('Red site not found Amber Amber Red Red site not found');
    expect(plan).toContain('Green Not rated Amber Green Green');
    expect(plan).toContain('Refresh the Children in Care Council\'s offer: monthly meetings in two age groups a care leavers\' forum, with evening sessions for those in work');
    expect(plan).not.toContain('Not yet rated 0');
    expect(plan).not.toMatch(/RAG at \d/);
  });

  it('letters the cover report\'s recommendations (a), (b), numbers its sections to 1.1, and puts the contacts side by side', async () => {
    const report = await text('2022-06-22', 'Corporate Parenting Performance: Year End 2021/22');
    expect(report).toContain('Recommendations (a) That the Panel notes the year-end performance set out in Appendix 1. (b) That the Panel identifies');
    // The summary is Markdown: its bullets and bold print as text, not as asterisks.
    inOrder(report, [
      'Officer contact Member contact Liam Carter Head of Performance and Business Intelligence',
      'Councillor Joanna Pike Chair of the Corporate Parenting Panel',
      'In 2021/22 the council: held 94.6% of looked after reviews within timescale',
      '1. Background',
      '1.1 The scorecard',
      "1.2 How the year's figures are worked out",
      '2. Performance in 2021/22 2.1 Children looked after',
      '2.2 Care leavers',
      '3. Next steps',
    ]);
    expect(report).not.toContain('**');
  });

  it('starts the work programme with this meeting, with drafts to one person, a typed deadline and notes', async () => {
    const plan = await text('2022-06-22', 'Work programme 2022/23');
    inOrder(plan, [
      'Wednesday, 22 June 2022 5.00 pm',
      'Draft reports to Tariq Aziz, Democratic Services Monday, 23 May 2022',
      'Year-end figures; the quarter 1 report follows in September.',
      'Wednesday, 21 September 2022 5.00 pm',
      'Final reports to Democratic Services Friday, 2 September 2022 (set for this meeting)',
      '(Meeting with the Children in Care Council)',
      'To be scheduled Item Lead officer Notes Sufficiency Strategy 2022-25',
    ]);
  });

  it('counts training attendance of the members on the panel on the day, with the introduction and substitutes', async () => {
    const training = await text('2022-06-22', "Members' training plan 2022/23");
    expect(training).toContain('Every member of the Panel, and any councillor who may substitute for one, is asked to attend');
    // On 8 June 2022 the panel had seven elected and co-opted members: Councillor Bhatt left in May
    // and Councillor Nwosu joined; a substitute counts for the seat of the member they stood in for.
    expect(training).toContain('Percentages attending are of the board\'s elected and co-opted members on the day of each session.');
    expect(training).toContain('71% (5 of 7) Councillor Joanna Pike, Councillor Rachel Hume, Councillor Grace Nwosu, Sandra Holt Substitutes: Councillor Peter Lacey (elected member, substituting for Councillor Colin Weir)');
  });

  it('lists on each front sheet the membership of that day, and ends it with the monitoring officer\'s signature block', async () => {
    const march = await text('2022-03-09', 'Agenda');
    const june = await text('2022-06-22', 'Agenda');
    expect(june).toContain('Membership Elected members: Councillor Joanna Pike (Chair), Councillor Daniel Okafor (Vice-Chair), Councillor Rachel Hume, Councillor Colin Weir, Councillor Grace Nwosu Co-opted members: Sandra Holt, Michael Adeyemi');
    expect(june).not.toContain('Samir Bhatt');
    expect(march).toContain('Councillor Colin Weir, Councillor Samir Bhatt Co-opted members');
    expect(march).not.toContain('Grace Nwosu');
    expect(june).toContain('Adaeze Whitfield Director of Legal Services and Monitoring Officer London Borough of Croydon Bernard Weatherill House 8 Mint Walk Croydon CR0 1EA');
  });
});
