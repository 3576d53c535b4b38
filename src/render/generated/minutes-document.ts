import { longDate } from '../../domain/dates.js';
import type { MinutesDocument } from '../../model/minutes-document.js';
import type { Renderer } from '../renderer.js';
import type { GeneratorContext } from './context.js';
import { minutesHtml } from './minutes-paper.js';

/**
 * A meeting's minutes as a standalone document (templates/documents/minutes.hbs): the minutes as
 * the packs print them, with DRAFT on every page until approved and CONFIDENTIAL on the full copy.
 */
export async function minutesDocumentHtml(ctx: Omit<GeneratorContext, 'audience' | 'renderer'> & { renderer: Renderer }, doc: MinutesDocument): Promise<{ html: string; title: string; warnings: string[] }> {
  const { board } = ctx.model;
  const rendered = await minutesHtml(ctx, doc.record);
  const confidential = doc.audience === 'confidential';
  const draft = doc.record.approvedAt === undefined;
  const title = `${board.name}, ${longDate(ctx.meeting.date, board.dateStyle)}: Minutes${draft ? ' (draft)' : ''}${confidential ? ' (confidential)' : ''}`;
  // Fixed words only: safe to insert as CSS.
  const pageCss = [
    draft ? '@page { @top-center { content: "DRAFT"; font-weight: bold; } }' : '',
    confidential ? '@page { @top-left { content: "CONFIDENTIAL"; font-weight: bold; } }' : '',
  ].filter(Boolean).join('\n');
  const html = await ctx.renderer.render('minutes', {
    lang: 'en-GB',
    council: board.council,
    title,
    heading: `Minutes: ${board.name}, ${longDate(ctx.meeting.date, board.dateStyle)}`,
    confidential,
    pageCss,
    minutes: rendered.html,
  });
  return { html, title, warnings: rendered.warnings };
}
