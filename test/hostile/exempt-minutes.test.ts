import { cp, mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { stringify } from 'yaml';
import { cpb } from '../helpers/cli.js';
import { publicFiles, readableText } from '../helpers/public-outputs.js';

// Random sequences of what clerks do between builds (make an item exempt, make it public again, add
// a late paper, edit a paper, mark a minute exempt), each followed by a full, an incremental or a
// `-m DATE` build of a small board. After every build, no word of an exempt item (its papers, its
// minute's discussion, decisions and actions, the declarations on it) may be in any file under out/
// outside the confidential folders: PDF text, metadata and outline, HTML, the search index,
// meetings.json, meetings.ics. Seeded: CPB_EXEMPT_SEED=N reproduces a failure.
const SEED = Number(process.env['CPB_EXEMPT_SEED'] ?? 20191126);
const SEQUENCES = 3;
const STEPS = 3;
const ENV = { CPB_TODAY: '2020-02-01' };

/** mulberry32: a small seeded generator, so a failing sequence can be replayed. */
function random(seed: number): (n: number) => number {
  let a = seed >>> 0;
  return (n) => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return Math.floor((((t ^ (t >>> 14)) >>> 0) / 4294967296) * n);
  };
}

interface Business {
  number: number;
  exempt?: number;
  /** The minute was marked exempt itself (taken in private on the day). */
  minuteExempt?: number;
  late: boolean;
  version: number;
  /** Every version of its paper so far: an old one must not linger in public either. */
  versions: number[];
}

interface MeetingState {
  date: string;
  held: boolean;
  standing: { title: string; generate?: 'minutes' | 'action-log' | 'attendance' }[];
  business: Business[];
}

type Build = 'full' | 'incremental' | `meeting ${string}`;

const MEETINGS = (): MeetingState[] => [
  { date: '2019-09-17', held: true, standing: [{ title: 'Apologies' }], business: [] },
  { date: '2019-11-26', held: true, standing: [{ title: 'Apologies' }, { title: 'Minutes of the last meeting', generate: 'minutes' }, { title: 'Action log', generate: 'action-log' }], business: [] },
  { date: '2020-01-30', held: false, standing: [{ title: 'Minutes of the last meeting', generate: 'minutes' }, { title: 'Action log', generate: 'action-log' }, { title: 'Attendance and interests', generate: 'attendance' }], business: [] },
];

/** Words planted in one item's papers and minute, unique to it ("kx" + meeting + item + what). */
function word(m: number, b: Business, what: string): string {
  return `kx${m}i${b.number}${what}`;
}

/**
 * The words of an item that must not be published: of an item exempt on the agenda, its papers
 * (every version) and its minute; of one taken in private on the day, its minute only (the papers
 * were published with the agenda). The late items of a held meeting have no minute.
 */
function exemptWordsOf(m: number, meeting: MeetingState, b: Business): string[] {
  const paper = b.exempt ? b.versions.map((v) => word(m, b, `paperv${v}`)) : [];
  const minuted = meeting.held && !b.late && (b.exempt || b.minuteExempt);
  return [...paper, ...(minuted ? ['disc', 'res', 'act', 'actid', 'decl'].map((w) => word(m, b, w)) : [])];
}

async function writeBoard(dir: string, meetings: MeetingState[]): Promise<void> {
  await mkdir(dir, { recursive: true });
  await writeFile(
    join(dir, 'board.yaml'),
    stringify({
      name: 'Corporate Parenting Board',
      council: 'Example County Council',
      membership: [
        { id: 'chair', name: 'Pat Example', title: 'Councillor', role: 'Chair', kind: 'elected' },
        { id: 'officer', name: 'Sam Officer', kind: 'officer', service: 'Children in Care' },
        { id: 'carer', name: 'Kim Carer', kind: 'co-opted', organisation: 'Foster Carers' },
      ],
    }),
  );
  for (const [m, meeting] of meetings.entries()) {
    const folder = join(dir, 'meetings', meeting.date);
    await mkdir(join(folder, 'papers'), { recursive: true });
    const items = [
      ...meeting.standing.map((s) => ({ title: s.title, ...(s.generate ? { papers: [{ title: s.title, generate: s.generate }] } : {}) })),
      ...meeting.business.map((b) => ({
        number: b.number,
        title: `Business ${b.number}`,
        ...(b.exempt ? { exempt: { paragraph: b.exempt } } : {}),
        ...(b.late ? { late: true, urgency: 'The report came after the agenda was published.' } : {}),
        papers: [{ title: `Report on item ${b.number}`, file: `papers/item${b.number}.md` }],
      })),
    ];
    await writeFile(join(folder, 'meeting.yaml'), stringify({ date: meeting.date, time: '18:00', venue: 'County Hall', status: meeting.held ? 'held' : 'planned', items }));
    for (const b of meeting.business) {
      await writeFile(join(folder, `papers/item${b.number}.md`), `# Report\n\nThis report is about ${word(m, b, `paperv${b.version}`)} and the care of children.\n`);
    }
    if (!meeting.held) continue;
    const minuted = meeting.business.filter((b) => !b.late);
    await writeFile(
      join(folder, 'minutes.yaml'),
      stringify({
        present: ['chair', 'officer', 'carer'],
        declarations: [
          { who: 'carer', interest: 'Is a foster carer for the council.' },
          ...minuted.map((b) => ({ who: 'chair', item: b.number, interest: `Knows ${word(m, b, 'decl')}.` })),
        ],
        minutes: [
          ...meeting.standing.map((_, i) => ({ item: i + 1, discussion: 'Noted.' })),
          ...minuted.map((b) => ({
            item: b.number,
            ...(b.minuteExempt ? { exempt: { paragraph: b.minuteExempt } } : {}),
            discussion: `The board discussed ${word(m, b, 'disc')}.`,
            resolved: [`That ${word(m, b, 'res')} be noted.`],
            actions: [{ id: word(m, b, 'actid'), owners: ['officer'], action: `Report back on ${word(m, b, 'act')}.` }],
          })),
        ],
      }),
    );
  }
}

/** What a clerk may do next, as a description and a change to the board's state. */
function nextEdit(pick: (n: number) => number, meetings: MeetingState[]): { what: string; apply: () => void } {
  const all = meetings.flatMap((meeting, m) => meeting.business.map((b) => ({ meeting, m, b })));
  const edits: { what: string; apply: () => void }[] = [];
  const open = all.filter((x) => !x.b.exempt);
  const exempt = all.filter((x) => x.b.exempt);
  const minutable = all.filter((x) => x.meeting.held && !x.b.late && !x.b.minuteExempt);
  if (open.length) {
    const x = open[pick(open.length)]!;
    edits.push({ what: `make item ${x.b.number} of ${x.meeting.date} exempt`, apply: () => (x.b.exempt = 1 + pick(7)) });
  }
  if (exempt.length) {
    const x = exempt[pick(exempt.length)]!;
    edits.push({ what: `make item ${x.b.number} of ${x.meeting.date} public again`, apply: () => delete x.b.exempt });
  }
  if (minutable.length) {
    const x = minutable[pick(minutable.length)]!;
    edits.push({ what: `mark the minute of item ${x.b.number} of ${x.meeting.date} exempt`, apply: () => (x.b.minuteExempt = 1 + pick(7)) });
  }
  if (all.length) {
    const x = all[pick(all.length)]!;
    edits.push({ what: `edit the paper of item ${x.b.number} of ${x.meeting.date}`, apply: () => x.b.versions.push((x.b.version = x.b.versions.length)) });
  }
  const target = meetings[1 + pick(2)]!;
  const exemptLate = pick(2) === 0;
  edits.push({
    what: `add a late${exemptLate ? ', exempt' : ''} paper to ${target.date}`,
    apply: () => {
      const number = target.standing.length + target.business.length + 1;
      target.business.push({ number, late: true, version: 0, versions: [0], ...(exemptLate ? { exempt: 1 } : {}) });
    },
  });
  return edits[pick(edits.length)]!;
}

function exemptWords(meetings: MeetingState[]): string[] {
  return meetings.flatMap((meeting, m) => meeting.business.flatMap((b) => exemptWordsOf(m, meeting, b)));
}

/** The board every sequence starts from: business at each meeting, one item of the first exempt. */
function firstState(): MeetingState[] {
  const meetings = MEETINGS();
  meetings.forEach((meeting, m) => {
    for (let k = 0; k < (m === 0 ? 2 : 1); k++) meeting.business.push({ number: meeting.standing.length + k + 1, late: false, version: 0, versions: [0] });
  });
  meetings[0]!.business[1]!.exempt = 1;
  return meetings;
}

/** A word found where it must not be, after which build, and whether it is in a file the build did not write. */
interface Leak {
  sequence: number;
  step: string;
  file: string;
  word: string;
  /** After `-m D`: in another meeting's files (out/X/…, or their copies on the site), left from an earlier build. */
  leftByMeetingBuild: boolean;
}

describe('exempt words after random edits and builds', () => {
  const leaks: Leak[] = [];
  const log: string[] = [];
  let parent: string;
  let checks = 0;

  beforeAll(async () => {
    parent = await mkdtemp(join(tmpdir(), 'cpb-exempt-seq-'));
    // Every sequence starts from the same board and its first full build, made once.
    const first = join(parent, 'first');
    await writeBoard(first, firstState());
    await runAndCheck(-1, { what: 'first build', build: 'full' }, first, firstState());
    for (let s = 0; s < SEQUENCES; s++) {
      const pick = random(SEED + s);
      const dir = join(parent, `board${s}`);
      await cp(first, dir, { recursive: true });
      const meetings = firstState();
      for (let k = 0; k < STEPS; k++) {
        const edit = nextEdit(pick, meetings);
        const kind = pick(3);
        const build: Build = kind === 0 ? 'full' : kind === 1 ? 'incremental' : `meeting ${meetings[pick(meetings.length)]!.date}`;
        edit.apply();
        await writeBoard(dir, meetings);
        await runAndCheck(s, { what: edit.what, build }, dir, meetings);
      }
    }
  }, 600_000);
  afterAll(() => rm(parent, { recursive: true, force: true }));

  async function runAndCheck(sequence: number, step: { what: string; build: Build }, dir: string, meetings: MeetingState[]): Promise<void> {
    const only = step.build.startsWith('meeting ') ? step.build.slice('meeting '.length) : undefined;
    const args = ['build', dir, ...(step.build === 'full' ? ['--force'] : []), ...(only ? ['-m', only] : [])];
    const label = sequence < 0 ? 'the first full build' : `CPB_EXEMPT_SEED=${SEED}, sequence ${sequence}: ${step.what}, then ${step.build} build`;
    log.push(label);
    const r = await cpb(args, { env: ENV });
    expect(r.code, `${label}\n${r.stderr}`).toBe(0);
    const words = exemptWords(meetings);
    const out = join(dir, 'out');
    const stale: string[] = [];
    const found: { file: string; word: string }[] = [];
    for (const file of await publicFiles(out)) {
      const text = await readableText(join(out, file));
      checks++;
      for (const w of words) if (text.includes(w)) found.push({ file, word: w });
      // Files of meetings a `-m` build did not build, as an earlier build left them.
      const meetingOfFile = /^(?:site\/meetings\/)?(\d{4}-\d{2}-\d{2})\//.exec(file)?.[1];
      const regenerated = /\/(minutes|index)\.html$/.test(file);
      if (only && meetingOfFile && meetingOfFile !== only && !regenerated) stale.push(file);
    }
    const staleWords = new Set(found.filter((f) => stale.includes(f.file)).map((f) => f.word));
    for (const f of found) {
      // The search index is made from the files on the site: a word from a stale file is stale there too.
      const leftByMeetingBuild = stale.includes(f.file) || (f.file === 'site/search-index.js' && staleWords.has(f.word));
      leaks.push({ sequence, step: label, ...f, leftByMeetingBuild });
    }
  }

  it('ran every sequence and looked at every public file after every build', () => {
    expect(log).toHaveLength(SEQUENCES * STEPS + 1);
    expect(checks).toBeGreaterThan((SEQUENCES * STEPS + 1) * 10);
  });

  it('publishes no exempt word after full and incremental builds, nor in what a -m build writes', () => {
    expect(leaks.filter((l) => !l.leftByMeetingBuild), log.join('\n')).toEqual([]);
  });

  // These two depend on the fix (in build.ts / collect.ts) for `-m OTHER` leaving the outputs of
  // meetings it did not build as an earlier build left them: after an item or a minute is made
  // exempt, those may still hold its paper, or minutes, an action log or a register made before.
  it('leaves on the site no exempt word from meetings a -m build did not build (needs the stale -m fix)', () => {
    expect(leaks.filter((l) => l.leftByMeetingBuild && l.file.startsWith('site/')), log.join('\n')).toEqual([]);
  });

  it('leaves in out/DATE/ no exempt word of meetings a -m build did not build (needs the stale -m fix)', () => {
    expect(leaks.filter((l) => l.leftByMeetingBuild && !l.file.startsWith('site/')), log.join('\n')).toEqual([]);
  });
});
