import type { Generator } from '../../model/meeting.js';
import type { PaperContent } from '../paper-content.js';
import { actionLogPaper } from './action-log-paper.js';
import type { GeneratorContext } from './context.js';
import { minutesPaper } from './minutes-paper.js';

/** Makes a paper from the board's data: the one place that knows every kind of generated paper. */
export async function generatedContent(generator: Generator, ctx: GeneratorContext): Promise<PaperContent> {
  switch (generator.kind) {
    case 'minutes':
      return minutesPaper(ctx, generator.meeting);
    case 'action-log':
      return actionLogPaper(ctx);
    case 'plan':
    case 'performance':
      throw new Error(`${generator.kind} papers are not made by this version of cpb`);
  }
}
