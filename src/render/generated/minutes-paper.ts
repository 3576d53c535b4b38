import { longDate } from '../../model/dates.js';
import { minutesFor } from '../../model/board-model.js';
import { letter, minutesHeading, minutesShown, type MinutesRecord } from '../../model/minutes.js';
import type { PaperContent } from '../paper-content.js';
import { renderMarkdown } from '../markdown.js';
import type { GeneratorContext } from './context.js';

/** The minutes of `meetingId` (by default the last meeting before this one that has minutes). */
export async function minutesPaper(ctx: GeneratorContext, meetingId?: string): Promise<PaperContent> {
  const records = minutesFor(ctx.model, ctx.audience);
  const record = minutesShown(meetingId ? { meeting: meetingId } : {}, ctx.meeting.date, records);
  if (!record) throw new Error(`no minutes of ${meetingId ?? 'an earlier meeting'} to include`);
  const rendered = await minutesHtml(ctx, record);
  return { format: 'html', html: rendered.html, draft: record.approvedAt === undefined, warnings: rendered.warnings };
}

/** The minutes as HTML; `record` is the view (public or confidential) to print, as it is. */
export async function minutesHtml(ctx: Omit<GeneratorContext, 'audience'>, record: MinutesRecord): Promise<{ html: string; warnings: string[] }> {
  const { board } = ctx.model;
  const warnings: string[] = [];
  const markdown = async (text: string | undefined) => {
    if (!text) return undefined;
    const rendered = await renderMarkdown(text, { baseDir: ctx.model.dir, boardDir: ctx.model.dir });
    warnings.push(...rendered.warnings);
    return rendered.html;
  };
  const chair = board.members.find((m) => m.id === record.meeting.chair) ?? board.members.find((m) => /^chair\b/i.test(m.role ?? ''));
  const view = {
    council: board.council,
    boardName: board.name,
    heading: minutesHeading(board, record.meeting),
    draft: record.approvedAt === undefined,
    approvedAt: record.approvedAt ? longDate(record.approvedAt, board.dateStyle) : undefined,
    attendance: record.attendance,
    apologies: record.apologies,
    declarations: record.declarations,
    minutes: await Promise.all(
      record.minutes.map(async (m) => ({
        number: m.number,
        title: m.title,
        ...(m.exempt ? { exempt: m.exempt } : {}),
        withheld: m.withheld === true,
        discussion: await markdown(m.discussion),
        resolved: m.resolved.map((text, i) => ({ text, label: m.resolved.length > 1 ? letter(i) : undefined })),
        severalResolved: m.resolved.length > 1,
        actions: m.actions.map((a) => ({
          action: a.action,
          owners: a.owners.join(', '),
          due: a.due ? longDate(a.due, 'plain') : undefined,
        })),
      })),
    ),
    chair: chair?.fullName,
  };
  return { html: await ctx.renderer.renderFragment('minutes', view), warnings };
}
