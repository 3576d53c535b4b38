import type { Board } from './board.js';
import { longDate } from '../domain/dates.js';
import { minuteCitation, type MinutesRecord } from './minutes.js';
import type { ActionStatus, ActionUpdatesData } from '../domain/types.js';

export interface LoggedAction {
  id: string;
  meeting: string;
  minuteNumber: number;
  /** The minute as the board cites it ("62", "CPB/19/12"). */
  minuteReference: string;
  itemTitle: string;
  /** Raised under an exempt minute: only the confidential view of the minutes has it. */
  exempt: boolean;
  owners: string[];
  /** As the minutes give them: member ids, or names of others. */
  ownerIds: string[];
  action: string;
  due?: string;
  updates: { date: string; text: string }[];
  status: ActionStatus;
  /** actions.yaml gives it a status or an update by the log's date; without either nobody has reported on it yet. */
  updated: boolean;
  /** Due before the date the log is for, and not completed. */
  overdue: boolean;
  /** The last three updates all asked for an update: the board should chase it. */
  chase: boolean;
}

export interface ActionLog {
  /** The date the log is drawn up for (the meeting it goes to, or today). */
  asOf: string;
  /** The newest update's date. */
  lastUpdated?: string;
  groups: { meeting: string; heading: string; actions: LoggedAction[] }[];
}

const UPDATE_REQUESTED = /update requested/i;

/**
 * Every action raised in minutes of meetings before `asOf`, and by the earlier meetings board.yaml
 * lists under history, with the progress recorded up to that date in actions.yaml. Given the public view of the minutes, exempt minutes raise none. Progress is keyed by the action's id, so renumbering or rewording minutes
 * keeps each action's history.
 */
export function actionLog(board: Board, minutes: ReadonlyMap<string, MinutesRecord>, updates: ActionUpdatesData, asOf: string): ActionLog {
  const groups: ActionLog['groups'] = [];
  const logged = (a: RaisedAction, meeting: { id: string; date: string }, minute: { number: number; title: string; exempt: boolean }): LoggedAction => {
    const progress = updates[a.id];
    const dated = (progress?.updates ?? []).filter((u) => u.date <= asOf).sort((x, y) => x.date.localeCompare(y.date));
    const status = progress?.status ?? 'open';
    const lastThree = dated.slice(-3);
    return {
      id: a.id,
      meeting: meeting.id,
      minuteNumber: minute.number,
      minuteReference: minuteCitation(board, minute.number, meeting.date, 'citation'),
      itemTitle: minute.title,
      exempt: minute.exempt,
      owners: a.owners,
      ownerIds: a.ownerIds,
      action: a.action,
      ...(a.due ? { due: a.due } : {}),
      updates: dated,
      status,
      updated: progress?.status !== undefined || dated.length > 0,
      overdue: a.due !== undefined && a.due < asOf && status !== 'completed',
      chase: lastThree.length === 3 && lastThree.every((u) => UPDATE_REQUESTED.test(u.text)),
    };
  };
  const group = (meeting: { id: string; date: string }, actions: LoggedAction[]) => {
    if (actions.length) groups.push({ meeting: meeting.id, heading: `Meeting held on ${longDate(meeting.date, board.dateStyle)}`, actions });
  };
  // Meetings before the folder begins come first: they carry only their actions.
  for (const earlier of board.history) {
    if (earlier.date >= asOf) continue;
    group({ id: earlier.date, date: earlier.date }, earlier.actions.map((a) => logged(a, { id: earlier.date, date: earlier.date }, { number: a.minute, title: a.item, exempt: false })));
  }
  for (const record of [...minutes.values()].sort((a, b) => a.meeting.date.localeCompare(b.meeting.date))) {
    if (record.meeting.date >= asOf) continue;
    group(
      record.meeting,
      record.minutes.flatMap((minute) => minute.actions.map((a) => logged(a, record.meeting, { number: minute.number, title: minute.title, exempt: minute.exempt !== undefined }))),
    );
  }
  const newest = groups.flatMap((g) => g.actions.flatMap((a) => a.updates.map((u) => u.date))).sort().at(-1);
  return { asOf, ...(newest ? { lastUpdated: newest } : {}), groups };
}

type RaisedAction = { id: string; owners: string[]; ownerIds: string[]; action: string; due?: string };

/** All actions of a log in one list, for `cpb actions`. */
export function allActions(log: ActionLog): LoggedAction[] {
  return log.groups.flatMap((g) => g.actions);
}
