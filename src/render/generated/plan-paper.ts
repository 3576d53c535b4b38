import { basename, relative, normalize } from 'node:path';
import type { TableSource } from '../../load/board-folder.js';
import type { YamlSource } from '../../load/source.js';
import { planFromData, planFromRows, titleOfFileName, type Plan } from '../../model/plan.js';
import { planReportView } from '../../model/plan-view.js';
import { ragScheme } from '../../model/rag-scheme.js';
import type { BoardData, PlanData } from '../../model/types.js';
import type { PaperContent } from '../paper-content.js';
import type { GeneratorContext } from './context.js';

/** A delivery plan's report: counts by rating (table and chart), then each objective's actions. */
export async function planPaper(ctx: GeneratorContext, planPath: string, show: 'open' | 'all'): Promise<PaperContent> {
  const { sources } = ctx.model;
  const source = sources.plans.find((p) => relative(sources.dir, p.path) === normalize(planPath));
  // Validation has checked that the plan exists; reaching this is a bug.
  if (!source) throw new Error(`no plan ${planPath} in ${sources.dir}`);
  const scheme = ragScheme(sources.board.data as BoardData);
  const view = planReportView(planOf(source), scheme, { show, asOf: ctx.meeting.date });
  return { format: 'html', html: await ctx.renderer.renderFragment('plan', view), warnings: [] };
}

/** A YAML plan as it is; a CSV plan's rows grouped into the same shape. */
export function planOf(source: YamlSource | TableSource): Plan {
  if ('doc' in source) return planFromData(source.data as PlanData);
  return planFromRows(source.rows.map((r) => r.cells), titleOfFileName(basename(source.path)));
}
