import { beforeAll, describe, expect, it } from 'vitest';
import type { CacheSnapshot, CachedUnit } from '../../src/build/cache-snapshot.js';
import { meetingsToBuild, planBuild, withdrawnUnits, type PlanOptions } from '../../src/build/plan.js';
import { loadBoardFolder } from '../../src/load/board-folder.js';
import { loadSchedule12A } from '../../src/load/schedule-12a.js';
import { boardModel, type BoardModel } from '../../src/model/board-model.js';

// The plan is pure: a model, a cache written down here, fingerprints and a date are all it takes.
let model: BoardModel;
let ids: string[];
beforeAll(async () => {
  model = boardModel(await loadBoardFolder('examples/lancashire'), { schedule12A: await loadSchedule12A() });
  ids = model.meetings.map((m) => m.id);
});

const hashes = (changed: Record<string, string> = {}) => ({ shared: 'S', meetings: new Map(ids.map((id) => [id, changed[id] ?? `h-${id}`])) });
const keyOf = (id: string) => `S:h-${id}`;
const unit = (key: string, more: Partial<CachedUnit> = {}): CachedUnit => ({ key, files: [`x/${key}.html`], htmlOnly: false, complete: true, published: true, ...more });
/** A cache as the last full build with PDFs left it, site included. */
function builtCache(): { meetings: Map<string, CachedUnit>; site?: CachedUnit } {
  const written = new Map(planBuild(model, { pdfs: true }, { meetings: new Map() }, hashes(), '2019-11-20').meetings.map((m) => [m.meeting.id, m.documents.flatMap((d) => d.files)]));
  const meetings = new Map(ids.map((id) => [id, unit(keyOf(id), { files: written.get(id)! })]));
  const site = planBuild(model, { pdfs: true }, { meetings }, hashes(), '2019-11-20').site.key;
  return { meetings, site: unit(site) };
}
const plan = (options: Partial<PlanOptions>, cache: CacheSnapshot, changed?: Record<string, string>, today = '2019-11-20') =>
  planBuild(model, { pdfs: true, ...options }, cache, hashes(changed), today);
const actions = (p: ReturnType<typeof plan>) => Object.fromEntries(p.meetings.map((m) => [m.meeting.id, m.action]));

describe('planBuild', () => {
  it('builds every meeting and the site into an empty output folder', () => {
    const p = plan({}, { meetings: new Map() });
    expect(meetingsToBuild(p).map((m) => m.id)).toEqual(ids);
    expect(p.meetings.map((m) => m.key)).toEqual(ids.map(keyOf));
    expect(p.site.rebuild).toBe(true);
    expect(withdrawnUnits(p)).toEqual([]);
    expect(p.missingPdfs).toEqual([]);
  });

  it('reuses every meeting and the site when nothing changed', () => {
    const p = plan({}, builtCache());
    expect(new Set(Object.values(actions(p)))).toEqual(new Set(['reuse']));
    expect(p.site.rebuild).toBe(false);
  });

  it('rebuilds the site alone on another day (upcoming and past meetings move)', () => {
    const p = plan({}, builtCache(), {}, '2019-11-27');
    expect(meetingsToBuild(p)).toEqual([]);
    expect(p.site.rebuild).toBe(true);
  });

  it('rebuilds a changed meeting, and a fresh one whose files were deleted, and the site', () => {
    const cache = builtCache();
    cache.meetings.set(ids[0]!, unit(keyOf(ids[0]!), { complete: false }));
    const p = plan({}, cache, { [ids[1]!]: 'edited' });
    expect(meetingsToBuild(p).map((m) => m.id)).toEqual([ids[0], ids[1]]);
    expect(p.site.rebuild).toBe(true);
  });

  it('writes the site again, without a meeting not asked for whose build recorded nothing for the website', () => {
    const cache = builtCache();
    cache.meetings.set(ids[0]!, unit(keyOf(ids[0]!), { published: false }));
    const p = plan({ meetings: [ids[1]!] }, cache);
    expect(actions(p)[ids[0]!]).toBe('reuse');
    expect(p.site.rebuild).toBe(true);
  });

  it("builds again a meeting whose last build wrote no minutes document (an older cpb's), and plans its minutes", () => {
    const cache = builtCache();
    const november = cache.meetings.get('2019-11-26')!;
    cache.meetings.set('2019-11-26', { ...november, files: november.files.filter((f) => !/minutes\.(html|pdf)$/.test(f)) });
    const p = plan({}, cache);
    expect(meetingsToBuild(p).map((m) => m.id)).toEqual(['2019-11-26']);
    const planned = p.meetings.find((m) => m.meeting.id === '2019-11-26')!.documents;
    expect(planned.filter((d) => d.template === 'documents/minutes.hbs').map((d) => [d.kind, d.files])).toEqual([
      ['minutes', ['2019-11-26/minutes.html', '2019-11-26/minutes.pdf']],
      ['confidential minutes', ['2019-11-26/confidential/minutes.html', '2019-11-26/confidential/minutes.pdf']],
    ]);
    // A meeting without minutes plans none.
    expect(p.meetings.find((m) => m.meeting.id === '2020-03-25')!.documents.some((d) => d.template === 'documents/minutes.hbs')).toBe(false);
  });

  it('with --force builds every meeting asked for even when fresh', () => {
    const p = plan({ force: true, meetings: [ids[2]!] }, builtCache());
    expect(meetingsToBuild(p).map((m) => m.id)).toEqual([ids[2]]);
    expect(p.site.rebuild).toBe(true);
  });

  it('withdraws a meeting not asked for that changed since it was built, and removes meetings no longer on the board', () => {
    const cache = builtCache();
    cache.meetings.set('2001-01-01', unit('gone'));
    const p = plan({ meetings: [ids[0]!] }, cache, { [ids[0]!]: 'edited', [ids[1]!]: 'edited' });
    expect(actions(p)[ids[0]!]).toBe('build');
    expect(actions(p)[ids[1]!]).toBe('withdraw');
    expect(actions(p)[ids[2]!]).toBe('reuse');
    expect(p.removed).toEqual(['2001-01-01']);
    expect(withdrawnUnits(p)).toEqual([ids[1], '2001-01-01']);
    // The site no longer shows the withdrawn meeting's documents.
    expect(p.site.key).toContain(`${ids[1]}:none`);
  });

  it('leaves alone a meeting not asked for and never built', () => {
    const p = plan({ meetings: [ids[0]!] }, { meetings: new Map() });
    expect(actions(p)[ids[1]!]).toBe('absent');
    expect(p.meetings.filter((m) => m.chosen).map((m) => m.meeting.id)).toEqual([ids[0]]);
  });

  it('prints again the meetings last built without PDFs once a browser is there, and not otherwise', () => {
    const cache = builtCache();
    // What an --html-only build records: the HTML files alone.
    const files = cache.meetings.get(ids[0]!)!.files.filter((f) => f.endsWith('.html'));
    cache.meetings.set(ids[0]!, unit(keyOf(ids[0]!), { htmlOnly: true, files }));
    expect(meetingsToBuild(plan({ pdfs: true }, cache)).map((m) => m.id)).toEqual([ids[0]]);
    const htmlOnly = plan({ pdfs: false }, cache);
    expect(meetingsToBuild(htmlOnly)).toEqual([]);
    // …and the warning lists that meeting's PDFs, agenda first.
    expect(htmlOnly.missingPdfs.map((m) => m.meeting)).toEqual([ids[0]]);
    expect(htmlOnly.missingPdfs[0]!.files[0]).toBe(`${ids[0]}/agenda.pdf`);
  });

  it('lists the PDFs missing after an --html-only build of changed meetings, but not of meetings withdrawn', () => {
    const cache = builtCache();
    cache.meetings.set(ids[2]!, unit('old', { htmlOnly: true }));
    const p = plan({ pdfs: false, meetings: [ids[0]!] }, cache, { [ids[0]!]: 'edited' });
    expect(actions(p)[ids[2]!]).toBe('withdraw');
    expect(p.missingPdfs.map((m) => m.meeting)).toEqual([ids[0]]);
    expect(p.meetings[0]!.documents.flatMap((d) => d.files).some((f) => f.endsWith('.pdf'))).toBe(false);
  });

  it('stamps PDFs with the meeting date, or SOURCE_DATE_EPOCH when set', () => {
    expect(plan({}, { meetings: new Map() }).meetings[0]!.pdfDate.toISOString()).toBe(`${ids[0]}T00:00:00.000Z`);
    expect(plan({ sourceDateEpoch: 86400 }, { meetings: new Map() }).meetings.map((m) => m.pdfDate.toISOString())).toEqual(ids.map(() => '1970-01-02T00:00:00.000Z'));
  });
});
