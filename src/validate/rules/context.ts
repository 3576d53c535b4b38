import type { Problem } from '../../errors.js';
import type { LoadedBoard } from '../../load/board-folder.js';
import type { YamlSource } from '../../load/source.js';
import { positionOf } from '../../load/yaml-file.js';
import type { BoardData } from '../../domain/types.js';

/**
 * What every cross-file rule may look at. Rules return problems; they never throw for bad data.
 * A rule runs only when the files it declares it needs are sound (see validate-board); any other
 * file it glances at, it checks with `usable` first.
 */
export interface RuleContext {
  loaded: LoadedBoard;
  board: BoardData;
  memberIds: string[];
  /** Today's date, YYYY-MM-DD: passed in, so rules stay free of the clock. */
  today: string;
  holidays: ReadonlySet<string>;
  /** Display paths of the files that could not be read or failed their schema. */
  broken: ReadonlySet<string>;
}

/** Whether a file is there, was read, and passed its schema. */
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
