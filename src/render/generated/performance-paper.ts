import { basename } from 'node:path';
import { figureTable, financialYearMonths } from '../../load/figure-table.js';
import { performanceReport } from '../../model/performance.js';
import { performanceReportView } from '../../model/performance-view.js';
import { ragScheme } from '../../model/rag-scheme.js';
import type { BoardData, IndicatorsData } from '../../model/types.js';
import { renderMarkdown } from '../markdown.js';
import type { PaperContent } from '../paper-content.js';
import type { GeneratorContext } from './context.js';

/** The performance report of a financial year: headlines, then a table per group of indicators. */
export async function performancePaper(ctx: GeneratorContext, year: string): Promise<PaperContent> {
  const { sources } = ctx.model;
  const figures = sources.figures.find((f) => basename(f.path) === `${year}.csv`);
  // Validation has checked that the figures and their definitions exist; reaching these is a bug.
  if (!figures) throw new Error(`no figures for ${year}`);
  if (!sources.indicators) throw new Error('no performance/indicators.yaml');
  const table = figureTable(figures);
  if (table.startYear === undefined) throw new Error(`cannot tell the financial year of ${figures.displayPath}`);
  const report = performanceReport(sources.indicators.data as IndicatorsData, financialYearMonths(table.startYear), table.cells);
  const view = performanceReportView(report, ragScheme(sources.board.data as BoardData), year);
  const warnings: string[] = [];
  const groups = await Promise.all(
    view.groups.map(async (g) => {
      if (!g.commentary) return g;
      const rendered = await renderMarkdown(g.commentary, { baseDir: ctx.model.dir, boardDir: ctx.model.dir });
      warnings.push(...rendered.warnings);
      return { ...g, commentaryHtml: rendered.html };
    }),
  );
  return { format: 'html', html: await ctx.renderer.renderFragment('performance', { ...view, groups }), warnings };
}
