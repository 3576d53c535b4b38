import type { BoardModel } from '../../model/board-model.js';
import type { Meeting } from '../../model/meeting.js';
import type { Audience } from '../../model/minutes.js';
import type { Renderer } from '../renderer.js';

/** What a paper made from data may draw on: the whole board, the meeting it goes to, the templates. */
export interface GeneratorContext {
  model: BoardModel;
  meeting: Meeting;
  renderer: Renderer;
  /**
   * Who the paper is for: 'public' for the public and supplementary packs, papers on their own and
   * the website; 'confidential' for the confidential pack. Picks the view of the minutes.
   */
  audience: Audience;
}
