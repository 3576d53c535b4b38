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
  const exempt = exemptItemsOf(folder);
  data.minutes.forEach((minute, i) => {
    if (seen.has(minute.item)) {
      problems.push(at(source, ['minutes', i, 'item'], `agenda item ${minute.item} is minuted twice`, 'minutes/duplicate-item', {
        hint: 'Put everything about one item under one minute.',
      }));
    }
    seen.add(minute.item);
    const ids = (minute.actions ?? []).map((a) => a.id);
    const inPrivate = exempt.has(minute.item);
    for (const id of markedActions(minute.discussion ?? '').filter((m) => !ids.includes(m))) {
      problems.push(at(source, ['minutes', i, 'discussion'], inPrivate ? `the discussion of the exempt minute of item ${minute.item} marks an action this minute does not raise` : `the discussion marks [action: ${id}], but this minute raises no action '${id}'`, 'minutes/unknown-action-mark', {
        hint: inPrivate ? "Every [action: …] mark names one of this minute's actions by its id." : ids.length ? `This minute's actions: ${ids.join(', ')}.` : 'Add the action under this minute\'s actions, or remove the mark.',
      }));
    }
    minute.actions?.forEach((action, j) => {
      const raisedIn = actionIds.get(action.id);
      if (raisedIn !== undefined) {
        // Either one in private, and the id is not quoted: it names an exempt minute's action.
        const quiet = inPrivate || exemptIds(actionIds).has(action.id);
        const named = inPrivate ? actionNamed(action.id, minute.item, exempt) : `the action of item ${minute.item}`;
        problems.push(at(source, ['minutes', i, 'actions', j, 'id'], `${quiet ? `the id of ${named}` : `action id '${action.id}'`} is already used (${raisedIn})`, 'minutes/duplicate-action-id', {
          hint: 'Each action needs an id of its own across all meetings, as progress is kept against it.',
        }));
      } else {
        actionIds.set(action.id, `in the minutes of ${folder.id}`);
      }
      // Raised in private, here or again: the id is an exempt minute's, and never quoted.
      if (inPrivate) exemptIds(actionIds).add(action.id);
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
/**
 * The items whose minutes are exempt: exempt on the agenda, or minuted as exempt. Messages about
 * them never quote their words (an action's id, a mark in the discussion): messages reach build
 * logs, which are often public. Read with care, as the agenda may not have passed its schema.
 */
export function exemptItemsOf(folder: MeetingFolder): Set<number> {
  const exempt = new Set<number>();
  const items = (folder.meeting?.data as Partial<MeetingData> | undefined)?.items;
  if (Array.isArray(items)) {
    let previous = 0;
    for (const item of items) {
      const number = typeof item?.number === 'number' ? item.number : previous + 1;
      previous = number;
      if (item?.exempt) exempt.add(number);
    }
  }
  for (const minute of (folder.minutes?.data as Partial<MinutesData> | undefined)?.minutes ?? []) if (minute?.exempt) exempt.add(minute.item);
  return exempt;
}

/** The ids in `actionIds` raised by exempt minutes. */
const exemptIdsOf = new WeakMap<Map<string, string>, Set<string>>();
function exemptIds(actionIds: Map<string, string>): Set<string> {
  let ids = exemptIdsOf.get(actionIds);
  if (!ids) exemptIdsOf.set(actionIds, (ids = new Set()));
  return ids;
}

/** How a message names an action: by its id, or for an exempt item's minute by the item alone. */
export function actionNamed(id: string, item: number, exempt: ReadonlySet<number>): string {
  return exempt.has(item) ? `an action of the exempt minute of item ${item}` : `action '${id}'`;
}

export function agendaNumbers(meeting: MeetingData): number[] {
  let previous = 0;
  return meeting.items.map((item) => (previous = item.number ?? previous + 1));
}
