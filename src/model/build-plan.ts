import { agendaView } from './agenda-view.js';
import type { BoardModel } from './board-model.js';

/** One document to render and print: the unit the build works through. */
export interface PlannedDocument {
  meeting: string;
  /** Template under templates/documents/. */
  template: 'agenda';
  /** Output paths relative to the output folder, without extension. */
  output: string;
  view: object & { title: string };
}

/** The documents a build produces, for the chosen meetings (all when none are named). */
export function buildPlan(model: BoardModel, only?: readonly string[]): PlannedDocument[] {
  const meetings = only?.length ? model.meetings.filter((m) => only.includes(m.id)) : model.meetings;
  return meetings.map((meeting) => ({
    meeting: meeting.id,
    template: 'agenda',
    output: `${meeting.id}/agenda`,
    view: agendaView(model.board, meeting),
  }));
}
