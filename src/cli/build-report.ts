import { join, relative } from 'node:path';
import { withdrawnUnits, type BuildPlan } from '../build/plan.js';
import { displayPathOf } from '../load/display-path.js';
import type { BoardRecord } from '../write/build-cache.js';
import type { Io } from './io.js';
import { plural } from '../domain/words.js';

type MissingPdfs = BuildPlan['missingPdfs'];

/** Before building: meetings reused, and meetings not asked for that are taken away as out of date. */
export function reportDecisions(plan: BuildPlan, outDir: string, io: Io): void {
  const chosen = plan.meetings.filter((m) => m.chosen);
  const unchanged = chosen.filter((m) => m.action !== 'build').length;
  if (unchanged) io.stderr(`${plural(unchanged, 'meeting')} unchanged since the last build\n`);
  const stale = plan.meetings.filter((m) => m.action === 'withdraw').map((m) => m.meeting.id);
  if (stale.length) {
    const one = stale.length === 1;
    io.stderr(
      `${io.color.yellow('warning')} ${stale.join(', ')} changed since ${one ? 'it was' : 'they were'} built, so ${one ? 'its' : 'their'} papers are taken off the website and out of ${displayPathOf(outDir)} until built again\n` +
        `    hint: Run cpb build ${relative(process.cwd(), plan.model.dir) || '.'} -m ${stale.join(' ')} (or without -m) to build ${one ? 'it' : 'them'} again.\n`,
    );
  }
}

/** After the build: the PDFs it did not make, and why (`noBrowser`: none was found, else --html-only). */
export function reportMissingPdfs(missing: MissingPdfs, noBrowser: boolean, outDir: string, io: Io): void {
  if (!missing.length) return;
  const why = noBrowser ? 'no browser was found' : 'this build was run with --html-only';
  const count = missing.reduce((n, m) => n + m.files.length, 0);
  const lines = missing.map((m) => `    ${displayPathOf(join(outDir, m.meeting))}: ${m.files.map((f) => f.slice(m.meeting.length + 1)).join(', ')}`);
  const how = noBrowser ? 'Build again once cpb can find a browser (see below).' : 'Run cpb build without --html-only to print them.';
  io.stderr(`${io.color.yellow('warning')} ${plural(count, 'PDF')} missing, since ${why}; a changed meeting's old PDFs were removed, not left out of date:\n${lines.join('\n')}\n    hint: ${how}\n`);
}

/** What the build placed in the output folder: the files on stdout (as JSON with --format json). */
export function reportBuilt(placed: readonly string[], missing: MissingPdfs, outDir: string, format: 'human' | 'json', io: Io): void {
  if (format === 'json') {
    const missingPdfs = missing.flatMap((m) => m.files.map((f) => join(outDir, f)));
    io.stdout(`${JSON.stringify({ outDir, files: placed, ...(missingPdfs.length ? { missingPdfs } : {}) }, null, 2)}\n`);
  } else {
    io.stderr(io.color.green(`Built ${plural(placed.length, 'file')} in ${displayPathOf(outDir)}\n`));
    for (const file of placed) io.stdout(`${displayPathOf(file)}\n`);
  }
}

/**
 * A rebuild of a board with nothing changed (see upToDate), which stops before reading it: so
 * it says how many warnings the last build gave, and how to see them, rather than the warnings.
 * The PDFs an --html-only build left missing are listed as a build would list them.
 */
export function reportUpToDate(record: BoardRecord, boardDir: string, outDir: string, format: 'human' | 'json', io: Io): void {
  io.stderr(`Nothing has changed since the last build: ${displayPathOf(outDir)} is up to date.\n`);
  const n = record.warnings;
  if (n) io.stderr(`${io.color.yellow(plural(n, 'warning'))} given by that build; \`cpb validate ${relative(process.cwd(), boardDir) || '.'}\` shows ${n === 1 ? 'it' : 'them'} again.\n`);
  reportMissingPdfs(record.missingPdfs, false, outDir, io);
  if (format === 'json') reportBuilt([], record.missingPdfs, outDir, format, io);
}

/** --dry-run: each document of the meetings asked for, then what is built, reused and taken away. */
export function reportPlan(plan: BuildPlan, outDir: string, format: 'human' | 'json', io: Io): void {
  const chosen = plan.meetings.filter((m) => m.chosen);
  const documents = chosen.flatMap((m) => m.documents.map((d) => ({ meeting: m.meeting.id, kind: d.kind, title: d.title, template: d.template, outputs: d.files })));
  const ids = (action: string) => plan.meetings.filter((m) => m.action === action).map((m) => m.meeting.id);
  if (format === 'json') {
    const json = {
      outDir,
      documents: documents.map((d) => ({ ...d, outputs: d.outputs.map((o) => join(outDir, o)) })),
      meetings: plan.meetings.map((m) => ({ id: m.meeting.id, chosen: m.chosen, action: m.action, key: m.key, pdfDate: m.pdfDate.toISOString() })),
      withdrawn: withdrawnUnits(plan),
      site: { rebuild: plan.site.rebuild, key: plan.site.key },
      ...(plan.missingPdfs.length ? { missingPdfs: plan.missingPdfs.flatMap((m) => m.files.map((f) => join(outDir, f))) } : {}),
    };
    io.stdout(`${JSON.stringify(json, null, 2)}\n`);
    return;
  }
  for (const doc of documents) {
    io.stdout(`${doc.meeting}  ${doc.kind}: ${doc.title}\n`);
    for (const o of doc.outputs) io.stdout(`  ${displayPathOf(join(outDir, o))}\n`);
  }
  const line = (label: string, list: string[], why?: string) => (list.length ? io.stdout(`${label} ${list.join(', ')}${why ? ` (${why})` : ''}\n`) : undefined);
  line('build   ', ids('build'));
  line('reuse   ', ids('reuse'), 'unchanged since the last build');
  line('withdraw', ids('withdraw'), 'changed since built, and not asked for: taken away until built again');
  line('remove  ', plan.removed, 'no longer on the board');
  io.stdout(`site     ${plan.site.rebuild ? 'written again' : 'unchanged'}\n`);
  const missing = plan.missingPdfs.reduce((n, m) => n + m.files.length, 0);
  if (missing) io.stdout(`missing  ${plural(missing, 'PDF')} once built: ${plan.missingPdfs.map((m) => m.meeting).join(', ')}\n`);
}
