import { existsSync } from 'node:fs';
import { relative, resolve } from 'node:path';
import type { Problem } from '../../errors.js';
import { AA_NORMAL_TEXT, contrastRatio, WHITE } from '../../domain/contrast.js';
import type { YamlSource } from '../../load/source.js';
import { at, type RuleContext } from './context.js';

/** The logo exists inside the board folder; the accent colour can be read on white. */
export function themeProblems(ctx: RuleContext): Problem[] {
  const theme = ctx.board.theme;
  if (!theme) return [];
  const problems: Problem[] = [];
  if (theme.logo) {
    const path = resolve(ctx.loaded.dir, theme.logo);
    if (relative(ctx.loaded.dir, path).startsWith('..')) {
      problems.push(at(ctx.loaded.board, ['theme', 'logo'], `the logo '${theme.logo}' is outside the board folder`, 'theme/logo-outside', { hint: 'Keep the logo in the board folder, e.g. theme/logo.svg.' }));
    } else if (!existsSync(path)) {
      problems.push(at(ctx.loaded.board, ['theme', 'logo'], `the logo '${theme.logo}' does not exist`, 'theme/logo-missing', { hint: 'The path is relative to the board folder.' }));
    }
    if (!theme.logo_alt) {
      problems.push(at(ctx.loaded.board, ['theme', 'logo'], 'the logo has no text alternative', 'theme/logo-alt', {
        severity: 'warning',
        hint: "Add logo_alt with what the logo says, e.g. the council's name; the council name is used until then.",
      }));
    }
  }
  if (theme.accent) problems.push(...accentProblems(ctx.loaded.board, ['theme', 'accent'], theme.accent));
  return problems;
}

/** The accent colours headings and links on white: WCAG 2.2 AA asks 4.5:1 for normal text. */
export function accentProblems(source: YamlSource, path: readonly string[], accent: string): Problem[] {
  const ratio = contrastRatio(accent, WHITE);
  if (ratio >= AA_NORMAL_TEXT) return [];
  return [
    at(source, path, `the accent colour ${accent} has a contrast of ${ratio.toFixed(2)}:1 on white; at least ${AA_NORMAL_TEXT}:1 is needed`, 'theme/contrast', {
      hint: 'Choose a darker colour; headings and links in this colour must be readable (WCAG 2.2 AA).',
    }),
  ];
}
