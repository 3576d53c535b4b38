import type { Problem } from '../../errors.js';
import type { MeetingFolder } from '../../load/board-folder.js';
import type { YamlSource } from '../../load/source.js';
import type { MeetingData, TrainingData } from '../../domain/types.js';
import { at, type RuleContext } from './context.js';
import { unknownMember } from './meeting-rules.js';

// The board's own settings for its forward plan and training plan: who drafts go to, deadlines
// typed for one meeting, include_this_meeting, and substitutes at training sessions.

const MEMBER_ID = /^[a-z0-9]+(-[a-z0-9]+)+$/;
const DEADLINE_KEYS = ['draft_to_lead', 'final_to_democratic_services', 'despatch'] as const;

type TypedDeadlinesData = MeetingData['deadlines'];

/** A deadline typed for a meeting falls before it. */
function typedDeadlineProblems(source: YamlSource, date: string, deadlines: TypedDeadlinesData, path: (string | number)[]): Problem[] {
  if (!deadlines) return [];
  return DEADLINE_KEYS.flatMap((key) => {
    const typed = deadlines[key];
    if (!typed || typed < date) return [];
    return [at(source, [...path, key], `the deadline ${typed} is not before the meeting of ${date}`, 'deadlines/not-before-meeting', {
      hint: 'A report deadline is a date before the meeting, YYYY-MM-DD; leave it out to have it counted back from the meeting in working days.',
    })];
  });
}

/** board.yaml: drafts_to names a member when it looks like an id; schedule entries' typed deadlines. */
export function boardDeadlineSettingProblems(ctx: RuleContext): Problem[] {
  const source = ctx.loaded.board;
  const problems: Problem[] = [];
  const draftsTo = ctx.board.deadlines?.drafts_to;
  if (draftsTo && MEMBER_ID.test(draftsTo) && !ctx.memberIds.includes(draftsTo)) {
    problems.push(unknownMember(source, draftsTo, ['deadlines', 'drafts_to'], ctx.memberIds));
  }
  (ctx.board.schedule ?? []).forEach((entry, i) => {
    problems.push(...typedDeadlineProblems(source, entry.date, entry.deadlines, ['schedule', i, 'deadlines']));
  });
  return problems;
}

/** meeting.yaml: typed deadlines before the meeting; include_this_meeting only on a forward plan. */
export function meetingPaperSettingProblems(folder: MeetingFolder): Problem[] {
  const source = folder.meeting;
  if (!source) return [];
  const data = source.data as MeetingData;
  const problems = typedDeadlineProblems(source, data.date, data.deadlines, ['deadlines']);
  data.items.forEach((item, i) => {
    item.papers?.forEach((paper, j) => {
      if (paper.include_this_meeting !== undefined && paper.generate !== 'forward-plan') {
        problems.push(at(source, ['items', i, 'papers', j, 'include_this_meeting'], "'include_this_meeting' belongs to a forward plan (generate: forward-plan)", 'meeting/include-this-meeting-not-forward-plan', {
          hint: 'Remove it, or move it to the forward-plan paper.',
        }));
      }
    });
  });
  return problems;
}

/** training.yaml: a substitute stands in for a member of the board, who did not attend too. */
export function trainingSubstituteProblems(source: YamlSource, ctx: RuleContext): Problem[] {
  const problems: Problem[] = [];
  (source.data as TrainingData).sessions.forEach((session, i) => {
    session.substitutes?.forEach((sub, j) => {
      if (!ctx.memberIds.includes(sub.for)) {
        problems.push(unknownMember(source, sub.for, ['sessions', i, 'substitutes', j, 'for'], ctx.memberIds));
      } else if (session.attended?.includes(sub.for)) {
        problems.push(at(source, ['sessions', i, 'substitutes', j, 'for'], `${sub.name} is recorded as substituting for '${sub.for}', who attended '${session.subject}' too`, 'training/substitute-for-attendee', {
          severity: 'warning',
          hint: 'A substitute takes the place of a member who could not attend; remove one of the two, or correct the id.',
        }));
      }
    });
  });
  return problems;
}
