import type { Problem } from '../../errors.js';
import type { MeetingFolder } from '../../load/board-folder.js';
import type { YamlSource } from '../../load/source.js';
import type { ActionUpdatesData, MinutesData } from '../../domain/types.js';
import { didYouMean } from '../did-you-mean.js';
import { actionNamed, exemptItemsOf } from './minutes-rules.js';
import { at, type RuleContext } from './context.js';

/**
 * Progress in actions.yaml is kept against actions the minutes raised. Needs every minutes file
 * read and valid: with one broken, its actions are unknown and every update to them would look
 * like a stray.
 */
export function unknownActionProblems(actions: YamlSource, ctx: RuleContext): Problem[] {
  const raised = new Set([
    ...ctx.loaded.meetings.flatMap((m) => ((m.minutes?.data as MinutesData | undefined)?.minutes ?? []).flatMap((minute) => (minute.actions ?? []).map((a) => a.id))),
    ...(ctx.board.history ?? []).flatMap((m) => (m.actions ?? []).map((a) => a.id)),
  ]);
  const problems: Problem[] = [];
  for (const id of Object.keys(actions.data as ActionUpdatesData)) {
    if (id === '$schema' || raised.has(id)) continue;
    const guess = didYouMean(id, [...raised]);
    problems.push(at(actions, [id], `no minutes (nor board.yaml's history) raise an action '${id}'`, 'actions/unknown-action', {
      key: true,
      hint: guess ? `Did you mean '${guess}'?` : 'Progress is keyed by the id given to the action in the minutes.',
    }));
  }
  return problems;
}

/** Actions of one meeting's minutes past their due date and not completed, as warnings. Needs actions.yaml (when there is one) valid. */
export function overdueActionProblems(folder: MeetingFolder, ctx: RuleContext): Problem[] {
  const minutes = folder.minutes;
  if (!minutes) return [];
  const updates = (ctx.loaded.actions?.data as ActionUpdatesData | undefined) ?? {};
  const problems: Problem[] = [];
  const exempt = exemptItemsOf(folder);
  (minutes.data as MinutesData).minutes.forEach((minute, i) =>
    minute.actions?.forEach((action, j) => {
      const status = updates[action.id]?.status ?? 'open';
      if (action.due && action.due < ctx.today && status !== 'completed') {
        problems.push(at(minutes, ['minutes', i, 'actions', j, 'due'], `${actionNamed(action.id, minute.item, exempt)} was due on ${action.due} and is not completed`, 'actions/overdue', {
          severity: 'warning',
          hint: exempt.has(minute.item) ? 'Record progress or completion in actions.yaml (`cpb actions` lists it, with its id).' : 'Record progress or completion in actions.yaml.',
        }));
      }
    }),
  );
  return problems;
}
