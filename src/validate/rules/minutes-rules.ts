import type { Problem } from '../../errors.js';
import type { MeetingFolder } from '../../load/board-folder.js';
import type { MeetingData, MinutesData } from '../../domain/types.js';
import { markedActions } from '../../domain/action-marks.js';
import { at, type RuleContext } from './context.js';
import { unknownMember } from './meeting-rules.js';

/**
 * Minutes against the membership and the other meetings' minutes (action ids are kept across
 * all of them in `actionIds`, in meeting order). The agenda is minutesAgendaProblems' business.
 */
export function minutesProblems(folder: MeetingFolder, ctx: RuleContext, actionIds: Map<string, string>): Problem[] {
  const source = folder.minutes;
  if (!source) return [];
  const data = source.data as MinutesData;
  const problems: Problem[] = [];
  if (!folder.meeting) {
    return [
      at(source, [], `minutes for a meeting that has no agenda (no meeting.yaml in meetings/${folder.id})`, 'minutes/no-agenda', {
        hint: 'Write the meeting.yaml for this meeting first; minutes record its agenda items.',
      }),
    ];
  }
  const others = (data.also_present ?? []).map((p) => p.name);
  const memberCheck = (id: string, path: (string | number)[]) => {
    if (!ctx.memberIds.includes(id)) problems.push(unknownMember(source, id, path, ctx.memberIds));
  };
  data.present.forEach((entry, i) => {
    if (typeof entry === 'string') return memberCheck(entry, ['present', i]);
    if (entry.member !== undefined) memberCheck(entry.member, ['present', i, 'member']);
    if (entry.substituting_for !== undefined) memberCheck(entry.substituting_for, ['present', i, 'substituting_for']);
    // A substitute from outside the board is placed in the group of the member they stood in for.
    if (entry.member === undefined && (entry.name === undefined || entry.substituting_for === undefined)) {
      problems.push(at(source, ['present', i], 'someone present is neither a member (member:) nor a substitute (name: and substituting_for:)', 'minutes/present-who', {
        hint: 'Write { member: an-id-from-board-yaml } or { name: County Councillor Pat Jones, substituting_for: member-id }; others go under also_present.',
      }));
    }
  });
  data.apologies?.forEach((who, i) => {
    if (typeof who === 'string') memberCheck(who, ['apologies', i]);
  });
  data.declarations?.forEach((d, i) => memberCheck(d.who, ['declarations', i, 'who']));

  // The agenda's time stands for the start unless the minutes say otherwise.
  const started = data.started ?? (folder.meeting.data as MeetingData | undefined)?.time;
  if (data.finished && started && data.finished <= started) {
    problems.push(at(source, ['finished'], `the meeting finished at ${data.finished}, not after it started (${started})`, 'minutes/finished-before-start', {
      hint: 'Times are 24-hour HH:MM: a meeting that closed at 6.25 pm finished at "18:25".',
    }));
  }

  const seen = new Set<number>();
  data.minutes.forEach((minute, i) => {
    if (seen.has(minute.item)) {
      problems.push(at(source, ['minutes', i, 'item'], `agenda item ${minute.item} is minuted twice`, 'minutes/duplicate-item', {
        hint: 'Put everything about one item under one minute.',
      }));
    }
    seen.add(minute.item);
    const ids = (minute.actions ?? []).map((a) => a.id);
    for (const id of markedActions(minute.discussion ?? '').filter((m) => !ids.includes(m))) {
      problems.push(at(source, ['minutes', i, 'discussion'], `the discussion marks [action: ${id}], but this minute raises no action '${id}'`, 'minutes/unknown-action-mark', {
        hint: ids.length ? `This minute's actions: ${ids.join(', ')}.` : 'Add the action under this minute\'s actions, or remove the mark.',
      }));
    }
    minute.actions?.forEach((action, j) => {
      const raisedIn = actionIds.get(action.id);
      if (raisedIn !== undefined) {
        problems.push(at(source, ['minutes', i, 'actions', j, 'id'], `action id '${action.id}' is already used (${raisedIn})`, 'minutes/duplicate-action-id', {
          hint: 'Each action needs an id of its own across all meetings, as progress is kept against it.',
        }));
      } else {
        actionIds.set(action.id, `in the minutes of ${folder.id}`);
      }
      action.owners.forEach((owner, k) => {
        if (!ctx.memberIds.includes(owner) && !others.includes(owner)) {
          problems.push(unknownMember(source, owner, ['minutes', i, 'actions', j, 'owners', k], ctx.memberIds, others));
        }
      });
    });
  });

  const approves = data.approves_minutes_of;
  if (approves) {
    const earlier = ctx.loaded.meetings.find((m) => m.id === approves);
    if (!earlier?.minutes || approves >= folder.id) {
      problems.push(at(source, ['approves_minutes_of'], `there are no earlier minutes of a meeting on ${approves} to approve`, 'minutes/approves-unknown', {
        hint: 'Give the date of an earlier meeting of this board that has minutes.',
      }));
    }
  }
  return problems;
}

/** Each minute is of an item on the meeting's agenda. Needs the meeting.yaml and the minutes valid. */
export function minutesAgendaProblems(folder: MeetingFolder): Problem[] {
  const { meeting, minutes } = folder;
  if (!meeting || !minutes) return [];
  const itemNumbers = agendaNumbers(meeting.data as MeetingData);
  const problems: Problem[] = [];
  (minutes.data as MinutesData).minutes.forEach((minute, i) => {
    if (!itemNumbers.includes(minute.item)) {
      problems.push(at(minutes, ['minutes', i, 'item'], `the agenda has no item ${minute.item}`, 'minutes/unknown-item', {
        hint: `Items on the agenda: ${itemNumbers.join(', ')}.`,
      }));
    }
  });
  return problems;
}

/** The numbers of a meeting's agenda items, as the agenda numbers them. */
export function agendaNumbers(meeting: MeetingData): number[] {
  let previous = 0;
  return meeting.items.map((item) => (previous = item.number ?? previous + 1));
}
