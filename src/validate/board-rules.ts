import { existsSync } from 'node:fs';
import { basename, dirname, relative, resolve, isAbsolute } from 'node:path';
import type { Problem } from '../errors.js';
import type { LoadedBoard } from '../load/board-folder.js';
import type { YamlSource } from '../load/source.js';
import { positionOf } from '../load/yaml-file.js';
import { didYouMean } from './did-you-mean.js';

/** Rules that look across files; files named in `broken` failed their schema and are skipped. */
export function crossFileProblems(loaded: LoadedBoard, broken: ReadonlySet<string>): Problem[] {
  if (broken.has(loaded.board.displayPath)) return [];
  const board = loaded.board.data as { membership?: { id: string }[] };
  const memberIds = (board.membership ?? []).map((m) => m.id);
  const problems: Problem[] = [];
  problems.push(...duplicateMemberIds(loaded.board));
  for (const meeting of loaded.meetings) {
    if (broken.has(meeting.displayPath)) continue;
    problems.push(...meetingProblems(meeting, memberIds, loaded.dir));
  }
  return problems;
}

function at(source: YamlSource, segments: (string | number)[], message: string, rule: string, hint?: string): Problem {
  const pos = positionOf(source, segments.map(String));
  return { severity: 'error', file: source.displayPath, ...pos, message, rule, ...(hint ? { hint } : {}) };
}

function duplicateMemberIds(source: YamlSource): Problem[] {
  const members = (source.data as { membership?: { id: string }[] }).membership ?? [];
  const seen = new Set<string>();
  const problems: Problem[] = [];
  members.forEach((m, i) => {
    if (seen.has(m.id)) {
      problems.push(at(source, ['membership', i, 'id'], `member id '${m.id}' is used twice`, 'board/duplicate-member'));
    }
    seen.add(m.id);
  });
  return problems;
}

interface MeetingData {
  date: string;
  chair?: string;
  items: { presenter?: { member?: string }; papers?: { file: string }[]; shows_next_meeting?: boolean }[];
  next_meeting?: unknown;
}

function meetingProblems(source: YamlSource, memberIds: string[], boardDir: string): Problem[] {
  const data = source.data as MeetingData;
  const problems: Problem[] = [];
  const folder = basename(dirname(source.path));
  if (folder !== data.date) {
    problems.push(
      at(source, ['date'], `date ${data.date} does not match the meeting's folder name '${folder}'`, 'meeting/date-folder',
        `Rename the folder to meetings/${data.date} or correct the date.`),
    );
  }
  const unknownMember = (id: string, path: (string | number)[]) =>
    at(source, path, `'${id}' is not a member in board.yaml`, 'meeting/unknown-member',
      didYouMean(id, memberIds) ? `Did you mean '${didYouMean(id, memberIds)}'?` : 'Add them to the membership, or give the presenter\'s name instead.');
  if (data.chair && !memberIds.includes(data.chair)) problems.push(unknownMember(data.chair, ['chair']));
  data.items.forEach((item, i) => {
    const member = item.presenter?.member;
    if (member && !memberIds.includes(member)) problems.push(unknownMember(member, ['items', i, 'presenter', 'member']));
    item.papers?.forEach((paper, j) => {
      const problem = paperFileProblem(paper.file, dirname(source.path), boardDir);
      if (problem) problems.push(at(source, ['items', i, 'papers', j, 'file'], problem.message, problem.rule, problem.hint));
    });
    if (item.shows_next_meeting && !data.next_meeting) {
      problems.push(at(source, ['items', i, 'shows_next_meeting'], 'this item shows the next meeting, but the meeting has no next_meeting', 'meeting/next-meeting',
        'Add next_meeting with its date and time.'));
    }
  });
  return problems;
}

function paperFileProblem(file: string, meetingDir: string, boardDir: string): Omit<Problem, 'file' | 'line' | 'column' | 'severity'> | undefined {
  const full = resolve(meetingDir, file);
  const rel = relative(boardDir, full);
  if (isAbsolute(file) || rel.startsWith('..') || isAbsolute(rel)) {
    return { message: `paper '${file}' is outside the board folder`, rule: 'meeting/paper-outside', hint: 'Keep papers inside the board folder, e.g. in the meeting\'s papers/ folder.' };
  }
  if (!existsSync(full)) {
    return { message: `paper '${file}' does not exist`, rule: 'meeting/paper-missing', hint: 'Paths are relative to the meeting folder.' };
  }
  return undefined;
}
