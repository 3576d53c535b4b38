import { readFile, readdir, stat } from 'node:fs/promises';
import { dirname, join, relative, resolve, sep } from 'node:path';
import { SourceError, UsageError } from '../errors.js';
import { loadCsvFile } from './csv-file.js';
import { kindOfCsvHeader, kindOfPath } from './kinds.js';
import type { CsvKind, SourceKind, YamlKind, YamlSource } from './source.js';
import type { CsvSource } from './csv-file.js';
import { loadMarkdownPaper } from './markdown-paper.js';
import { decodeText, loadYamlFile } from './yaml-file.js';

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
}

/** A text file read whole, such as the terms of reference. */
export interface TextFile {
  path: string;
  displayPath: string;
  text: string;
}

export const TERMS_OF_REFERENCE_FILE = 'terms-of-reference.md';

/** The path a user should see: relative to the working folder when inside it. */
export function displayPathOf(path: string, cwd = process.cwd()): string {
  const rel = relative(cwd, path);
  return rel && !rel.startsWith('..') && !rel.startsWith(sep) ? rel : path;
}

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
export async function loadSource(path: string, kind: SourceKind): Promise<AnySource> {
  if (kind === 'plan-csv' || kind === 'figures') return { ...(await loadCsvFile(path, displayPathOf(path))), kind };
  return loadYamlFile(path, displayPathOf(path), kind as YamlKind);
}

/** Reads a single data file named on the command line, its kind known from its place or header. */
export async function loadSingleFile(pathArg: string): Promise<AnySource> {
  const path = resolve(pathArg);
  const kind = kindOfPath(path);
  if (kind) return loadSource(path, kind);
  if (path.toLowerCase().endsWith('.csv')) {
    const csv = await loadCsvFile(path, displayPathOf(path));
    const byHeader = kindOfCsvHeader(csv.header);
    if (byHeader === 'plan-csv' || byHeader === 'figures') return { ...csv, kind: byHeader };
  }
  throw new UsageError(`Cannot tell what kind of data file ${pathArg} is`, {
    file: pathArg,
    hint: 'cpb knows board.yaml, actions.yaml, meeting.yaml, minutes.yaml, training.yaml, forward-plan.yaml, plans/*.yaml|csv, performance/*.yaml|csv and tables/*.yaml by their names, and a CSV by its header (an "indicator" column, or "objective" and "action").',
  });
}

/** Finds and parses every data file of a board folder. */
export async function loadBoardFolder(dirArg: string): Promise<LoadedBoard> {
  const dir = resolve(dirArg);
  if (!(await isDir(dir))) {
    throw new UsageError(`No board folder at ${dirArg}`, {
      hint: `Give the folder that holds ${BOARD_FILE}, or create one with \`cpb init ${dirArg}\`.`,
    });
  }
  const boardPath = join(dir, BOARD_FILE);
  if (!(await isFile(boardPath))) {
    throw new UsageError(`${displayPathOf(dir)} has no ${BOARD_FILE}`, {
      file: displayPathOf(boardPath),
      hint: `A board folder holds ${BOARD_FILE}; create one with \`cpb init DIR\`.`,
    });
  }
  const [board, actions, meetings, plans, performance] = await Promise.all([
    loadYamlFile(boardPath, displayPathOf(boardPath), 'board'),
    optional(join(dir, 'actions.yaml'), 'actions'),
    loadMeetings(join(dir, 'meetings')),
    filesIn(join(dir, 'plans')),
    filesIn(join(dir, 'performance')),
  ]);
  const planSources = await Promise.all(
    plans.flatMap((p) => {
      const kind = kindOfPath(p);
      return kind === 'plan' || kind === 'plan-csv' ? [loadSource(p, kind)] : [];
    }),
  );
  const figures = await Promise.all(
    performance.filter((p) => kindOfPath(p) === 'figures').map((p) => loadSource(p, 'figures') as Promise<TableSource>),
  );
  const indicators = await optional(join(dir, 'performance', 'indicators.yaml'), 'indicators');
  const paperHeaders = await loadPaperHeaders(dir, meetings);
  const [training, forwardPlan, tables, termsOfReference] = await Promise.all([
    optional(join(dir, 'training.yaml'), 'training'),
    optional(join(dir, 'forward-plan.yaml'), 'forward-plan'),
    filesIn(join(dir, 'tables')).then((files) => Promise.all(files.filter((p) => kindOfPath(p) === 'table').map((p) => loadYamlFile(p, displayPathOf(p), 'table')))),
    optionalText(join(dir, TERMS_OF_REFERENCE_FILE)),
  ]);
  const tableData = await loadTableData(dir, tables);
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
    if (path && !relative(boardDir, path).startsWith('..') && (await isFile(path))) paths.add(path);
  }
  return Promise.all([...paths].sort().map((p) => loadCsvFile(p, displayPathOf(p))));
}

async function optionalText(path: string): Promise<TextFile | undefined> {
  if (!(await isFile(path))) return undefined;
  try {
    return { path, displayPath: displayPathOf(path), text: decodeText(await readFile(path)) };
  } catch (error) {
    throw new SourceError(`Cannot read ${displayPathOf(path)}`, { file: displayPathOf(path), cause: error });
  }
}

/**
 * Reads the Markdown papers the meetings name, for their header blocks. The meeting files are not
 * validated yet, so their shape is checked loosely; a missing paper is a validation rule's business.
 */
async function loadPaperHeaders(boardDir: string, meetings: MeetingFolder[]): Promise<YamlSource[]> {
  const paths = new Set<string>();
  for (const folder of meetings) {
    const items = (folder.meeting?.data as { items?: unknown } | undefined)?.items;
    if (!Array.isArray(items)) continue;
    for (const item of items) {
      const papers = (item as { papers?: unknown } | null)?.papers;
      if (!Array.isArray(papers)) continue;
      for (const paper of papers) {
        const file = (paper as { file?: unknown } | null)?.file;
        if (typeof file !== 'string' || !/\.(md|markdown)$/i.test(file)) continue;
        const path = resolve(folder.dir, file);
        if (!relative(boardDir, path).startsWith('..') && (await isFile(path))) paths.add(path);
      }
    }
  }
  const papers = await Promise.all([...paths].sort().map((p) => loadMarkdownPaper(p, displayPathOf(p))));
  return papers.flatMap((p) => (p.header ? [p.header] : []));
}

async function loadMeetings(meetingsDir: string): Promise<MeetingFolder[]> {
  const folders = (await entries(meetingsDir)).filter((e) => e.isDirectory()).map((e) => e.name).sort();
  return Promise.all(
    folders.map(async (id) => {
      const folder = join(meetingsDir, id);
      const [meeting, minutes] = await Promise.all([
        optional(join(folder, 'meeting.yaml'), 'meeting'),
        optional(join(folder, 'minutes.yaml'), 'minutes'),
      ]);
      return { id, dir: folder, ...(meeting ? { meeting } : {}), ...(minutes ? { minutes } : {}) };
    }),
  );
}

async function optional(path: string, kind: YamlKind): Promise<YamlSource | undefined> {
  return (await isFile(path)) ? loadYamlFile(path, displayPathOf(path), kind) : undefined;
}

/** Files (not folders) directly in `dir`, sorted; none if it does not exist. */
async function filesIn(dir: string): Promise<string[]> {
  return (await entries(dir)).filter((e) => e.isFile()).map((e) => join(dir, e.name)).sort();
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
const isFile = async (p: string) => (await stat(p).catch(() => undefined))?.isFile() ?? false;
