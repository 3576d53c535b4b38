import type { BrowserSession } from '../print/browser-session.js';
import type { Renderer } from '../render/renderer.js';
import { CACHE_FILE, type BoardRecord, type BuildCache, type CacheUnit } from '../write/build-cache.js';
import { filesToRemove } from '../write/prune-folder.js';
import type { MeetingPublished, PublishedFile } from '../model/site/published.js';
import { SITE_UNIT } from '../write/site/site-folder.js';
import type { StagedOutput } from '../write/staged-output.js';
import { PrintReuse } from '../write/print-reuse.js';
import { printerIdentity } from '../print/print-key.js';
import { buildSite } from './build-site.js';
import { pdfDateOf, withdrawnUnits, type BuildPlan } from './plan.js';

export interface RunContext {
  /** Where the outputs are staged until the commit. */
  output: StagedOutput;
  /** The output folder's record; updated and written with the commit. */
  cache: BuildCache;
  /** Prints the PDFs; absent when the plan prints none. */
  browser?: BrowserSession;
  /** The build's Renderer, made when first needed (see lazyRenderer). */
  renderer: () => Promise<Renderer>;
  /** A step of one meeting's build: `step` is "[2/5] 2019-11-26". */
  progress: (step: string, message: string) => void;
  warn: (message: string) => void;
  /** The meetings are built, and with them every print (a progress line redrawn in place can be cleared, the browser closed). */
  meetingsDone?: () => void;
  /** Throws when the build must stop (a signal came): called before the commit. */
  check?: () => void;
  /**
   * Set when the plan is of the whole board and makes every output asked for: its key and how
   * many warnings it gave, recorded (see BoardRecord) so a rebuild with nothing changed need not read the board.
   */
  board?: Pick<BoardRecord, 'key' | 'warnings'>;
  /** Keeps the HTML of every document printed, by output name (set for the benchmark). */
  keepPrintedHtml?: (name: string, html: string) => Promise<void>;
}

/** What a meeting's last build published, for the words of its supplied PDFs (none with --force). */
function earlierOf(unit: CacheUnit | undefined, force: boolean): { earlier?: { files: readonly PublishedFile[]; supplied: Readonly<Record<string, string>> } } {
  if (force || !unit?.published || !unit.supplied) return {};
  return { earlier: { files: unit.published, supplied: unit.supplied } };
}

/** Carries out a plan: builds its meetings and the site into staged output, then commits them with the cache. */
export async function runBuild(plan: BuildPlan, ctx: RunContext): Promise<{ placed: string[] }> {
  const { output, cache } = ctx;
  if (plan.pdfs && !ctx.browser) throw new Error('runBuild: the plan prints PDFs and was given no browser');
  const toBuild = plan.meetings.filter((m) => m.action === 'build');
  const built: { id: string; key: string; files: string[]; published: MeetingPublished; prints?: PrintReuse }[] = [];
  if (toBuild.length) {
    if (plan.pdfs) ctx.browser!.warmUp();
    // Imported here: a build with nothing to build never loads the rendering and printing libraries.
    const { buildMeetingOutputs } = await import('./build-meeting.js');
    const renderer = await ctx.renderer();
    const pdfDate = pdfDateOf(plan);
    const printer = ctx.browser && plan.pdfs ? await printerIdentity((await ctx.browser.locate()).path) : undefined;
    for (const [index, planned] of toBuild.entries()) {
      const before = output.written.length;
      const step = `[${index + 1}/${toBuild.length}] ${planned.meeting.id}`;
      // A PDF whose print would be the same as last time's is kept (one paper edited: only it is printed).
      const prints = printer === undefined ? undefined : new PrintReuse(output.outDir, cache.entry(planned.meeting.id)?.prints ?? {}, plan.force);
      const { published } = await buildMeetingOutputs(
        {
          model: plan.model,
          renderer,
          output,
          ...(plan.pdfs ? { browser: ctx.browser! } : {}),
          pdfDate,
          progress: (message) => ctx.progress(step, message),
          warn: ctx.warn,
          ...(ctx.keepPrintedHtml ? { keepPrintedHtml: ctx.keepPrintedHtml } : {}),
          ...(prints ? { prints: { reuse: prints, printer: printer! } } : {}),
          ...earlierOf(cache.entry(planned.meeting.id), plan.force),
        },
        planned.meeting,
      );
      built.push({ id: planned.meeting.id, key: planned.key, files: output.written.slice(before), published, ...(prints ? { prints } : {}) });
    }
    ctx.meetingsDone?.();
  }
  const withdrawn = withdrawnUnits(plan);
  const siteFiles = plan.site.rebuild
    ? await buildSite(plan, { output, cache, renderer: ctx.renderer, built: new Map(built.map((b) => [b.id, b.published])), warn: ctx.warn })
    : undefined;
  ctx.check?.();

  const replaced = [...built.map((b) => b.id), ...withdrawn, ...(siteFiles ? [SITE_UNIT] : [])];
  const remove = filesToRemove(cache, replaced, output.written);
  for (const b of built) {
    const supplied = Object.fromEntries([...b.published.suppliedSha256].sort(([x], [y]) => (x < y ? -1 : x > y ? 1 : 0)));
    cache.record(b.id, b.key, b.files, { htmlOnly: !plan.pdfs, published: b.published.files, ...(b.prints ? { prints: b.prints.recorded } : {}), supplied });
  }
  for (const unit of withdrawn) cache.forget(unit);
  if (siteFiles) cache.record(SITE_UNIT, plan.site.key, siteFiles);
  // Every meeting is now built or kept as asked, so the next build with these inputs keeps them all.
  cache.recordBoard(ctx.board ? { ...ctx.board, missingPdfs: plan.missingPdfs } : undefined);
  const placed = await output.commit({ remove, record: { name: CACHE_FILE, data: cache.serialize() } });
  return { placed };
}
