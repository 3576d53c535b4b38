import type { Problem } from '../../errors.js';
import { at, type RuleContext } from './context.js';

/** Member ids are how every other file names people, so each must be unique. */
export function duplicateMemberProblems(ctx: RuleContext): Problem[] {
  const seen = new Set<string>();
  const problems: Problem[] = [];
  ctx.board.membership.forEach((m, i) => {
    if (seen.has(m.id)) {
      problems.push(at(ctx.loaded.board, ['membership', i, 'id'], `member id '${m.id}' is used twice`, 'board/duplicate-member', {
        hint: 'Give each person an id of their own, e.g. add a middle initial.',
      }));
    }
    seen.add(m.id);
  });
  return problems;
}
