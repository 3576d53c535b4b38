import type { Document, LineCounter } from 'yaml';
import type { Problem } from '../errors.js';

/** What a data file holds, known from its place in the board folder. */
export type SourceKind = 'board' | 'meeting';

/** A parsed data file with what is needed to point back into it. */
export interface YamlSource {
  kind: SourceKind;
  /** Absolute path. */
  path: string;
  /** Path as shown to the user. */
  displayPath: string;
  /** Plain data (undefined when the file could not be parsed). */
  data: unknown;
  doc: Document;
  lineCounter: LineCounter;
  /** Syntax problems found while parsing. */
  problems: Problem[];
}
