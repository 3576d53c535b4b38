import type { Meeting } from './meeting.js';
import { packPlan, paperFileName, type PackEntry, type PackPlan } from './pack-plan.js';

/** The files one meeting produces, relative to the output folder. Confidential ones sit apart. */
export interface MeetingOutputs {
  meeting: Meeting;
  agenda: string;
  packs: { plan: PackPlan; file: string }[];
  /** Each HTML paper on its own (inserted PDFs are already files of their own). */
  papers: { plan: PackPlan; entry: PackEntry; file: string }[];
}

export const CONFIDENTIAL_DIR = 'confidential';

/**
 * The public pack always; a supplementary pack when there are late papers; a confidential pack
 * (in confidential/) when any item is exempt or a paper made from minutes holds exempt business.
 * Papers of exempt items are written only there. A paper's files sit in its meeting's folder
 * beside the agenda and packs (see paperFileName).
 */
export function meetingOutputs(meeting: Meeting): MeetingOutputs {
  const dir = meeting.id;
  const publicPlan = packPlan(meeting, 'public');
  const packs = [{ plan: publicPlan, file: `${dir}/pack` }];
  const supplementary = packPlan(meeting, 'supplementary');
  if (supplementary.entries.length) packs.push({ plan: supplementary, file: `${dir}/supplementary` });
  // Exempt items, or minutes, an action log or a register of interests holding exempt business.
  const hasExempt = meeting.items.some((i) => i.exempt) || meeting.drawsOnExemptMinutes === true;
  const confidential = packPlan(meeting, 'confidential');
  if (hasExempt) packs.push({ plan: confidential, file: `${dir}/${CONFIDENTIAL_DIR}/pack` });

  const papers = confidential.entries
    .filter((e): e is Extract<PackEntry, { kind: 'paper' }> => e.kind === 'paper' && e.paper.format !== 'pdf')
    .map((entry) => {
      const exempt = entry.item.exempt !== undefined;
      const plan = exempt ? confidential : entry.item.late ? supplementary : publicPlan;
      return { plan, entry, file: `${dir}/${exempt ? `${CONFIDENTIAL_DIR}/` : ''}${paperFileName(entry.item, entry.index)}` };
    });
  return { meeting, agenda: `${dir}/agenda`, packs, papers };
}
