/**
 * Plain data as the schemas describe it (snake_case, as in the YAML). Kept beside the schemas by
 * hand for now; see the README's note on the schemas.
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
}

export interface PresenterData {
  member?: string;
  name?: string;
  post?: string;
  service?: string;
}

export type GeneratorKind = 'minutes' | 'action-log' | 'plan' | 'performance';

export interface PaperData {
  title: string;
  file?: string;
  generate?: GeneratorKind;
  meeting?: string;
  plan?: string;
  show?: 'open' | 'all';
  year?: string;
}

export interface ItemData {
  number?: number;
  title: string;
  presenter?: PresenterData;
  purpose?: string;
  standing?: boolean;
  shows_next_meeting?: boolean;
  papers?: PaperData[];
  exempt?: { paragraph: number; reason?: string };
  late?: boolean;
  urgency?: string;
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
