import { existsSync } from 'node:fs';
import { isAbsolute, normalize, relative, resolve } from 'node:path';
import { figuresOfYear } from '../../load/figure-table.js';
import type { Problem } from '../../errors.js';
import type { MeetingFolder } from '../../load/board-folder.js';
import type { MeetingData, PaperData } from '../../domain/types.js';
import { clearWorkingDaysBetween } from '../../domain/working-days.js';
import { didYouMean } from '../did-you-mean.js';
import { boardPaperProblem, hasLaterMeeting } from './board-paper-sources.js';
import { at, type RuleContext } from './context.js';
import { plural } from '../../domain/words.js';

/** The clear working days before a meeting by which its agenda must be published (England). */
export const CLEAR_DAYS_REQUIRED = 5;

export function meetingProblems(folder: MeetingFolder, ctx: RuleContext): Problem[] {
  const source = folder.meeting;
  if (!source) return [];
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
      if (paper.last_updated !== undefined && paper.generate !== 'action-log') {
        problems.push(at(source, ['items', i, 'papers', j, 'last_updated'], "'last_updated' belongs to an action log (generate: action-log)", 'meeting/last-updated-not-action-log', { hint: 'Remove it, or move it to the action-log paper.' }));
      }
      const problem = paper.file !== undefined ? paperFileProblem(paper.file, folder.dir, ctx.loaded.dir) : generatedPaperProblem(paper, folder.id, ctx);
      if (problem) {
        const field = paper.file !== undefined ? 'file' : (problem.field ?? 'generate');
        problems.push(at(source, ['items', i, 'papers', j, field], problem.message, problem.rule, { hint: problem.hint }));
      }
    });
    if (item.shows_next_meeting && !data.next_meeting && !hasLaterMeeting(folder.id, ctx)) {
      problems.push(
        at(source, ['items', i, 'shows_next_meeting'], 'this item shows the next meeting, but the meeting has no next_meeting', 'meeting/next-meeting', {
          hint: "Add next_meeting with its date and time, or the next meeting itself: its folder (cpb new meeting DATE) or an entry in board.yaml's schedule.",
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
        at(source, ['published'], `the agenda is published ${plural(clear, 'clear working day')} before the meeting; at least ${CLEAR_DAYS_REQUIRED} are required`, 'meeting/notice-period', {
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

interface PaperProblem {
  message: string;
  rule: string;
  hint: string;
  /** The paper's field to point at, when not the file or the generate field. */
  field?: string;
}

/** A generated paper needs its data: minutes to show, a plan or figures file to report on. */
function generatedPaperProblem(paper: PaperData, meetingId: string, ctx: RuleContext): PaperProblem | undefined {
  const boardPaper = boardPaperProblem(paper, ctx);
  if (boardPaper) return boardPaper;
  if (paper.generate === 'minutes') {
    const withMinutes = ctx.loaded.meetings.filter((m) => m.minutes && m.id < meetingId).map((m) => m.id);
    const target = paper.meeting ?? withMinutes.at(-1);
    if (!target || !ctx.loaded.meetings.some((m) => m.id === target && m.minutes)) {
      return {
        message: target ? `there are no minutes of a meeting on ${target}` : 'there is no earlier meeting with minutes to include',
        rule: 'meeting/no-minutes',
        hint: 'Write meetings/DATE/minutes.yaml for that meeting, or name the meeting with `meeting:`.',
        ...(paper.meeting ? { field: 'meeting' } : {}),
      };
    }
  }
  if (paper.generate === 'plan') {
    if (!paper.plan) return { message: "a plan paper needs 'plan', the plan's file", rule: 'meeting/plan-missing', hint: 'e.g. plan: plans/delivery-plan.yaml' };
    if (!ctx.loaded.plans.some((p) => relative(ctx.loaded.dir, p.path) === normalize(paper.plan!))) {
      return { message: `there is no plan ${paper.plan}`, rule: 'meeting/plan-missing', hint: 'Plans are files in the board\'s plans/ folder, e.g. plans/delivery-plan.yaml.', field: 'plan' };
    }
  }
  if (paper.generate === 'performance') {
    if (!paper.year || !figuresOfYear(ctx.loaded.figures, String(paper.year))) {
      return { message: `there are no figures for ${paper.year ?? 'the year'} (performance/${paper.year ?? 'YYYY-YY'}.csv or .xlsx)`, rule: 'meeting/figures-missing', hint: 'Give year: as the figures file is named, e.g. 2019-20.', field: 'year' };
    }
  }
  return undefined;
}

function paperFileProblem(file: string, meetingDir: string, boardDir: string): PaperProblem | undefined {
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
