import { displayPathOf } from '../load/display-path.js';
import { sha256Of } from '../load/pdf-check.js';
import type { PackPlan } from '../model/pack-plan.js';
import type { ReadSupplied } from '../print/pdf-insert.js';
import type { PackJob } from '../print/pack-printer.js';
import type { Contents } from '../render/pack-html.js';

/**
 * The supplied PDFs a pack puts on the pages kept for them (sanitised when read, by
 * publishablePdf, which also read them: `read`), and what they add to the pack's fingerprint.
 */
export function packSupplied(plan: PackPlan, contents: Contents, read: ReadSupplied): { supplied: PackJob['supplied']; hashes: string[] } {
  const supplied = plan.entries.flatMap((e) => {
    const content = e.kind === 'paper' ? contents.get(e.paper) : undefined;
    return e.kind === 'paper' && content?.format === 'pdf' ? [{ entryId: e.id, bytes: content.bytes, displayPath: displayPathOf(e.paper.path), pageCount: content.pageCount, sanitised: true, read }] : [];
  });
  return { supplied, hashes: supplied.map((p) => `${p.entryId}:${sha256Of(p.bytes)}`) };
}
