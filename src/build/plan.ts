import type { InputHashes } from '../load/input-hash.js';
import type { BoardModel } from '../model/board-model.js';
import type { Meeting } from '../model/meeting.js';
import { minutesDocuments } from '../model/minutes-document.js';
import { meetingOutputs } from '../model/outputs.js';
import type { CacheSnapshot, CachedUnit } from './cache-snapshot.js';
import { meetingDocuments, type PlannedDocument } from './planned-documents.js';

/** The typed options a plan depends on. */
export interface PlanOptions {
  /** The meetings asked for (-m), by id; every meeting when absent or empty. */
  meetings?: readonly string[];
  /** Build the chosen meetings and the site even when unchanged. */
  force?: boolean;
  /** Whether PDFs are printed: not with --html-only, nor when no browser was found. */
  pdfs: boolean;
  /** SOURCE_DATE_EPOCH, in whole seconds, when set. */
  sourceDateEpoch?: number;
}

/**
 * build: built now. reuse: its files from an earlier build were made from today's inputs and stay.
 * withdraw: not asked for, and built from other inputs than today's (an item made exempt since,
 * say), so its files are taken away until it is built again. absent: not asked for, never built.
 */
export type MeetingAction = 'build' | 'reuse' | 'withdraw' | 'absent';

export interface PlannedMeeting {
  meeting: Meeting;
  /** The fingerprint of the inputs its outputs depend on (the build cache's key). */
  key: string;
  /** Asked for by this build (-m, or every meeting). */
  chosen: boolean;
  action: MeetingAction;
  /** What it produces, with the files this build writes for it when built. */
  documents: PlannedDocument[];
  /** The creation date written into its PDFs. */
  pdfDate: Date;
}

export interface BuildPlan {
  model: BoardModel;
  /** Every meeting on the board, in the board's order. */
  meetings: PlannedMeeting[];
  /** Units of the cache for meetings no longer on the board: their files are removed. */
  removed: string[];
  /** The website: the fingerprint of what it shows, and whether it is written again. */
  site: { key: string; rebuild: boolean };
  /** Whether this build prints PDFs. */
  pdfs: boolean;
  /** The day the build runs, as YYYY-MM-DD. */
  today: string;
  /** --force: nothing is reused, every PDF of the meetings built is printed again. */
  force: boolean;
  /** The PDFs that will be missing once the build is done, by meeting, since it was last built without them. */
  missingPdfs: { meeting: string; files: string[] }[];
}

/**
 * What a build does, decided from values alone: the model, the options, the build cache as it
 * was, the fingerprints of the inputs and today's date. Nothing here reads a file or the clock.
 */
export function planBuild(model: BoardModel, options: PlanOptions, cache: CacheSnapshot, hashes: InputHashes, today: string): BuildPlan {
  const asked = options.meetings?.length ? new Set(options.meetings) : undefined;
  const unknown = [...(asked ?? [])].filter((id) => !model.meetings.some((m) => m.id === id));
  if (unknown.length) throw new Error(`planBuild was given meetings not on the board: ${unknown.join(', ')}`);
  const meetings = model.meetings.map((meeting): PlannedMeeting => {
    const key = `${hashes.shared}:${hashes.meetings.get(meeting.id) ?? ''}`;
    const chosen = asked === undefined || asked.has(meeting.id);
    const documents = meetingDocuments(meeting, options.pdfs, minutesOf(model, meeting));
    return { meeting, key, chosen, action: actionOf(cache.meetings.get(meeting.id), key, chosen, options, documents), documents, pdfDate: pdfDate(meeting, options.sourceDateEpoch) };
  });
  const onBoard = new Set(model.meetings.map((m) => m.id));
  const removed = [...cache.meetings.keys()].filter((unit) => !onBoard.has(unit));
  const siteKey = [hashes.shared, today, ...meetings.map((m) => `${m.meeting.id}:${shownOnSite(m, cache.meetings.get(m.meeting.id), options.pdfs)}`)].join('|');
  const anyBuilt = meetings.some((m) => m.action === 'build');
  const siteFresh = cache.site !== undefined && cache.site.key === siteKey && cache.site.complete;
  return {
    model,
    meetings,
    removed,
    site: { key: siteKey, rebuild: anyBuilt || options.force === true || !siteFresh },
    pdfs: options.pdfs,
    force: options.force === true,
    today,
    missingPdfs: meetings.filter((m) => missesPdfs(m, cache.meetings.get(m.meeting.id), options.pdfs)).map((m) => ({ meeting: m.meeting.id, files: pdfsOf(model, m.meeting) })),
  };
}

function actionOf(cached: CachedUnit | undefined, key: string, chosen: boolean, options: PlanOptions, documents: readonly PlannedDocument[]): MeetingAction {
  if (chosen) {
    // Fresh: same inputs, every file still there, and its PDFs too when this build prints them;
    // and it wrote every document this cpb writes (one from before minutes documents did not).
    const fresh = cached !== undefined && cached.key === key && cached.complete && !(options.pdfs && cached.htmlOnly) && wroteAll(cached, documents);
    return options.force || !fresh ? 'build' : 'reuse';
  }
  if (cached === undefined) return 'absent';
  return cached.key === key ? 'reuse' : 'withdraw';
}

function wroteAll(cached: CachedUnit, documents: readonly PlannedDocument[]): boolean {
  const files = new Set(cached.files);
  return documents.every((d) => d.files.every((f) => files.has(f)));
}

/** What the site shows of a meeting: the inputs its files were built from, with or without PDFs. */
function shownOnSite(m: PlannedMeeting, cached: CachedUnit | undefined, pdfs: boolean): string {
  if (m.action === 'build') return `${m.key}${pdfs ? '' : ':html'}`;
  return cached?.published && m.action !== 'withdraw' ? `${cached.key}${cached.htmlOnly ? ':html' : ''}` : 'none';
}

/** After the build, the meeting's record says it was built without PDFs. */
function missesPdfs(m: PlannedMeeting, cached: CachedUnit | undefined, pdfs: boolean): boolean {
  if (m.action === 'build') return !pdfs;
  return m.action !== 'withdraw' && cached?.htmlOnly === true;
}

function pdfsOf(model: BoardModel, meeting: Meeting): string[] {
  const outputs = meetingOutputs(meeting);
  return [outputs.agenda, ...outputs.packs.map((p) => p.file), ...outputs.papers.map((p) => p.file), ...minutesOf(model, meeting).map((m) => m.file)].map((name) => `${name}.pdf`);
}

/**
 * The meeting's own minutes documents. Their key is the meeting's, and every meeting's key holds
 * every minutes.yaml (hashes.shared): so when a later meeting approves them, this meeting is
 * built again and its minutes say approved.
 */
function minutesOf(model: BoardModel, meeting: Meeting) {
  return minutesDocuments(meeting, { public: model.minutes, confidential: model.confidentialMinutes });
}

/** PDF dates come from SOURCE_DATE_EPOCH when set, else the meeting's date, so rebuilds repeat. */
function pdfDate(meeting: Meeting, epoch: number | undefined): Date {
  return epoch === undefined ? new Date(`${meeting.date}T00:00:00Z`) : new Date(epoch * 1000);
}

/** The meetings built now. */
export function meetingsToBuild(plan: BuildPlan): Meeting[] {
  return plan.meetings.filter((m) => m.action === 'build').map((m) => m.meeting);
}

/** Units whose files go: meetings withdrawn, then meetings no longer on the board. */
export function withdrawnUnits(plan: BuildPlan): string[] {
  return [...plan.meetings.filter((m) => m.action === 'withdraw').map((m) => m.meeting.id), ...plan.removed];
}

/** The date the plan stamps on a meeting's PDFs (and its calendar entry), by meeting. */
export function pdfDateOf(plan: BuildPlan): (meeting: { id: string }) => Date {
  const dates = new Map(plan.meetings.map((m) => [m.meeting.id, m.pdfDate]));
  return (meeting) => dates.get(meeting.id)!;
}
