import type { BoardModel } from '../../model/board-model.js';
import type { Meeting } from '../../model/meeting.js';
import type { Renderer } from '../renderer.js';

/** What a paper made from data may draw on: the whole board, the meeting it goes to, the templates. */
export interface GeneratorContext {
  model: BoardModel;
  meeting: Meeting;
  renderer: Renderer;
}
