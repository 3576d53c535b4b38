import type { Problem } from '../../errors.js';
import type { ActionUpdatesData, MinutesData } from '../../model/types.js';
import { didYouMean } from '../did-you-mean.js';
import { at, usable, type RuleContext } from './context.js';

/** Updates against the actions the minutes raised; overdue actions as warnings. */
export function actionsProblems(ctx: RuleContext, actionIds: ReadonlyMap<string, string>): Problem[] {
  const problems: Problem[] = [];
  const source = ctx.loaded.actions;
  const updates = usable(source, ctx) ? (source.data as ActionUpdatesData) : {};
  if (usable(source, ctx)) {
    for (const id of Object.keys(updates)) {
      if (id === '$schema' || actionIds.has(id)) continue;
      const guess = didYouMean(id, [...actionIds.keys()]);
      problems.push(at(source, [id], `no minutes raise an action '${id}'`, 'actions/unknown-action', {
        key: true,
        hint: guess ? `Did you mean '${guess}'?` : 'Progress is keyed by the id given to the action in the minutes.',
      }));
    }
  }
  // With actions.yaml broken, statuses are unknown: better no overdue warnings than false ones.
  if (source && !usable(source, ctx)) return problems;
  for (const folder of ctx.loaded.meetings) {
    const minutes = folder.minutes;
    if (!usable(minutes, ctx)) continue;
    (minutes.data as MinutesData).minutes.forEach((minute, i) =>
      minute.actions?.forEach((action, j) => {
        const status = updates[action.id]?.status ?? 'open';
        if (action.due && action.due < ctx.today && status !== 'completed') {
          problems.push(at(minutes, ['minutes', i, 'actions', j, 'due'], `action '${action.id}' was due on ${action.due} and is not completed`, 'actions/overdue', {
            severity: 'warning',
            hint: 'Record progress or completion in actions.yaml.',
          }));
        }
      }),
    );
  }
  return problems;
}
