import { isAbsolute, relative, sep } from 'node:path';
import Handlebars from 'handlebars';
import { ExitCode, TemplateError } from '../errors.js';
import type { ImageFiles, RenderFiles, TemplateFile, TemplateSet } from '../domain/loaded-files.js';
import type { GeneratorKind } from '../domain/types.js';
import type { ThemeView } from '../model/theme.js';
import { TEMPLATES_DIR } from '../package-root.js';
import { renderFault, syntaxFault, type TemplateFault } from './template-fault.js';
import { themeAssets } from './theme-assets.js';

/** Documents cpb renders; each is templates/documents/<name>.hbs. */
export type DocumentName = 'agenda' | 'pack' | 'front-sheet' | 'pack-body' | 'paper' | 'minutes' | 'stamps';

/** Pages of the meetings website; each is templates/site/<name>.hbs, laid out with partials/layout.hbs. */
export type SitePageName = 'index' | 'meeting' | 'search' | 'document' | 'council' | 'council-committee' | 'council-search';

/** Papers made from data (each kind a meeting.yaml paper may `generate`); each is templates/fragments/<name>.hbs. */
export type FragmentName = GeneratorKind;

type Delegate = HandlebarsTemplateDelegate;
type CallOptions = { fn?: unknown; data?: Record<string, unknown> } | undefined;

/** A helper call that named no helper, with the line Handlebars gave it. */
class MissingHelper extends Error {
  constructor(name: string, readonly line: number | undefined) {
    super(`Missing helper: "${name}"`);
  }
}

/**
 * One Handlebars environment per board: cpb's templates with the board's own overrides on top.
 * Data goes through `{{ }}` and is escaped; only the stylesheet (our own file) is inserted raw.
 * Every template and partial runs guarded, so an error names the template it arose in (the
 * innermost one) and its line where Handlebars or the template's text tells it.
 */
export class Renderer {
  private readonly compiled = new Map<string, Delegate>();
  /** The templates being filled in, innermost last (rendering is synchronous). */
  private readonly running: TemplateFile[] = [];
  /** Errors already placed in a template, so outer templates leave them alone. */
  private readonly placed = new WeakSet<object>();

  private constructor(
    private readonly hbs: typeof Handlebars,
    private readonly templates: TemplateSet,
    /** The images the board's own Markdown refers to, as load read them. */
    readonly images: ImageFiles,
    /** Given to every template: the stylesheet, the council's theme and logo. */
    private readonly shared: { css: string; theme?: ThemeView; logo?: string },
  ) {}

  /**
   * The renderer of a board from the files load read for it (render-files.ts); with `theme`,
   * templates get the council's colours and logo. Reads nothing.
   */
  static async create(files: RenderFiles, theme?: ThemeView): Promise<Renderer> {
    const assets = theme ? themeAssets(theme, files.logo) : undefined;
    const hbs = Handlebars.create();
    const css = files.templates.files.get('css/document.css');
    const renderer = new Renderer(hbs, files.templates, files.images, { css: css?.text ?? '', ...(assets ? { theme: assets.view } : {}), ...(assets?.logo ? { logo: assets.logo } : {}) });
    hbs.registerHelper('helperMissing', function (...args: unknown[]) {
      // One argument: a {{value}} that is not there, which renders as nothing.
      if (args.length === 1) return undefined;
      const options = args.at(-1) as { name: string; loc?: { start?: { line?: number } } };
      throw new MissingHelper(options.name, options.loc?.start?.line);
    });
    for (const partial of files.templates.partials) {
      hbs.registerPartial(partial.name, renderer.guard(partial, renderer.compile(partial)));
    }
    return renderer;
  }

  /** The text of a file of the templates that is not a template (site/site.css, site/search.js). */
  asset(relPath: string): string | undefined {
    return this.templates.files.get(relPath)?.text;
  }

  /** Whether templates/documents/NAME.hbs is cpb's own (the board has no copy of its own). */
  isOwn(name: DocumentName): boolean {
    return this.isOwnFile(`documents/${name}.hbs`);
  }

  /** Whether a file of the templates ("css/document.css", "partials/layout.hbs") is cpb's own. */
  isOwnFile(relPath: string): boolean {
    const partial = /^partials\/(.+)\.hbs$/.exec(relPath)?.[1];
    const file = partial !== undefined ? this.templates.partials.find((p) => p.name === partial) : this.templates.files.get(relPath);
    const fromCpb = file && relative(TEMPLATES_DIR, file.path);
    return fromCpb !== undefined && !fromCpb.startsWith('..') && !isAbsolute(fromCpb);
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
    if (!template) {
      const source = this.templates.files.get(file);
      if (!source) throw new TemplateError(`cpb's template ${file} is missing`, { rule: 'template/missing', hint: "Reinstall cpb, or add the template to the board's templates/ folder.", exitCode: ExitCode.internal });
      template = this.guard(source, this.compile(source));
      this.compiled.set(file, template);
    }
    return template({ ...view, ...this.shared });
  }

  /** Parses at once (Handlebars otherwise defers it to the first render), so syntax errors name their file. */
  private compile(file: TemplateFile): Delegate {
    try {
      this.hbs.parse(file.text);
      return this.hbs.compile(file.text, { preventIndent: true });
    } catch (error) {
      throw this.error(file, syntaxFault(error, file.text), 'syntax');
    }
  }

  /** Runs `template` as `file`: an error from it not yet placed in an inner template is placed in this one. */
  private guard(file: TemplateFile, template: Delegate): Delegate {
    return (context: unknown, options?: CallOptions) => {
      const caller = this.running.at(-1);
      // The block of a partial block ({{#> layout}}…{{/layout}}) is its caller's text: faults in it are the caller's.
      const block = options?.fn !== undefined ? options.data?.['partial-block'] : undefined;
      if (caller && typeof block === 'function' && options?.data) options.data['partial-block'] = this.guard(caller, block as Delegate);
      this.running.push(file);
      try {
        return template(context, options as Parameters<Delegate>[1]);
      } catch (error) {
        if (typeof error === 'object' && error !== null && this.placed.has(error)) throw error;
        throw this.error(file, renderFault(error, file.text, error instanceof MissingHelper ? error.line : undefined), 'render');
      } finally {
        this.running.pop();
      }
    };
  }

  /** Handlebars' own words are left out (they point at the end of the file for a block left open); --debug shows the stack. */
  private error(file: TemplateFile, fault: TemplateFault, stage: 'syntax' | 'render'): TemplateError {
    const where = this.whereIs(file);
    const lineText = fault.line !== undefined ? `, line ${fault.line}` : '';
    const own = where.file !== undefined;
    const message = own
      ? `${stage === 'syntax' ? 'The template cannot be read' : 'The template cannot be filled in'}: ${fault.reason}`
      : `${stage === 'syntax' ? 'Cannot read' : 'Cannot fill in'} ${where.name}${lineText}: ${fault.reason}`;
    const error = new TemplateError(message, {
      ...(own ? { file: where.file } : {}),
      ...(own && fault.line !== undefined ? { line: fault.line } : {}),
      rule: stage === 'syntax' ? 'template/syntax' : 'template/render',
      hint: own
        ? "Correct the board's own template, or remove it to use cpb's (the README's \"Your own templates\" says what each receives)."
        : "A board's own partial may be missing something cpb's templates use; otherwise report it, with the board's templates/ folder.",
    });
    this.placed.add(error);
    return error;
  }

  /** A board's template by its path (from the working folder when inside it); cpb's by its name. */
  private whereIs(file: TemplateFile): { file?: string; name: string } {
    const fromCpb = relative(TEMPLATES_DIR, file.path);
    if (!fromCpb.startsWith('..') && !isAbsolute(fromCpb)) return { name: `cpb's template ${fromCpb.split(sep).join('/')}` };
    const fromCwd = relative(process.cwd(), file.path);
    const shown = !fromCwd.startsWith('..') && !isAbsolute(fromCwd) ? fromCwd : this.templates.boardDir ? relative(this.templates.boardDir, file.path) : file.name;
    return { file: shown, name: shown };
  }
}
