/** Where a minute's actions print: after its decisions, or inline where its discussion marks them. Pure. */
import { ownerName, type Board, type OwnerStyle } from './board.js';
import { markedActions, replaceMarks } from '../domain/action-marks.js';
import { markdownText } from '../domain/markdown-text.js';
import type { MinuteAction } from './minutes.js';

/** The owners of an action as the minutes print them. */
export function minuteOwners(board: Board, action: MinuteAction, style: OwnerStyle = board.minutesStyle.actionOwners): string {
  return action.ownerIds.map((o) => ownerName(board, o, style)).join(', ');
}

/**
 * The discussion (Markdown) with its action marks placed, and the actions still to print after the
 * decisions. Inline, a marked action becomes "(Action: owner)" in bold where it is marked; otherwise
 * (and for an unmarked action) the marks go and the action prints after the decisions.
 */
export function placeActions(board: Board, discussion: string | undefined, actions: readonly MinuteAction[]): { discussion?: string; after: MinuteAction[] } {
  if (discussion === undefined) return { after: [...actions] };
  const inline = board.minutesStyle.actionPlacement === 'inline';
  const byId = new Map(actions.map((a) => [a.id, a]));
  const marked = new Set(inline ? markedActions(discussion).filter((id) => byId.has(id)) : []);
  return {
    discussion: replaceMarks(discussion, (id) => {
      const action = byId.get(id);
      return inline && action ? `**(Action: ${markdownText(minuteOwners(board, action))})**` : '';
    }),
    after: actions.filter((a) => !marked.has(a.id)),
  };
}
