import { ExitCode } from '../../errors.js';
import { actionLog, allActions, type LoggedAction } from '../../model/action-log.js';
import type { Io } from '../io.js';
import { loadValidBoard } from '../valid-board.js';
import { plural } from '../../domain/words.js';
import { minuteInText } from '../../domain/minute-marks.js';

export interface ActionsOptions {
  overdue?: boolean;
  owner?: string;
  format: 'human' | 'json';
}

/** `cpb actions`: every action raised in minutes, as of today, with filters. */
export async function actionsCommand(boardArg: string, options: ActionsOptions, io: Io): Promise<ExitCode> {
  const { model, context } = await loadValidBoard(boardArg, io);
  // The log as of tomorrow, so actions raised at a meeting held today are included. The clerk's
  // own list: it has the actions of exempt minutes too.
  const log = actionLog(model.board, model.confidentialMinutes, model.actionUpdates, nextDay(context.today));
  const owner = options.owner?.toLowerCase();
  const ownerIds = owner ? model.board.members.filter((m) => m.id === owner || m.fullName.toLowerCase().includes(owner)).map((m) => m.fullName) : [];
  const actions = allActions(log)
    .map((a) => ({ ...a, overdue: a.due !== undefined && a.due < context.today && a.status !== 'completed' }))
    .filter((a) => !options.overdue || a.overdue)
    .filter((a) => !owner || a.owners.some((o) => o.toLowerCase().includes(owner) || ownerIds.includes(o)));

  if (options.format === 'json') {
    io.stdout(`${JSON.stringify({ asOf: context.today, actions }, null, 2)}\n`);
  } else {
    for (const a of actions) io.stdout(line(a, io));
    io.stderr(`${plural(actions.length, 'action')}${options.overdue ? ' overdue' : ''} as of ${context.today}\n`);
  }
  return ExitCode.ok;
}

function line(a: LoggedAction, io: Io): string {
  const c = io.color;
  const flags = [a.exempt ? c.bold('EXEMPT (not for publication)') : '', a.overdue ? c.red('OVERDUE') : '', a.chase ? c.yellow('UPDATE REQUESTED x3') : ''].filter(Boolean).join(' ');
  const last = a.updates.at(-1);
  return [
    `${c.bold(a.id)}  ${a.status}${flags ? `  ${flags}` : ''}`,
    `  ${a.action}`,
    `  owner: ${a.owners.join(', ')}${a.due ? `; due ${a.due}` : ''}; raised ${a.meeting}, ${minuteInText(a.minuteReference, false)} (${a.itemTitle})`,
    ...(last ? [`  last update ${last.date}: ${last.text}`] : []),
    '',
  ].join('\n') + '\n';
}

function nextDay(iso: string): string {
  const d = new Date(`${iso}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + 1);
  return d.toISOString().slice(0, 10);
}
