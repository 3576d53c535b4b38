import type { Document, LineCounter } from 'yaml';
import type { Problem } from '../errors.js';

/** What a YAML data file holds, known from its place in the board folder. */
export type YamlKind = 'board' | 'meeting' | 'minutes' | 'actions' | 'plan' | 'indicators' | 'paper' | 'training' | 'forward-plan' | 'table' | 'council';
/** What a CSV data file holds: a delivery plan kept as a spreadsheet, or performance figures. */
export type CsvKind = 'plan-csv' | 'figures';
export type SourceKind = YamlKind | CsvKind;

/** A parsed data file with what is needed to point back into it. */
export interface YamlSource {
  kind: YamlKind;
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
