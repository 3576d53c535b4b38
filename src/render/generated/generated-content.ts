import { generatedView } from '../../model/generated-views.js';
import type { Generator } from '../../model/meeting.js';
import type { PaperContent } from '../paper-content.js';
import type { GeneratorContext } from './context.js';
import { markdownHtml } from './markdown-html.js';
import { minutesHtml } from './minutes-paper.js';

/**
 * Makes a paper from the board's data: the model says what it shows (model/generated-views.ts);
 * this turns that view into HTML with its template, and its Markdown into HTML.
 */
export async function generatedContent(generator: Generator, ctx: GeneratorContext): Promise<PaperContent> {
  const view = generatedView(ctx.model, ctx.meeting, generator, ctx.audience);
  const fragment = async (html: Promise<string>, warnings: string[] = []): Promise<PaperContent> => ({ format: 'html', html: await html, warnings });
  const { renderer } = ctx;
  const markdown = markdownHtml(renderer);
  switch (view.kind) {
    case 'minutes': {
      const rendered = await minutesHtml(ctx, view.record);
      return { format: 'html', html: rendered.html, draft: view.record.approvedAt === undefined, warnings: rendered.warnings };
    }
    case 'membership': {
      const terms = view.termsOfReference !== undefined ? markdown.html(view.termsOfReference) : undefined;
      return fragment(renderer.renderFragment('membership', { ...view.view, ...(terms !== undefined ? { termsOfReference: terms } : {}) }), markdown.warnings);
    }
    case 'plan': {
      // An action whose text holds a list keeps it, nested levels too, as Markdown renders it.
      const objectives = view.view.objectives.map((o) => ({
        ...o,
        groups: o.groups.map((g) => ({ ...g, actions: g.actions.map((a) => (a.hasList ? { ...a, actionHtml: markdown.html(a.action) } : a)) })),
      }));
      return fragment(renderer.renderFragment('plan', { ...view.view, objectives }), markdown.warnings);
    }
    case 'table': {
      const notes = view.notes ? markdown.html(view.notes) : undefined;
      return fragment(renderer.renderFragment('table', { ...view.view, ...(notes !== undefined ? { notes } : {}) }), markdown.warnings);
    }
    case 'performance': {
      const groups = view.view.groups.map((g) => (g.commentary ? { ...g, commentaryHtml: markdown.html(g.commentary) } : g));
      return fragment(renderer.renderFragment('performance', { ...view.view, groups }), markdown.warnings);
    }
    case 'training-plan': {
      const intro = view.view.intro !== undefined ? markdown.html(view.view.intro) : undefined;
      return fragment(renderer.renderFragment('training-plan', { ...view.view, ...(intro !== undefined ? { introHtml: intro } : {}) }), markdown.warnings);
    }
    default:
      return fragment(renderer.renderFragment(view.kind, view.view));
  }
}
