import { actionLog } from '../../model/action-log.js';
import { minutesFor } from '../../model/board-model.js';
import { longDate } from '../../model/dates.js';
import type { PaperContent } from '../paper-content.js';
import type { GeneratorContext } from './context.js';
import { plural } from '../../domain/words.js';

const STATUS_WORDS = { open: 'Open', 'on-going': 'On-going', completed: 'Completed' } as const;

/** The action log as it stands for this meeting: every earlier action, with its progress. */
export async function actionLogPaper(ctx: GeneratorContext): Promise<PaperContent> {
  const { board } = ctx.model;
  const log = actionLog(board, minutesFor(ctx.model, ctx.audience), ctx.model.actionUpdates, ctx.meeting.date);
  const short = (iso: string) => iso.split('-').reverse().join('.').replace(/^(\d\d)\.(\d\d)\.\d\d(\d\d)$/, '$1.$2.$3');
  const view = {
    boardName: board.name,
    lastUpdated: log.lastUpdated ? longDate(log.lastUpdated, board.dateStyle) : undefined,
    groups: log.groups.map((g) => ({
      heading: g.heading,
      actions: g.actions.map((a) => ({
        minute: a.minuteNumber,
        exempt: a.exempt,
        itemTitle: a.itemTitle,
        owners: a.owners.join(', '),
        action: a.action,
        due: a.due ? longDate(a.due, board.dateStyle) : undefined,
        updates: a.updates.map((u) => `${short(u.date)}: ${u.text}`),
        status: STATUS_WORDS[a.status],
        statusClass: a.status,
        overdue: a.overdue,
        chase: a.chase,
      })),
    })),
    summary: summary(log.groups.flatMap((g) => g.actions)),
  };
  return { format: 'html', html: await ctx.renderer.renderFragment('action-log', view), warnings: [] };
}

function summary(actions: { overdue: boolean; status: string }[]): string {
  const total = actions.length;
  const open = actions.filter((a) => a.status !== 'completed').length;
  const overdue = actions.filter((a) => a.overdue).length;
  return `${plural(total, 'action')}: ${open} not completed, ${overdue} overdue.`;
}
