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
 * Every action raised in minutes of meetings before `asOf`, with the progress recorded up to that
 * date in actions.yaml. Given the public view of the minutes, exempt minutes raise none. Progress is keyed by the action's id, so renumbering or rewording minutes
 * keeps each action's history.
 */
export function actionLog(board: Board, minutes: ReadonlyMap<string, MinutesRecord>, updates: ActionUpdatesData, asOf: string): ActionLog {
  const groups: ActionLog['groups'] = [];
  let lastUpdated: string | undefined;
  for (const record of [...minutes.values()].sort((a, b) => a.meeting.date.localeCompare(b.meeting.date))) {
    if (record.meeting.date >= asOf) continue;
    const actions = record.minutes.flatMap((minute) =>
      minute.actions.map((a): LoggedAction => {
        const progress = updates[a.id];
        const dated = (progress?.updates ?? []).filter((u) => u.date <= asOf).sort((x, y) => x.date.localeCompare(y.date));
        const newest = dated.at(-1)?.date;
        if (newest && (!lastUpdated || newest > lastUpdated)) lastUpdated = newest;
        const status = progress?.status ?? 'open';
        const lastThree = dated.slice(-3);
        return {
          id: a.id,
          meeting: record.meeting.id,
          minuteNumber: minute.number,
          minuteReference: minuteCitation(board, minute.number, record.meeting.date, 'citation'),
          itemTitle: minute.title,
          exempt: minute.exempt !== undefined,
          owners: a.owners,
          action: a.action,
          ...(a.due ? { due: a.due } : {}),
          updates: dated,
          status,
          updated: progress?.status !== undefined || dated.length > 0,
          overdue: a.due !== undefined && a.due < asOf && status !== 'completed',
          chase: lastThree.length === 3 && lastThree.every((u) => UPDATE_REQUESTED.test(u.text)),
        };
      }),
    );
    if (actions.length) {
      groups.push({ meeting: record.meeting.id, heading: `Meeting held on ${longDate(record.meeting.date, board.dateStyle)}`, actions });
    }
  }
  return { asOf, ...(lastUpdated ? { lastUpdated } : {}), groups };
}

/** All actions of a log in one list, for `cpb actions`. */
export function allActions(log: ActionLog): LoggedAction[] {
  return log.groups.flatMap((g) => g.actions);
}
