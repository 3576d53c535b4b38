import { join, resolve } from 'node:path';
import type { BuiltBoard } from '../../build/council-site.js';
import { councilInputs, councilKey } from '../../build/council-key.js';
import { validationContext } from '../validation-context.js';
import type { Council } from '../../domain/schema-types/council.js';
import { ExitCode, UsageError, ValidationError } from '../../errors.js';
import { displayPathOf, rememberTypedFolder } from '../../load/display-path.js';
import { isCouncilFolder } from '../../load/council-file.js';
import { BuildCache, CACHE_FILE } from '../../write/build-cache.js';
import { claimOutputFolder } from '../../write/output-folder.js';
import { PresentFiles } from '../../write/present-files.js';
import { filesToRemove } from '../../write/prune-folder.js';
import { COUNCIL_UNIT } from '../../write/site/site-folder.js';
import { StagedOutput } from '../../write/staged-output.js';
import { buildSettings, type BuildOptions, type BuildSettings } from '../build-settings.js';
import type { Io } from '../io.js';
import { formatProblems } from '../report.js';
import { plural } from '../../domain/words.js';

/** `cpb build FOLDER`: a council folder (it holds council.yaml) or a board folder. */
export async function buildFolderCommand(folder: string, options: BuildOptions, io: Io): Promise<ExitCode> {
  if (await isCouncilFolder(folder)) return buildCouncil(folder, buildSettings(options, io.env), io);
  if (options.board?.length) throw new UsageError(`--board chooses boards of a council folder, and ${displayPathOf(folder)} has no council.yaml`);
  const { buildCommand } = await import('./build.js');
  return buildCommand(folder, options, io);
}

/**
 * `cpb build COUNCIL`: each board into out/<its folder>/ exactly as `cpb build BOARD -o` would
 * (with the council's theme under its own), then the council's site at the top of out/. The
 * output folder is claimed, and marked as cpb's, before any board writes into it; the council's
 * own files are recorded in its manifest and pruned from it only, never a board's folder.
 */
export async function buildCouncil(dirArg: string, settings: BuildSettings, io: Io): Promise<ExitCode> {
  // Loaded here, not with the module: `cpb build BOARD` comes through this module too.
  const [{ loadCouncilFolder }, { councilProblems }] = await Promise.all([import('../../load/council-folder.js'), import('../../validate/validate-council.js')]);
  const council = await loadCouncilFolder(dirArg);
  const problems = councilProblems(council);
  io.stderr(formatProblems(problems, io));
  const errors = problems.filter((p) => p.severity === 'error');
  if (errors.length) throw new ValidationError(errors);
  if (settings.meetings?.length) throw new UsageError('-m chooses meetings of one board: give the board folder, not the council folder', { hint: `e.g. cpb build ${join(dirArg, council.boards[0]?.folder ?? 'BOARD')} -m ${settings.meetings[0]}` });
  const unknown = (settings.boards ?? []).filter((b) => !council.boards.some((c) => c.folder === b));
  if (unknown.length) throw new UsageError(`No board ${unknown.join(', ')} in ${displayPathOf(council.dir)}`, { hint: `Boards: ${council.boards.map((b) => b.folder).join(', ')}.` });
  const chosen = settings.boards ? council.boards.filter((b) => settings.boards!.includes(b.folder)) : council.boards;
  const data = council.council.data as Council;
  const outDir = settings.out ? resolve(settings.out) : join(council.dir, 'out');
  if (settings.out) rememberTypedFolder(settings.out);
  await claimOutputFolder(council.dir, outDir, settings.out ?? displayPathOf(outDir));
  if (!settings.dryRun) await markAsCpbs(outDir);
  const whole = !settings.dryRun && !settings.boards && !settings.force;
  const today = (await validationContext(io.env)).today;
  const keyOptions = { today, htmlOnly: settings.htmlOnly, ...(settings.sourceDateEpoch !== undefined ? { sourceDateEpoch: settings.sourceDateEpoch } : {}) };
  // Fingerprinted once, before any board is built; a build of some boards records no council key.
  const inputs = settings.dryRun || settings.boards ? undefined : await councilInputs(council, outDir, keyOptions);
  const present = new PresentFiles();
  const key = whole && inputs !== undefined ? await councilKey(council, outDir, inputs, present) : undefined;
  const recorded = (await BuildCache.open(outDir)).entry(COUNCIL_UNIT);
  if (key !== undefined && recorded?.key === key && present.all(outDir, recorded.files)) {
    io.stderr(`Nothing has changed since the last build of ${data.name}: ${displayPathOf(outDir)} is up to date.\n`);
    return ExitCode.ok;
  }

  // Imported once there is work to do: a council with nothing changed never loads the build's libraries.
  const { buildBoard } = await import('./build.js');
  const { boards: _chosen, ...boardSettings } = settings;
  const built: BuiltBoard[] = [];
  for (const board of chosen) {
    io.stderr(`${io.color.green(board.folder)}: ${displayPathOf(board.dir)}\n`);
    await buildBoard(board.dir, { ...boardSettings, out: join(outDir, board.folder) }, io, { data, ...(council.logo ? { logo: council.logo } : {}), built: (b) => built.push({ folder: board.folder, ...b }) });
  }
  // --board: part of the council's work (one job of several); the council's site is written by a build of them all.
  if (settings.dryRun || settings.boards) return ExitCode.ok;

  const output = await StagedOutput.open(outDir);
  try {
    const cache = await BuildCache.open(outDir);
    const { buildCouncilSite } = await import('../../build/council-site.js');
    await buildCouncilSite(council, built, output);
    const remove = filesToRemove(cache, [COUNCIL_UNIT], output.written);
    // With the boards' records as their builds left them (inputs as fingerprinted before).
    const after = await councilKey(council, outDir, inputs!);
    cache.record(COUNCIL_UNIT, after ?? 'incomplete', [...output.written]);
    const placed = await output.commit({ remove, record: { name: CACHE_FILE, data: cache.serialize() } });
    io.stderr(io.color.green(`Built the site of ${data.name} (${plural(council.boards.length, 'board')}) in ${displayPathOf(outDir)}\n`));
    if (settings.format === 'json') io.stdout(`${JSON.stringify({ outDir, files: placed }, null, 2)}\n`);
    else for (const file of placed) io.stdout(`${displayPathOf(file)}\n`);
    return ExitCode.ok;
  } finally {
    await output.discard();
  }
}

/**
 * Before a board writes into its sub-folder: the council's output folder gets cpb's record, so
 * a build that fails part way leaves a folder the next build may still write into.
 */
async function markAsCpbs(outDir: string): Promise<void> {
  const cache = await BuildCache.open(outDir);
  if (cache.unitNames.length) return;
  const output = await StagedOutput.open(outDir);
  try {
    await output.commit({ record: { name: CACHE_FILE, data: cache.serialize() } });
  } finally {
    await output.discard();
  }
}
