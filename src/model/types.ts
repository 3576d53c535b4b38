/**
 * Plain data as the schemas describe it (snake_case, as in the YAML). Kept beside the schemas by
 * hand for now (docs/reference.md lists every field).
 */
export type MemberKind = 'elected' | 'co-opted' | 'officer' | 'young-person';

export interface MemberData {
  id: string;
  name: string;
  title?: string;
  surname?: string;
  role?: string;
  kind: MemberKind;
  organisation?: string;
  post?: string;
  service?: string;
}

export interface BoardData {
  name: string;
  council: string;
  date_style?: 'plain' | 'ordinal';
  clerk?: { name: string; post?: string; email?: string; phone?: string };
  membership: MemberData[];
  rag?: { name: string; meaning: string; colour?: string }[];
  minutes?: { numbering?: 'per-meeting' | 'continuous'; first_number?: number };
  theme?: { logo?: string; logo_alt?: string; accent?: string; font?: string; address?: string[] };
  schedule?: ScheduledMeetingData[];
  deadlines?: DeadlinesData;
}

/** A meeting date in board.yaml's schedule, for meetings without a folder. */
export interface ScheduledMeetingData {
  date: string;
  time?: string;
  venue?: string;
  status?: 'planned' | 'held' | 'cancelled' | 'moved';
  moved_to?: string;
  note?: string;
}

/** Working days before a meeting for each report deadline. */
export interface DeadlinesData {
  draft_to_lead?: number;
  final_to_democratic_services?: number;
  despatch?: number;
}

export interface PresenterData {
  member?: string;
  name?: string;
  post?: string;
  service?: string;
}

export type GeneratorKind = 'minutes' | 'action-log' | 'plan' | 'performance' | 'schedule' | 'forward-plan' | 'training-plan' | 'membership' | 'attendance' | 'table';

export interface PaperData {
  title: string;
  file?: string;
  generate?: GeneratorKind;
  meeting?: string;
  plan?: string;
  show?: 'open' | 'all';
  /** A financial year "2019-20" (performance), or a municipal year 2019 or "2019-20" (schedule, attendance). */
  year?: string | number;
  table?: string;
}

export interface ItemData {
  number?: number;
  title: string;
  presenter?: PresenterData;
  purpose?: string;
  standing?: boolean;
  key_decision?: string;
  shows_next_meeting?: boolean;
  papers?: PaperData[];
  exempt?: ExemptionData;
  late?: boolean;
  urgency?: string;
}

/** Schedule 12A exemption of an agenda item or a minute. */
export interface ExemptionData {
  paragraph: number;
  reason?: string;
}

export interface MeetingData {
  date: string;
  time: string;
  venue: string;
  status?: 'planned' | 'held' | 'cancelled';
  published?: string;
  chair?: string;
  notices?: string[];
  items: ItemData[];
  next_meeting?: { date: string; time: string; venue?: string };
}

export interface PersonData {
  name: string;
  organisation?: string;
}

export interface ActionData {
  id: string;
  owners: string[];
  action: string;
  due?: string;
}

export interface MinuteData {
  item: number;
  title?: string;
  /** The item was taken in private on the day (not needed when the agenda item is exempt). */
  exempt?: ExemptionData;
  discussion?: string;
  resolved?: string[];
  actions?: ActionData[];
}

export interface MinutesData {
  present: string[];
  also_present?: PersonData[];
  apologies?: (string | PersonData)[];
  approves_minutes_of?: string;
  declarations?: { who: string; item?: number; interest: string }[];
  minutes: MinuteData[];
}

export type ActionStatus = 'open' | 'on-going' | 'completed';

/** actions.yaml: progress keyed by action id. */
export type ActionUpdatesData = Record<string, { status?: ActionStatus; updates?: { date: string; text: string }[] }>;

export interface PlanActionData {
  ref?: string;
  action: string;
  timescale?: string;
  lead?: string;
  rag?: string;
  checkpoints?: Record<string, string>;
  commentary?: string;
}

export interface PlanData {
  title: string;
  objective_label?: string;
  checkpoints?: string[];
  objectives: {
    ref?: string;
    title: string;
    aim?: string;
    how?: string;
    areas?: { title: string; actions: PlanActionData[] }[];
    actions?: PlanActionData[];
  }[];
}

export interface IndicatorData {
  id: string;
  name: string;
  unit: 'count' | 'percentage' | 'rate-per-10000' | 'days';
  polarity: 'higher-is-better' | 'lower-is-better' | 'neither';
  target?: number | Record<string, number>;
  tolerance?: number;
  average?: 'mean' | 'latest' | 'sum' | 'none';
  decimals?: number;
  comparators?: { england?: number; statistical_neighbours?: number };
  notes?: string;
}

export interface IndicatorsData {
  groups: { title: string; commentary?: string; indicators: IndicatorData[] }[];
}

/** training.yaml. */
export interface TrainingData {
  title?: string;
  counted?: MemberKind[];
  sessions: TrainingSessionData[];
}

export interface TrainingSessionData {
  subject: string;
  outcomes?: string[];
  priority?: string;
  /** YYYY-MM-DD, or words such as "to be rearranged". */
  date?: string;
  delivered_by?: string;
  format?: string;
  audience?: string;
  attended?: string[];
  notes?: string;
}

/** forward-plan.yaml. */
export interface ForwardPlanData {
  to_be_scheduled: { title: string; lead?: string; notes?: string }[];
}

export type TableValue = string | number | null;

/** tables/NAME.yaml. */
export interface TableData {
  title: string;
  source?: string;
  rows?: Record<string, TableValue>[];
  columns: TableColumnData[];
  group_by?: string;
  caption?: string;
  notes?: string;
}

export interface TableColumnData {
  field: string;
  heading?: string;
  format?: 'text' | 'number' | 'percentage';
  decimals?: number;
  align?: 'left' | 'right' | 'centre';
  total?: 'sum' | 'mean' | 'none';
}
