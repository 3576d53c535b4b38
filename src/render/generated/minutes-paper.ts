import { paperMinutes, minutesView } from '../../model/generated-views.js';
import type { MinutesRecord } from '../../model/minutes.js';
import type { PaperContent } from '../paper-content.js';
import type { GeneratorContext } from './context.js';
import { markdownHtml } from './markdown-html.js';

/** The minutes of `meetingId` (by default the last meeting before this one that has minutes). */
export async function minutesPaper(ctx: GeneratorContext, meetingId?: string): Promise<PaperContent> {
  const record = paperMinutes(ctx.model, ctx.meeting, ctx.audience, meetingId);
  const rendered = await minutesHtml(ctx, record);
  return { format: 'html', html: rendered.html, draft: record.approvedAt === undefined, warnings: rendered.warnings };
}

/** The minutes as HTML; `record` is the view (public or confidential) to print, as it is. */
export async function minutesHtml(ctx: Omit<GeneratorContext, 'audience'>, record: MinutesRecord): Promise<{ html: string; warnings: string[] }> {
  const markdown = markdownHtml(ctx.renderer);
  const view = minutesView(ctx.model, record);
  const minutes = view.minutes.map(({ discussion, ...m }) => ({ ...m, discussion: discussion ? markdown.html(discussion) : undefined }));
  return { html: await ctx.renderer.renderFragment('minutes', { ...view, minutes }), warnings: markdown.warnings };
}
