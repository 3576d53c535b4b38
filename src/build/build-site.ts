import type { Renderer } from '../render/renderer.js';
import type { StagedOutput } from '../write/staged-output.js';
import { meetingsToBuild, pdfDateOf, type BuildPlan } from './plan.js';

export interface SiteBuildContext {
  output: StagedOutput;
  renderer: () => Promise<Renderer>;
  warn: (message: string) => void;
}

/** out/site from every meeting's current public outputs; returns the files it wrote. */
export async function buildSite(plan: BuildPlan, ctx: SiteBuildContext): Promise<string[]> {
  const { model } = plan;
  const { output } = ctx;
  const builtIds = new Set(meetingsToBuild(plan).map((m) => m.id));
  const stamp = pdfDateOf(plan);
  const { writeSite } = await import('../write/site/write-site.js');
  const renderer = await ctx.renderer();
  const before = output.written.length;
  await writeSite({ model, renderer, output, built: builtIds, today: plan.today, stamp, warn: ctx.warn });
  return output.written.slice(before);
}
