import type { BoardModel } from '../model/board-model.js';
import type { Meeting } from '../model/meeting.js';
import type { PdfMetadata } from '../print/pdf-metadata.js';

/** The metadata every PDF cpb prints for a meeting carries: its title, the council, the board, the build's date. */
export function documentMetadata(ctx: { model: BoardModel; pdfDate: (meeting: Meeting) => Date }, meeting: Meeting, title: string): PdfMetadata {
  return {
    title,
    author: ctx.model.board.council,
    subject: `Papers of the ${ctx.model.board.name}`,
    language: 'en-GB',
    date: ctx.pdfDate(meeting),
  };
}
