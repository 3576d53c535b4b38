import type { Problem } from '../../errors.js';
import { at, type RuleContext } from './context.js';

/**
 * board.yaml's history: earlier meetings come before the folder's first, once each, with minute
 * numbers in order, and each action under one of its meeting's minutes. Action ids go into
 * `actionIds` (shared with the minutes' rule, which runs after) so none is used twice.
 */
export function historyProblems(ctx: RuleContext, actionIds: Map<string, string>): Problem[] {
  const source = ctx.loaded.board;
  const firstFolder = ctx.loaded.meetings.map((m) => m.id).sort()[0];
  const seen = new Set<string>();
  const problems: Problem[] = [];
  (ctx.board.history ?? []).forEach((meeting, i) => {
    if (firstFolder !== undefined && meeting.date >= firstFolder) {
      problems.push(at(source, ['history', i, 'date'], `the earlier meeting of ${meeting.date} is not before the first meeting in meetings/ (${firstFolder})`, 'board/history-order', {
        hint: 'history lists only meetings held before the folder begins; a later meeting needs its own folder in meetings/.',
      }));
    }
    if (seen.has(meeting.date)) {
      problems.push(at(source, ['history', i, 'date'], `the earlier meeting of ${meeting.date} is listed twice`, 'board/history-duplicate', {
        hint: 'List each earlier meeting once, with all the actions it raised.',
      }));
    }
    seen.add(meeting.date);
    const { first, last } = meeting.minutes;
    if (last < first) {
      problems.push(at(source, ['history', i, 'minutes', 'last'], `the earlier meeting of ${meeting.date} ends at minute ${last}, before its first (${first})`, 'board/history-numbers', {
        hint: 'Give the numbers of its first and last minutes, e.g. { first: 50, last: 61 }.',
      }));
    }
    meeting.actions?.forEach((action, j) => {
      if (action.minute < first || action.minute > last) {
        problems.push(at(source, ['history', i, 'actions', j, 'minute'], `minute ${action.minute} is not one of the meeting's minutes (${first} to ${last})`, 'board/history-minute', {
          hint: 'Give the number of the minute that raised the action.',
        }));
      }
      const raisedIn = actionIds.get(action.id);
      if (raisedIn !== undefined) {
        problems.push(at(source, ['history', i, 'actions', j, 'id'], `action id '${action.id}' is already used (${raisedIn})`, 'minutes/duplicate-action-id', {
          hint: 'Each action needs an id of its own across all meetings, as progress is kept against it.',
        }));
      } else {
        actionIds.set(action.id, `in board.yaml's history, ${meeting.date}`);
      }
    });
  });
  return problems;
}
