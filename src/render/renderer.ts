import Handlebars from 'handlebars';
import { TemplateError } from '../errors.js';
import type { ThemeView } from '../model/theme.js';
import { findPartials, findTemplateFile, templateDirs, type TemplateFile } from './template-source.js';

/** Documents cpb renders; each is templates/documents/<name>.hbs. */
export type DocumentName = 'agenda' | 'pack' | 'paper';

/** Pages of the meetings website; each is templates/site/<name>.hbs, laid out with partials/layout.hbs. */
export type SitePageName = 'index' | 'meeting' | 'search' | 'document';

/** Papers made from data; each is templates/fragments/<name>.hbs. */
export type FragmentName =
  | 'minutes'
  | 'action-log'
  | 'plan'
  | 'performance'
  | 'schedule'
  | 'forward-plan'
  | 'training-plan'
  | 'membership'
  | 'attendance'
  | 'table';

/**
 * One Handlebars environment per board: cpb's templates with the board's own overrides on top.
 * Data goes through `{{ }}` and is escaped; only the stylesheet (our own file) is inserted raw.
 */
export class Renderer {
  private readonly compiled = new Map<string, HandlebarsTemplateDelegate>();

  private constructor(
    private readonly hbs: typeof Handlebars,
    private readonly dirs: string[],
    /** Given to every template: the stylesheet, the council's theme and logo. */
    private readonly shared: { css: string; theme?: ThemeView; logo?: string },
  ) {}

  static async create(boardDir?: string, theme?: { view: ThemeView; logo?: string }): Promise<Renderer> {
    const dirs = templateDirs(boardDir);
    const hbs = Handlebars.create();
    for (const partial of await findPartials(dirs)) {
      hbs.registerPartial(partial.name, compile(hbs, partial));
    }
    const css = await findTemplateFile('css/document.css', dirs);
    return new Renderer(hbs, dirs, { css: css?.text ?? '', ...(theme ? { theme: theme.view } : {}), ...(theme?.logo ? { logo: theme.logo } : {}) });
  }

  /** A whole document (templates/documents/NAME.hbs). */
  async render(name: DocumentName, view: object): Promise<string> {
    return this.renderFile(`documents/${name}.hbs`, view);
  }

  /** A page of the meetings website (templates/site/NAME.hbs). */
  async renderSitePage(name: SitePageName, view: object): Promise<string> {
    return this.renderFile(`site/${name}.hbs`, view);
  }

  /** A piece of a paper made from data (templates/fragments/NAME.hbs), to go inside a document. */
  async renderFragment(name: FragmentName, view: object): Promise<string> {
    return this.renderFile(`fragments/${name}.hbs`, view);
  }

  private async renderFile(file: string, view: object): Promise<string> {
    let template = this.compiled.get(file);
    let source: TemplateFile | undefined;
    if (!template) {
      source = await findTemplateFile(file, this.dirs);
      if (!source) throw new TemplateError(`Template ${file} not found`, { hint: 'Reinstall cpb, or add the template to the board\'s templates/ folder.' });
      template = compile(this.hbs, source);
      this.compiled.set(file, template);
    }
    try {
      return template({ ...view, ...this.shared });
    } catch (error) {
      throw templateError(error, source?.path ?? file, 'Cannot render template');
    }
  }
}

/** Parses at once (Handlebars otherwise defers it to the first render), so syntax errors name their file. */
function compile(hbs: typeof Handlebars, file: TemplateFile): HandlebarsTemplateDelegate {
  try {
    hbs.parse(file.text);
    return hbs.compile(file.text, { preventIndent: true });
  } catch (error) {
    throw templateError(error, file.path, 'Cannot compile template');
  }
}

function templateError(error: unknown, path: string, what: string): TemplateError {
  const message = error instanceof Error ? error.message : String(error);
  const line = /line (\d+)/.exec(message)?.[1] ?? (error as { lineNumber?: number }).lineNumber;
  return new TemplateError(`${what} ${path}: ${message.split('\n')[0]}`, {
    file: path,
    ...(line !== undefined ? { line: Number(line) } : {}),
    rule: 'template',
    cause: error,
  });
}
