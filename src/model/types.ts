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
}

export interface PresenterData {
  member?: string;
  name?: string;
  post?: string;
  service?: string;
}

export interface PaperData {
  title: string;
  file: string;
}

export interface ItemData {
  title: string;
  presenter?: PresenterData;
  purpose?: string;
  standing?: boolean;
  shows_next_meeting?: boolean;
  papers?: PaperData[];
}

export interface MeetingData {
  date: string;
  time: string;
  venue: string;
  status?: 'planned' | 'held' | 'cancelled';
  chair?: string;
  notices?: string[];
  items: ItemData[];
  next_meeting?: { date: string; time: string; venue?: string };
}
