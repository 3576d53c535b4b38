import type { Meeting } from '../model/meeting.js';
import type { MinutesDocument } from '../model/minutes-document.js';
import { meetingOutputs } from '../model/outputs.js';
import { paperPublicTitle } from '../model/pack-plan.js';

/** One document a meeting produces, as --dry-run lists it. */
export interface PlannedDocument {
  kind: string;
  title: string;
  template: string;
  /** Relative to the output folder: HTML, and PDF when printing. */
  files: string[];
}

/** A meeting's papers on their own, its packs, its agenda and its own minutes, in that order. */
export function meetingDocuments(meeting: Meeting, pdfs: boolean, minutes: readonly MinutesDocument[] = []): PlannedDocument[] {
  const outputs = meetingOutputs(meeting);
  const pdf = (file: string) => (pdfs ? [`${file}.pdf`] : []);
  return [
    ...outputs.papers.map((p) => ({ kind: 'paper', title: p.entry.kind === 'paper' ? paperPublicTitle(p.entry.item, p.entry.index) : '', template: 'documents/paper.hbs', files: [`${p.file}.html`, ...pdf(p.file)] })),
    ...outputs.packs.map((p) => ({ kind: `${p.plan.variant} pack`, title: `${p.plan.entries.length} papers`, template: 'documents/pack.hbs', files: pdf(p.file) })),
    { kind: 'agenda', title: 'Agenda', template: 'documents/agenda.hbs', files: [`${outputs.agenda}.html`, ...pdf(outputs.agenda)] },
    ...minutes.map((m) => ({ kind: m.audience === 'public' ? 'minutes' : 'confidential minutes', title: 'Minutes', template: 'documents/minutes.hbs', files: [`${m.file}.html`, ...pdf(m.file)] })),
  ];
}
