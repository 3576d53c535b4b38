import { existsSync } from 'node:fs';
import { isAbsolute, relative, resolve } from 'node:path';
import type { Problem } from '../../errors.js';
import type { MeetingFolder } from '../../load/board-folder.js';
import type { MeetingData } from '../../model/types.js';
import { clearWorkingDaysBetween } from '../../model/working-days.js';
import { didYouMean } from '../did-you-mean.js';
import { at, usable, type RuleContext } from './context.js';

/** The clear working days before a meeting by which its agenda must be published (England). */
export const CLEAR_DAYS_REQUIRED = 5;

export function meetingProblems(folder: MeetingFolder, ctx: RuleContext): Problem[] {
  const source = folder.meeting;
  if (!usable(source, ctx)) return [];
  const data = source.data as MeetingData;
  const problems: Problem[] = [];
  const memberProblem = (id: string, path: (string | number)[]) => unknownMember(source, id, path, ctx.memberIds);

  if (folder.id !== data.date) {
    problems.push(
      at(source, ['date'], `date ${data.date} does not match the meeting's folder name '${folder.id}'`, 'meeting/date-folder', {
        hint: `Rename the folder to meetings/${data.date} or correct the date.`,
      }),
    );
  }
  if (data.chair && !ctx.memberIds.includes(data.chair)) problems.push(memberProblem(data.chair, ['chair']));

  const numbers = new Map<number, number>();
  let previous = 0;
  data.items.forEach((item, i) => {
    const number = item.number ?? previous + 1;
    previous = number;
    if (numbers.has(number)) {
      problems.push(
        at(source, ['items', i, ...(item.number ? ['number'] : [])], `item number ${number} is used twice (first by item ${numbers.get(number)! + 1} in the list)`, 'meeting/duplicate-item-number', {
          hint: 'Item numbers follow on from the item before unless given; remove or correct the number.',
        }),
      );
    }
    numbers.set(number, i);
    const member = item.presenter?.member;
    if (member && !ctx.memberIds.includes(member)) problems.push(memberProblem(member, ['items', i, 'presenter', 'member']));
    item.papers?.forEach((paper, j) => {
      const problem = paperFileProblem(paper.file, folder.dir, ctx.loaded.dir);
      if (problem) problems.push(at(source, ['items', i, 'papers', j, 'file'], problem.message, problem.rule, { hint: problem.hint }));
    });
    if (item.shows_next_meeting && !data.next_meeting) {
      problems.push(
        at(source, ['items', i, 'shows_next_meeting'], 'this item shows the next meeting, but the meeting has no next_meeting', 'meeting/next-meeting', {
          hint: 'Add next_meeting with its date and time.',
        }),
      );
    }
    if (item.late && !item.urgency) {
      problems.push(
        at(source, ['items', i, 'late'], `late item '${item.title}' gives no reason for urgency`, 'meeting/late-without-urgency', {
          severity: 'warning',
          hint: 'Add urgency: the reason the chair accepts it as urgent, which the minutes must record.',
        }),
      );
    }
  });

  if (data.published) {
    const clear = clearWorkingDaysBetween(data.published, data.date, ctx.holidays);
    if (clear < CLEAR_DAYS_REQUIRED) {
      problems.push(
        at(source, ['published'], `the agenda is published ${clear} clear working day${clear === 1 ? '' : 's'} before the meeting; at least ${CLEAR_DAYS_REQUIRED} are required`, 'meeting/notice-period', {
          severity: 'warning',
          hint: 'Clear days exclude the day of publication, the day of the meeting, weekends and bank holidays.',
        }),
      );
    }
  }
  return problems;
}

export function unknownMember(
  source: Parameters<typeof at>[0],
  id: string,
  path: (string | number)[],
  memberIds: string[],
  others: string[] = [],
): Problem {
  const guess = didYouMean(id, [...memberIds, ...others]);
  return at(source, path, `'${id}' is not a member in board.yaml${others.length ? ' or a person listed under also_present' : ''}`, 'reference/unknown-person', {
    hint: guess ? `Did you mean '${guess}'?` : 'Add them to the membership in board.yaml, or list them under also_present.',
  });
}

function paperFileProblem(file: string, meetingDir: string, boardDir: string): { message: string; rule: string; hint: string } | undefined {
  const full = resolve(meetingDir, file);
  const rel = relative(boardDir, full);
  if (isAbsolute(file) || rel.startsWith('..') || isAbsolute(rel)) {
    return { message: `paper '${file}' is outside the board folder`, rule: 'meeting/paper-outside', hint: "Keep papers inside the board folder, e.g. in the meeting's papers/ folder." };
  }
  if (!existsSync(full)) {
    return { message: `paper '${file}' does not exist`, rule: 'meeting/paper-missing', hint: 'Paths are relative to the meeting folder.' };
  }
  return undefined;
}
