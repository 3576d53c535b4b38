import { normalize, relative } from 'node:path';
import type { LoadedBoard } from '../load/board-folder.js';
import type { CheckedPdf } from '../load/pdf-check.js';
import type { ParsedPdfs } from '../load/parsed-pdfs.js';
import { tableSourcePath } from '../load/board-folder.js';
import { figureTable, figuresOfYear, financialYearMonths } from '../load/figure-table.js';
import { withNextMeetings } from './next-meeting.js';
import { deadlineRules, typedDeadlines, type DeadlineRules, type TypedDeadlines } from './report-deadlines.js';
import { boardCalendar, type CalendarEntry } from './schedule.js';
import { buildBoard, type Board } from './board.js';
import { coverReportView, coverStyle, type CoverReportView, type CoverStyle, type PaperHeaderData } from './cover-report.js';
import { dataTable, type DataTableView } from './data-table.js';
import { buildMeeting, type Generator, type Meeting } from './meeting.js';
import { buildMinutes, drawsOnExemptMinutes, type Audience, type MinutesRecord } from './minutes.js';
import { boardNumbering } from '../domain/minute-numbers.js';
import { performanceReport, type PerformanceReport, type WideTables } from './performance.js';
import { planOf, type Plan } from './plan.js';
import { ragScheme, type Rating } from '../domain/rag-scheme.js';
import { themeView, type ThemeView } from './theme.js';
import { trainingPlan, type TrainingPlan } from './training-plan.js';
import type { ActionUpdatesData, BoardData, ForwardPlanData, IndicatorsData, MeetingData, MinutesData, TableData, TableValue, TrainingData } from '../domain/types.js';

/** What load kept of a Markdown paper: its body, and its header block as a cover report. */
export interface MarkdownText {
  body: string;
  cover?: CoverReportView;
}

/** A table made from data: its view, and its notes as Markdown. */
export interface TableModel {
  view: DataTableView;
  notes?: string;
}

export interface BoardModel {
  dir: string;
  board: Board;
  /** In date order. */
  meetings: Meeting[];
  /**
   * Minutes by meeting id, numbered, as the public may see them (exempt minutes by number, title
   * and exemption only). Whatever does not ask for the confidential view gets this one.
   */
  minutes: Map<string, MinutesRecord>;
  /** The same minutes in full, for the confidential pack and the clerk's own commands. */
  confidentialMinutes: Map<string, MinutesRecord>;
  actionUpdates: ActionUpdatesData;
  /** The council's colours and the logo's path in the board folder, as board.yaml gives them. */
  theme: ThemeView;
  logo?: string;
  rag: readonly Rating[];
  /** Meetings from folders and board.yaml's schedule, in date order. */
  calendar: CalendarEntry[];
  deadlines: DeadlineRules;
  /** Deadlines typed for single meetings (meeting.yaml or the schedule), by meeting date. */
  typedDeadlines: TypedDeadlines;
  /** Reference data, passed in: England and Wales bank holidays (YYYY-MM-DD). */
  bankHolidays: ReadonlySet<string>;
  forwardPlan?: ForwardPlanData;
  training?: TrainingPlan;
  /** The plans, performance reports (by year, "2019-20") and tables the meetings' papers are made from, by the path they name. */
  plans: ReadonlyMap<string, Plan>;
  performance: ReadonlyMap<string, PerformanceReport>;
  tables: ReadonlyMap<string, TableModel>;
  /** terms-of-reference.md, as Markdown. */
  termsOfReference?: string;
  /** Markdown papers as load read them, by absolute path. */
  markdownPapers: ReadonlyMap<string, MarkdownText>;
  /** Supplied PDFs as load checked them (page count, SHA-256), by absolute path. */
  checkedPdfs: ReadonlyMap<string, CheckedPdf>;
  /** Supplied PDFs as load parsed them, for the build to clean without parsing again (given once each). */
  parsedPdfs?: ParsedPdfs;
}

/** Reference data shipped with cpb, read by load and passed in as values. */
export interface ReferenceData {
  schedule12A?: ReadonlyMap<number, string>;
  bankHolidays?: ReadonlySet<string>;
}

/** The typed model of a validated board folder; reference data comes in as values. */
export function boardModel(loaded: LoadedBoard, reference: ReferenceData = {}): BoardModel {
  const schedule12A = reference.schedule12A ?? new Map<number, string>();
  const boardData = loaded.board.data as BoardData;
  const board = buildBoard(boardData);
  // A meeting without next_meeting shows the next one in meetings/ or board.yaml's schedule.
  const meetings = withNextMeetings(
    loaded.meetings
      .flatMap((folder) => (folder.meeting ? [buildMeeting(folder.meeting.data as MeetingData, board, folder.dir, schedule12A)] : []))
      .sort((a, b) => a.date.localeCompare(b.date)),
    boardData.schedule,
  );
  const minutesData = new Map(
    loaded.meetings.flatMap((f) => (f.minutes && f.meeting ? [[f.id, f.minutes.data as MinutesData] as const] : [])),
  );
  const minutes = buildMinutes(board, meetings, minutesData, boardNumbering(boardData), schedule12A);
  for (const meeting of meetings) if (drawsOnExemptMinutes(meeting, minutes.confidential)) meeting.drawsOnExemptMinutes = true;
  const generators = meetings.flatMap((m) => m.items.flatMap((i) => i.papers.flatMap((p) => (p.generator ? [p.generator] : []))));
  return {
    dir: loaded.dir,
    board,
    meetings,
    minutes: minutes.public,
    confidentialMinutes: minutes.confidential,
    actionUpdates: (loaded.actions?.data ?? {}) as ActionUpdatesData,
    theme: themeView(boardData),
    ...(boardData.theme?.logo ? { logo: boardData.theme.logo } : {}),
    rag: ragScheme(boardData),
    calendar: boardCalendar(meetings, boardData.schedule),
    deadlines: deadlineRules(boardData.deadlines),
    typedDeadlines: typedDeadlines(loaded.meetings.flatMap((f) => (f.meeting ? [f.meeting.data as MeetingData] : [])), boardData.schedule),
    bankHolidays: reference.bankHolidays ?? new Set(),
    ...(loaded.forwardPlan ? { forwardPlan: loaded.forwardPlan.data as ForwardPlanData } : {}),
    ...(loaded.training ? { training: trainingPlan(board, loaded.training.data as TrainingData) } : {}),
    plans: plansNamed(loaded, generators, boardData.plans?.unrated_word),
    performance: reportsNamed(loaded, generators, boardData.performance?.wide_tables),
    tables: tablesNamed(loaded, generators),
    ...(loaded.termsOfReference ? { termsOfReference: loaded.termsOfReference.text } : {}),
    markdownPapers: markdownPapers(loaded, coverStyle(boardData.cover_report)),
    checkedPdfs: new Map((loaded.paperFiles ?? []).flatMap((f) => (f.pageCount !== undefined && f.sha256 !== undefined ? [[f.path, { pageCount: f.pageCount, sha256: f.sha256 }] as const] : []))),
    ...(loaded.parsedPdfs ? { parsedPdfs: loaded.parsedPdfs } : {}),
  };
}

/** The view of the minutes made for `audience`. */
export function minutesFor(model: Pick<BoardModel, 'minutes' | 'confidentialMinutes'>, audience: Audience): Map<string, MinutesRecord> {
  return audience === 'confidential' ? model.confidentialMinutes : model.minutes;
}

type Named<K extends Generator['kind']> = Extract<Generator, { kind: K }>;

function named<K extends Generator['kind']>(generators: readonly Generator[], kind: K): Named<K>[] {
  return generators.filter((g): g is Named<K> => g.kind === kind);
}

/** The plans the papers report on, by the path they name. Validation has checked that each exists. */
function plansNamed(loaded: LoadedBoard, generators: readonly Generator[], unratedWord?: string): Map<string, Plan> {
  const plans = new Map<string, Plan>();
  for (const { plan: path } of named(generators, 'plan')) {
    const source = loaded.plans.find((p) => relative(loaded.dir, p.path) === normalize(path));
    if (source && !plans.has(path)) {
      const plan = planOf(source);
      plans.set(path, unratedWord !== undefined ? { ...plan, unratedWord } : plan);
    }
  }
  return plans;
}

/** The performance reports the papers show, by financial year. */
function reportsNamed(loaded: LoadedBoard, generators: readonly Generator[], wideTables?: WideTables): Map<string, PerformanceReport> {
  const reports = new Map<string, PerformanceReport>();
  const indicators = loaded.indicators?.data as IndicatorsData | undefined;
  for (const { year } of named(generators, 'performance')) {
    const figures = figuresOfYear(loaded.figures, year);
    if (!figures || reports.has(year)) continue;
    const table = figureTable(figures);
    if (table.startYear === undefined) continue;
    reports.set(year, performanceReport(indicators, financialYearMonths(table.startYear), table.cells, table.rows, wideTables));
  }
  return reports;
}

/** The tables the papers show, their rows from the table file or the CSV it names. */
function tablesNamed(loaded: LoadedBoard, generators: readonly Generator[]): Map<string, TableModel> {
  const tables = new Map<string, TableModel>();
  for (const { table: path } of named(generators, 'table')) {
    const source = (loaded.tables ?? []).find((t) => relative(loaded.dir, t.path) === normalize(path));
    if (!source || tables.has(path)) continue;
    const data = source.data as TableData;
    let rows: Record<string, TableValue>[] = data.rows ?? [];
    const csvPath = tableSourcePath(source);
    if (csvPath) {
      const csv = (loaded.tableData ?? []).find((c) => c.path === csvPath);
      if (!csv) continue;
      rows = csv.rows.map((r) => r.cells);
    }
    tables.set(path, { view: dataTable(data, rows), ...(data.notes ? { notes: data.notes } : {}) });
  }
  return tables;
}

function markdownPapers(loaded: LoadedBoard, style: CoverStyle): Map<string, MarkdownText> {
  const papers = new Map<string, MarkdownText>();
  for (const file of loaded.paperFiles ?? []) {
    if (file.body === undefined) continue;
    const header = file.header?.data as PaperHeaderData | undefined;
    papers.set(file.path, { body: file.body, ...(header ? { cover: coverReportView(header, style) } : {}) });
  }
  return papers;
}
