import type { LoadedBoard } from '../load/board-folder.js';
import { buildBoard, type Board } from './board.js';
import { buildMeeting, type Meeting } from './meeting.js';
import type { BoardData, MeetingData } from './types.js';

export interface BoardModel {
  dir: string;
  board: Board;
  /** In date order. */
  meetings: Meeting[];
}

/** The typed model of a validated board folder; reference data comes in as values. */
export function boardModel(loaded: LoadedBoard, schedule12A: ReadonlyMap<number, string> = new Map()): BoardModel {
  const board = buildBoard(loaded.board.data as BoardData);
  const meetings = loaded.meetings
    .flatMap((folder) => (folder.meeting ? [buildMeeting(folder.meeting.data as MeetingData, board, folder.dir, schedule12A)] : []))
    .sort((a, b) => a.date.localeCompare(b.date));
  return { dir: loaded.dir, board, meetings };
}
