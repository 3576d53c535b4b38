import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { Document, isScalar } from 'yaml';
import { ExitCode, UsageError } from '../../errors.js';
import { displayPathOf } from '../../load/display-path.js';
import { nextMeetingAfter } from '../../domain/meeting-calendar.js';
import { boardCalendar } from '../../model/schedule.js';
import { meetingScaffold } from '../../model/meeting-scaffold.js';
import { minutesTemplate } from '../../model/minutes-template.js';
import type { BoardData, MeetingData } from '../../domain/types.js';
import type { Io } from '../io.js';
import { loadValidBoard } from '../valid-board.js';

export type NewKind = 'minutes' | 'meeting';

/**
 * `cpb new minutes DATE` and `cpb new meeting DATE`: a file for the clerk to fill in, never over
 * one that exists.
 */
export async function newCommand(kind: string, date: string, options: { board: string }, io: Io): Promise<ExitCode> {
  if (kind !== 'minutes' && kind !== 'meeting') {
    throw new UsageError(`cpb new makes minutes or a meeting, not '${kind}'`, { hint: 'cpb new minutes YYYY-MM-DD, or cpb new meeting YYYY-MM-DD' });
  }
  if (kind === 'meeting') return newMeeting(date, options, io);
  const { model } = await loadValidBoard(options.board, io);
  const meeting = model.meetings.find((m) => m.id === date);
  if (!meeting) {
    throw new UsageError(`No meeting ${date} in ${displayPathOf(model.dir)}`, { hint: `Meetings: ${model.meetings.map((m) => m.id).join(', ') || 'none'}.` });
  }
  const path = join(model.dir, 'meetings', date, 'minutes.yaml');
  try {
    await writeFile(path, minutesTemplate(model.board, meeting), { flag: 'wx' });
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'EEXIST') {
      throw new UsageError(`${displayPathOf(path)} already exists`, { file: displayPathOf(path), hint: 'cpb new never overwrites a file; edit it, or move it away first.' });
    }
    throw error;
  }
  io.stderr(`Wrote ${displayPathOf(path)}: fill in attendance, discussion, decisions and actions, then run \`cpb validate\`.\n`);
  io.stdout(`${displayPathOf(path)}\n`);
  return ExitCode.ok;
}

/** `cpb new meeting DATE`: meetings/DATE/meeting.yaml, planned, with the latest meeting's standing items. */
async function newMeeting(date: string, options: { board: string }, io: Io): Promise<ExitCode> {
  if (!isCalendarDate(date)) throw new UsageError(`'${date}' is not a date written YYYY-MM-DD`, { hint: 'e.g. cpb new meeting 2020-03-25' });
  const { loaded, model } = await loadValidBoard(options.board, io);
  const boardData = loaded.board.data as BoardData;
  // The latest meeting before the new one (or, for a board's first date, the latest of all).
  const withAgenda = loaded.meetings.filter((m) => m.meeting && usableDate(m.id));
  const earlier = withAgenda.filter((m) => m.id < date);
  const basis = earlier.length ? earlier : withAgenda;
  const latest = basis.at(-1)?.meeting?.data as MeetingData | undefined;
  const beforeLatest = basis.at(-2)?.id;
  const scheduled = boardData.schedule?.find((s) => s.date === date);
  const next = nextMeetingAfter(boardCalendar(model.meetings, boardData.schedule), date);
  const { meeting, notes } = meetingScaffold(date, latest, scheduled, next, beforeLatest);

  const doc = new Document(meeting, { version: '1.2' });
  const time = doc.get('time', true);
  if (isScalar(time)) time.type = 'QUOTE_DOUBLE';
  const header = [
    `# The meeting of ${date}, planned. Made by \`cpb new meeting\` from the standing items, time and`,
    `# venue of ${latest ? `the meeting of ${latest.date}` : 'no earlier meeting'}. Add the items planned for it: the forward plan lists them.`,
    ...notes.map((n) => `# Check: ${n}`),
  ];
  const text = `${header.join('\n')}\n${doc.toString({ lineWidth: 100 })}`;

  const dir = join(model.dir, 'meetings', date);
  const path = join(dir, 'meeting.yaml');
  await mkdir(dir, { recursive: true });
  try {
    await writeFile(path, text, { flag: 'wx' });
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'EEXIST') {
      throw new UsageError(`${displayPathOf(path)} already exists`, { file: displayPathOf(path), hint: 'cpb new never overwrites a file; edit it, or move it away first.' });
    }
    throw error;
  }
  io.stderr(`Wrote ${displayPathOf(path)}: add the items planned for the meeting, then run \`cpb validate\`.\n`);
  if (scheduled) io.stderr(`The meeting's folder now holds its date: remove ${date} from schedule: in board.yaml.\n`);
  io.stdout(`${displayPathOf(path)}\n`);
  return ExitCode.ok;
}

const usableDate = (id: string) => /^\d{4}-\d{2}-\d{2}$/.test(id);

function isCalendarDate(text: string): boolean {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(text);
  if (!match) return false;
  const [year, month, day] = [Number(match[1]), Number(match[2]), Number(match[3])];
  const d = new Date(Date.UTC(year, month - 1, day));
  return d.getUTCFullYear() === year && d.getUTCMonth() === month - 1 && d.getUTCDate() === day;
}
