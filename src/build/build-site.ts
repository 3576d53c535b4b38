import type { MeetingPublished } from '../model/site/published.js';
import type { Renderer } from '../render/renderer.js';
import type { BuildCache } from '../write/build-cache.js';
import { earlierCopy } from '../write/site/site-copies.js';
import type { StagedOutput } from '../write/staged-output.js';
import { meetingsToBuild, pdfDateOf, withdrawnUnits, type BuildPlan } from './plan.js';

export interface SiteBuildContext {
  output: StagedOutput;
  /** The output folder's record as the build began: what earlier builds published. */
  cache: BuildCache;
  renderer: () => Promise<Renderer>;
  /** What each meeting built in this run published, by id. */
  built: ReadonlyMap<string, MeetingPublished>;
  warn: (message: string) => void;
}

/** out/site from every meeting's current public outputs; returns the files it wrote. */
export async function buildSite(plan: BuildPlan, ctx: SiteBuildContext): Promise<string[]> {
  const { model } = plan;
  const { output, cache } = ctx;
  const rebuilt = new Set(meetingsToBuild(plan).map((m) => m.id));
  const gone = new Set(withdrawnUnits(plan));
  // What the site may copy from earlier builds: files of meetings current and not rebuilt now,
  // whose build recorded what it published.
  const current = model.meetings.filter((m) => !rebuilt.has(m.id) && !gone.has(m.id) && cache.entry(m.id)?.published);
  const earlier = new Map(current.map((m) => [m.id, cache.entry(m.id)!.published!]));
  output.markCurrent(current.flatMap((m) => [...cache.entry(m.id)!.files, ...earlier.get(m.id)!.map((f) => earlierCopy(m, f))]));
  const { buildSiteOutputs } = await import('./site-outputs.js');
  const renderer = await ctx.renderer();
  const before = output.written.length;
  await buildSiteOutputs({ model, renderer, output, built: ctx.built, earlier, today: plan.today, stamp: pdfDateOf(plan), warn: ctx.warn });
  return output.written.slice(before);
}
