import { readdir, stat } from 'node:fs/promises';
import { dirname, extname, join, resolve } from 'node:path';
import { SourceError, UsageError, type Problem } from '../errors.js';
import { anythingAt, isInside, resolvedRoot } from './board-path.js';
import { checkBoardFiles } from './board-files-check.js';
import { loadCsvFile } from './csv-file.js';
import { loadXlsxFile } from './xlsx-sheet.js';
import { kindOfCsvHeader, kindOfPath } from './kinds.js';
import type { CsvKind, SourceKind, YamlKind, YamlSource } from './source.js';
import type { CsvSource } from './csv-file.js';
import { checkPaperFiles, problemOf, type PaperFileCheck } from './paper-files.js';
import type { ParsedPdfs } from './parsed-pdfs.js';
import { boardRoot, readSourceFile, type FileRoot } from './read-source.js';
import { decodeText, loadYamlFile } from './yaml-file.js';
import { displayPathOf, rememberTypedFolder } from './display-path.js';

export const BOARD_FILE = 'board.yaml';

/** A CSV data file with the kind it was read as. */
export type TableSource = CsvSource & { kind: CsvKind };
export type AnySource = YamlSource | TableSource;

/** One meeting's folder: its agenda and, once written, its minutes. */
export interface MeetingFolder {
  /** The folder name, which is the meeting's date. */
  id: string;
  dir: string;
  meeting?: YamlSource;
  minutes?: YamlSource;
}

/** Every data file of one board, parsed. */
export interface LoadedBoard {
  /** Absolute path of the board folder. */
  dir: string;
  board: YamlSource;
  actions?: YamlSource;
  /** In folder-name (date) order. */
  meetings: MeetingFolder[];
  plans: AnySource[];
  indicators?: YamlSource;
  figures: TableSource[];
  /** The header blocks of the Markdown papers the meetings name (those that exist and have one). */
  paperHeaders: YamlSource[];
  /** training.yaml: the members' training plan. */
  training?: YamlSource;
  /** forward-plan.yaml: items waiting for a meeting. */
  forwardPlan?: YamlSource;
  /** tables/*.yaml: tables made from data, in file-name order. */
  tables?: YamlSource[];
  /** The CSV files the tables name as their source (those that exist inside the board folder). */
  tableData?: CsvSource[];
  /** terms-of-reference.md, as Markdown text. */
  termsOfReference?: TextFile;
  /** Every paper file the meetings name (that exists inside the board), opened far enough to know it will build. */
  paperFiles?: PaperFileCheck[];
  /** The supplied PDFs kept parsed for the build, when it asked for them. */
  parsedPdfs?: ParsedPdfs;
  /**
   * Files that are not data sources (terms of reference, the logo, the board's templates) but
   * were refused by the reader: outside the board, not a file, too large.
   */
  fileProblems?: Problem[];
}

/** A text file read whole, such as the terms of reference. */
export interface TextFile {
  path: string;
  displayPath: string;
  text: string;
}

export const TERMS_OF_REFERENCE_FILE = 'terms-of-reference.md';

/** Every source of a loaded board, board file first. */
export function allSources(loaded: LoadedBoard): AnySource[] {
  return [
    loaded.board,
    ...(loaded.actions ? [loaded.actions] : []),
    ...loaded.meetings.flatMap((m) => [m.meeting, m.minutes].filter((s): s is YamlSource => s !== undefined)),
    ...loaded.plans,
    ...(loaded.indicators ? [loaded.indicators] : []),
    ...loaded.figures,
    ...loaded.paperHeaders,
    ...(loaded.training ? [loaded.training] : []),
    ...(loaded.forwardPlan ? [loaded.forwardPlan] : []),
    ...(loaded.tables ?? []),
  ];
}

/** Reads any data file, YAML or CSV, as the kind given. */
export async function loadSource(path: string, kind: SourceKind, root: FileRoot | null): Promise<AnySource> {
  if (kind === 'figures' && extname(path).toLowerCase() === '.xlsx') return { ...(await loadXlsxFile(path, displayPathOf(path), root)), kind };
  if (kind === 'plan-csv' || kind === 'figures') return { ...(await loadCsvFile(path, displayPathOf(path), root)), kind };
  return loadYamlFile(path, displayPathOf(path), kind as YamlKind, root);
}

/** Reads a single data file named on the command line, its kind known from its place or header. */
export async function loadSingleFile(pathArg: string): Promise<AnySource> {
  const path = resolve(pathArg);
  rememberTypedFolder(dirname(pathArg));
  const kind = kindOfPath(path);
  // A file named on the command line is read where it is: the user chose it.
  if (kind) return loadSource(path, kind, null);
  if (path.toLowerCase().endsWith('.csv')) {
    const csv = await loadCsvFile(path, displayPathOf(path), null);
    const byHeader = kindOfCsvHeader(csv.header);
    if (byHeader === 'plan-csv' || byHeader === 'figures') return { ...csv, kind: byHeader };
  }
  throw new UsageError(`Cannot tell what kind of data file ${pathArg} is`, {
    file: pathArg,
    hint: 'cpb knows board.yaml, actions.yaml, meeting.yaml, minutes.yaml, training.yaml, forward-plan.yaml, plans/*.yaml|csv, performance/*.yaml|csv and tables/*.yaml by their names, and a CSV by its header (an "indicator" column, or "objective" and "action").',
  });
}

/**
 * Finds and parses every data file of a board folder. A build gives `parsedPdfs`, to keep the
 * supplied PDFs as parsed to check them (see ParsedPdfs); it comes back in `parsedPdfs`.
 */
export async function loadBoardFolder(dirArg: string, options: { parsedPdfs?: ParsedPdfs } = {}): Promise<LoadedBoard> {
  const dir = resolve(dirArg);
  rememberTypedFolder(dirArg);
  if (!(await isDir(dir))) {
    throw new UsageError(`No board folder at ${dirArg}`, {
      hint: `Give the folder that holds ${BOARD_FILE}, or create one with \`cpb init ${dirArg}\`.`,
    });
  }
  const boardPath = join(dir, BOARD_FILE);
  // The board's real path once for all its files; each file's own is still checked.
  const root = resolvedRoot(boardRoot(dir));
  if (!anythingAt(boardPath)) {
    throw new UsageError(`${displayPathOf(dir)} has no ${BOARD_FILE}`, {
      file: displayPathOf(boardPath),
      hint: `A board folder holds ${BOARD_FILE}; create one with \`cpb init DIR\`.`,
    });
  }
  const [board, actions, meetings, plans, performance] = await Promise.all([
    loadYamlFile(boardPath, displayPathOf(boardPath), 'board', root),
    optional(join(dir, 'actions.yaml'), 'actions', root),
    loadMeetings(join(dir, 'meetings'), root),
    filesIn(join(dir, 'plans')),
    filesIn(join(dir, 'performance')),
  ]);
  const planSources = await Promise.all(
    plans.flatMap((p) => {
      const kind = kindOfPath(p);
      return kind === 'plan' || kind === 'plan-csv' ? [loadSource(p, kind, root)] : [];
    }),
  );
  const figures = await Promise.all(
    performance.filter((p) => kindOfPath(p) === 'figures').map((p) => loadSource(p, 'figures', root) as Promise<TableSource>),
  );
  const indicators = await optional(join(dir, 'performance', 'indicators.yaml'), 'indicators', root);
  const { papers: paperFiles, headers: paperHeaders } = await checkPaperFiles(dir, meetings, (p) => displayPathOf(p), options.parsedPdfs);
  const fileProblems: Problem[] = [];
  const [training, forwardPlan, tables, termsOfReference] = await Promise.all([
    optional(join(dir, 'training.yaml'), 'training', root),
    optional(join(dir, 'forward-plan.yaml'), 'forward-plan', root),
    filesIn(join(dir, 'tables')).then((files) => Promise.all(files.filter((p) => kindOfPath(p) === 'table').map((p) => loadYamlFile(p, displayPathOf(p), 'table', root)))),
    optionalText(join(dir, TERMS_OF_REFERENCE_FILE), root, fileProblems),
  ]);
  const tableData = await loadTableData(dir, tables);
  fileProblems.push(...(await checkBoardFiles(dir, board.data, (p) => displayPathOf(p))));
  return {
    dir,
    board,
    ...(actions ? { actions } : {}),
    meetings,
    plans: planSources,
    ...(indicators ? { indicators } : {}),
    figures,
    paperHeaders,
    ...(training ? { training } : {}),
    ...(forwardPlan ? { forwardPlan } : {}),
    tables,
    tableData,
    ...(termsOfReference ? { termsOfReference } : {}),
    paperFiles,
    ...(options.parsedPdfs ? { parsedPdfs: options.parsedPdfs } : {}),
    fileProblems,
  };
}

/**
 * Where a table's CSV is: its `source`, relative to the table file's folder. Undefined when the
 * table names none (it has rows, or is not valid yet).
 */
export function tableSourcePath(table: YamlSource): string | undefined {
  const source = (table.data as { source?: unknown } | null | undefined)?.source;
  return typeof source === 'string' && source !== '' ? resolve(dirname(table.path), source) : undefined;
}

/** Reads the CSV files the tables name; one that is missing or outside the board is a rule's business. */
async function loadTableData(boardDir: string, tables: YamlSource[]): Promise<CsvSource[]> {
  const paths = new Set<string>();
  for (const table of tables) {
    const path = tableSourcePath(table);
    if (path && isInside(boardDir, path) && anythingAt(path)) paths.add(path);
  }
  return Promise.all([...paths].sort().map((p) => loadCsvFile(p, displayPathOf(p), boardRoot(boardDir))));
}

/** A text file read whole if it is there; a refusal is kept as a problem for validation to report. */
async function optionalText(path: string, root: FileRoot, problems: Problem[]): Promise<TextFile | undefined> {
  if (!anythingAt(path)) return undefined;
  const displayPath = displayPathOf(path);
  try {
    return { path, displayPath, text: decodeText(await readSourceFile(path, displayPath, 'file', { root })) };
  } catch (error) {
    if (!(error instanceof SourceError)) throw error;
    problems.push(problemOf(error, displayPath));
    return undefined;
  }
}

async function loadMeetings(meetingsDir: string, root: FileRoot): Promise<MeetingFolder[]> {
  // A linked meeting folder is followed: the reader then refuses its files if it leads out of the board.
  const folders: string[] = [];
  for (const e of await entries(meetingsDir)) {
    if (e.isDirectory() || (e.isSymbolicLink() && (await isDir(join(meetingsDir, e.name))))) folders.push(e.name);
  }
  folders.sort();
  return Promise.all(
    folders.map(async (id) => {
      const folder = join(meetingsDir, id);
      const [meeting, minutes] = await Promise.all([
        optional(join(folder, 'meeting.yaml'), 'meeting', root),
        optional(join(folder, 'minutes.yaml'), 'minutes', root),
      ]);
      return { id, dir: folder, ...(meeting ? { meeting } : {}), ...(minutes ? { minutes } : {}) };
    }),
  );
}

/** A data file read if anything is at its path: a pipe or a folder there is refused, not skipped. */
async function optional(path: string, kind: YamlKind, root: FileRoot): Promise<YamlSource | undefined> {
  return anythingAt(path) ? loadYamlFile(path, displayPathOf(path), kind, root) : undefined;
}

/**
 * What is directly in `dir` other than real folders, sorted; none if it does not exist. Links,
 * pipes and the like are included so that the reader refuses them by name.
 */
async function filesIn(dir: string): Promise<string[]> {
  return (await entries(dir)).filter((e) => !e.isDirectory()).map((e) => join(dir, e.name)).sort();
}

async function entries(dir: string) {
  try {
    return await readdir(dir, { withFileTypes: true });
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return [];
    throw new SourceError(`Cannot read the folder ${displayPathOf(dir)}`, { file: displayPathOf(dir), cause: error });
  }
}

const isDir = async (p: string) => (await stat(p).catch(() => undefined))?.isDirectory() ?? false;
