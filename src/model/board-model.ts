import type { LoadedBoard } from '../load/board-folder.js';
import { withNextMeetings } from './board-calendar.js';
import { buildBoard, type Board } from './board.js';
import { buildMeeting, type Meeting } from './meeting.js';
import { buildMinutes, drawsOnExemptMinutes, type Audience, type MinutesRecord } from './minutes.js';
import type { ActionUpdatesData, BoardData, MeetingData, MinutesData } from './types.js';

export interface BoardModel {
  dir: string;
  board: Board;
  /** In date order. */
  meetings: Meeting[];
  /**
   * Minutes by meeting id, numbered, as the public may see them (exempt minutes by number, title
   * and exemption only). Whatever does not ask for the confidential view gets this one.
   */
  minutes: Map<string, MinutesRecord>;
  /** The same minutes in full, for the confidential pack and the clerk's own commands. */
  confidentialMinutes: Map<string, MinutesRecord>;
  actionUpdates: ActionUpdatesData;
  /** The validated sources, for papers built from plans and figures. */
  sources: LoadedBoard;
}

/** The typed model of a validated board folder; reference data comes in as values. */
export function boardModel(loaded: LoadedBoard, schedule12A: ReadonlyMap<number, string> = new Map()): BoardModel {
  const board = buildBoard(loaded.board.data as BoardData);
  const boardData = loaded.board.data as BoardData;
  // A meeting without next_meeting shows the next one in meetings/ or board.yaml's schedule.
  const meetings = withNextMeetings(
    loaded.meetings
      .flatMap((folder) => (folder.meeting ? [buildMeeting(folder.meeting.data as MeetingData, board, folder.dir, schedule12A)] : []))
      .sort((a, b) => a.date.localeCompare(b.date)),
    boardData.schedule,
  );
  const minutesData = new Map(
    loaded.meetings.flatMap((f) => (f.minutes && f.meeting ? [[f.id, f.minutes.data as MinutesData] as const] : [])),
  );
  const minutes = buildMinutes(
    board,
    meetings,
    minutesData,
    { style: boardData.minutes?.numbering ?? 'per-meeting', first: boardData.minutes?.first_number ?? 1 },
    schedule12A,
  );
  for (const meeting of meetings) if (drawsOnExemptMinutes(meeting, minutes.confidential)) meeting.drawsOnExemptMinutes = true;
  const actionUpdates = (loaded.actions?.data ?? {}) as ActionUpdatesData;
  return { dir: loaded.dir, board, meetings, minutes: minutes.public, confidentialMinutes: minutes.confidential, actionUpdates, sources: loaded };
}

/** The view of the minutes made for `audience`. */
export function minutesFor(model: Pick<BoardModel, 'minutes' | 'confidentialMinutes'>, audience: Audience): Map<string, MinutesRecord> {
  return audience === 'confidential' ? model.confidentialMinutes : model.minutes;
}
