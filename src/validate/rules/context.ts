import type { Problem } from '../../errors.js';
import type { LoadedBoard } from '../../load/board-folder.js';
import type { YamlSource } from '../../load/source.js';
import { positionOf } from '../../load/yaml-file.js';
import type { BoardData } from '../../model/types.js';

/** What every cross-file rule may look at. Rules return problems; they never throw for bad data. */
export interface RuleContext {
  loaded: LoadedBoard;
  board: BoardData;
  memberIds: string[];
  /** Today's date, YYYY-MM-DD: passed in, so rules stay free of the clock. */
  today: string;
  holidays: ReadonlySet<string>;
  /** Files that failed their schema; rules skip them. */
  broken: ReadonlySet<string>;
}

export function usable(source: YamlSource | undefined, ctx: RuleContext): source is YamlSource {
  return source !== undefined && source.data !== undefined && !ctx.broken.has(source.displayPath);
}

/** A problem at the value found by following `path` in a YAML source. */
export function at(
  source: YamlSource,
  path: readonly (string | number)[],
  message: string,
  rule: string,
  options: { hint?: string | undefined; severity?: Problem['severity']; key?: boolean } = {},
): Problem {
  const pos = positionOf(source, path.map(String), options.key ?? false);
  return {
    severity: options.severity ?? 'error',
    file: source.displayPath,
    ...pos,
    message,
    rule,
    ...(options.hint ? { hint: options.hint } : {}),
  };
}
