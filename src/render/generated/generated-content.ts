import type { Generator } from '../../model/meeting.js';
import type { PaperContent } from '../paper-content.js';
import { actionLogPaper } from './action-log-paper.js';
import { attendancePaper, forwardPlanPaper, membershipPaper, schedulePaper, tablePaper, trainingPlanPaper } from './board-papers.js';
import type { GeneratorContext } from './context.js';
import { minutesPaper } from './minutes-paper.js';
import { performancePaper } from './performance-paper.js';
import { planPaper } from './plan-paper.js';

/** Makes a paper from the board's data: the one place that knows every kind of generated paper. */
export async function generatedContent(generator: Generator, ctx: GeneratorContext): Promise<PaperContent> {
  switch (generator.kind) {
    case 'minutes':
      return minutesPaper(ctx, generator.meeting);
    case 'schedule':
      return schedulePaper(ctx, generator.year);
    case 'forward-plan':
      return forwardPlanPaper(ctx);
    case 'training-plan':
      return trainingPlanPaper(ctx);
    case 'membership':
      return membershipPaper(ctx);
    case 'attendance':
      return attendancePaper(ctx, generator.year);
    case 'table':
      return tablePaper(ctx, generator.table);
    case 'action-log':
      return actionLogPaper(ctx);
    case 'plan':
      return planPaper(ctx, generator.plan, generator.show);
    case 'performance':
      return performancePaper(ctx, generator.year);
  }
}
