import type { Problem } from '../errors.js';

/**
 * GitHub Actions workflow commands, one per problem, so a pull request shows each problem on its
 * line: `::error file=F,line=L,col=C,title=RULE::MESSAGE`. Under --strict warnings are errors.
 */
export function githubAnnotations(problems: readonly Problem[], strict: boolean): string {
  return problems
    .map((p) => {
      const level = p.severity === 'error' || strict ? 'error' : 'warning';
      const props = [`file=${property(p.file)}`, `line=${p.line}`, `col=${p.column}`, `title=${property(p.rule)}`].join(',');
      return `::${level} ${props}::${data(p.hint ? `${p.message}. ${p.hint}` : p.message)}\n`;
    })
    .join('');
}

function data(text: string): string {
  return text.replace(/%/g, '%25').replace(/\r/g, '%0D').replace(/\n/g, '%0A');
}

function property(text: string): string {
  return data(text).replace(/:/g, '%3A').replace(/,/g, '%2C');
}
