/**
 * Plain data as the schemas describe it (snake_case, as in the YAML), under the names the code
 * uses. The shapes are generated from schemas/ into schema-types/ (`npm run types`); this file
 * only names them and the parts the code passes around on their own.
 */
import type { ActionUpdates, Progress } from './schema-types/actions.js';
import type { Board, Member, ScheduledMeeting } from './schema-types/board.js';
import type { ForwardPlan } from './schema-types/forward-plan.js';
import type { Indicator, PerformanceIndicators } from './schema-types/indicators.js';
import type { AgendaItem, Meeting, Paper, Presenter } from './schema-types/meeting.js';
import type { Action, Minute, Minutes, Person } from './schema-types/minutes.js';
import type { Contact } from './schema-types/paper.js';
import type { Action as PlanAction, DeliveryPlan } from './schema-types/plan.js';
import type { Column, Table } from './schema-types/table.js';
import type { Session, TrainingPlan } from './schema-types/training.js';

export type BoardData = Board;
/** A contact in a Markdown paper's header block. */
export type ContactData = Contact;
export type MemberData = Member;
export type MemberKind = Member['kind'];
/** A meeting date in board.yaml's schedule, for meetings without a folder. */
export type ScheduledMeetingData = ScheduledMeeting;
/** Working days before a meeting for each report deadline. */
export type DeadlinesData = NonNullable<Board['deadlines']>;

export type MeetingData = Meeting;
export type ItemData = AgendaItem;
export type PresenterData = Presenter;
export type PaperData = Paper;
export type GeneratorKind = NonNullable<Paper['generate']>;
/** Schedule 12A exemption of an agenda item or a minute (the two schemas word it alike). */
export type ExemptionData = NonNullable<AgendaItem['exempt']>;

export type MinutesData = Minutes;
export type MinuteData = Minute;
export type PersonData = Person;
export type ActionData = Action;

export type ActionStatus = NonNullable<Progress['status']>;
/**
 * actions.yaml: progress keyed by action id. The schema also allows the editors' `$schema` key
 * (a string), which the code never looks up as an action.
 */
export type ActionUpdatesData = Record<Exclude<keyof ActionUpdates, '$schema'>, Progress>;

export type PlanData = DeliveryPlan;
export type PlanActionData = PlanAction;

export type IndicatorsData = PerformanceIndicators;
export type IndicatorData = Indicator;

/** training.yaml. */
export type TrainingData = TrainingPlan;
export type TrainingSessionData = Session;

/** forward-plan.yaml. */
export type ForwardPlanData = ForwardPlan;

/** tables/NAME.yaml. */
export type TableData = Table;
export type TableColumnData = Column;
export type TableValue = NonNullable<Table['rows']>[number][string];
