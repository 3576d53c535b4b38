import { watch, type FSWatcher } from 'node:fs';
import { readdir, stat } from 'node:fs/promises';
import { join, relative, resolve, sep } from 'node:path';
import { ExitCode, UsageError } from '../../errors.js';
import { displayPathOf, rememberTypedFolder } from '../../load/display-path.js';
import { claimOutputFolder } from '../../write/output-folder.js';
import { SITE_DIR } from '../../write/site/site-folder.js';
import type { Io } from '../io.js';
import { formatError } from '../report.js';
import { mergePlans, rebuildPlan, type RebuildPlan } from '../../build/rebuild-plan.js';
import { startStaticServer, type StaticServer } from '../serve/static-server.js';
import { buildSettings } from '../build-settings.js';
import type { BrowserSession } from '../../print/browser-session.js';
import { browserFor, buildBoard } from './build.js';

export interface ServeOptions {
  port: string;
  out?: string;
  browser?: string;
  htmlOnly?: boolean;
  timeout: string;
  debug?: boolean;
  /** Quiet time after a change before rebuilding, in ms (several saves make one build). */
  settleMs?: number;
}

/** A running `cpb serve`: its address, a way to wait for builds to finish, and a way to stop it. */
export interface SiteServer {
  url: string;
  port: number;
  /** Builds finished so far, successful or not. */
  readonly builds: number;
  /** Resolves once no build is running or waiting. */
  idle(): Promise<void>;
  /** Stops watching and serving, after the build under way (if any) ends. */
  close(): Promise<void>;
}

/** `cpb serve`: serves until Ctrl-C (or SIGTERM), then stops cleanly. */
export async function serveCommand(boardArg: string, options: ServeOptions, io: Io): Promise<ExitCode> {
  const server = await startServe(boardArg, options, io);
  io.stderr(`Serving ${io.color.bold(server.url)} (127.0.0.1 only); watching ${displayPathOf(resolve(boardArg))} for changes. Press Ctrl-C to stop.\n`);
  await new Promise<void>((done) => {
    const stop = () => {
      process.off('SIGINT', stop);
      process.off('SIGTERM', stop);
      done();
    };
    process.on('SIGINT', stop);
    process.on('SIGTERM', stop);
  });
  io.stderr('Stopping…\n');
  await server.close();
  return ExitCode.ok;
}

/**
 * Builds the board, serves out/site on 127.0.0.1 and rebuilds when the board's files change: a
 * meeting's papers rebuild that meeting and the site; anything else rebuilds the board (where the
 * build's own cache skips meetings whose inputs did not change). Builds run one at a time; a build
 * that fails (bad data, say) is reported and the last good site stays up.
 */
export async function startServe(boardArg: string, options: ServeOptions, io: Io): Promise<SiteServer> {
  const boardDir = resolve(boardArg);
  if (!(await stat(boardDir).catch(() => undefined))?.isDirectory()) {
    throw new UsageError(`No board folder at ${displayPathOf(boardDir)}`);
  }
  const port = parsePort(options.port);
  // Read once: every build of this server is made with the same settings.
  const settings = buildSettings({ ...(options.out ? { out: options.out } : {}), ...(options.browser ? { browser: options.browser } : {}), ...(options.htmlOnly ? { htmlOnly: true } : {}), timeout: options.timeout, format: 'human' }, io.env);
  const outDir = options.out ? resolve(options.out) : join(boardDir, 'out');
  if (options.out) rememberTypedFolder(options.out);
  // Refused before serving anything: each build would refuse it, and the site would never appear.
  await claimOutputFolder(boardDir, outDir, options.out ?? displayPathOf(outDir));
  const outRel = relative(boardDir, outDir);
  const ignored = outRel && !outRel.startsWith('..') && !outRel.startsWith(sep) ? [outRel.split(sep).join('/')] : [];
  // The file list of each build is for `cpb build`; here only the messages matter.
  const buildIo: Io = { ...io, stdout: () => undefined };

  let builds = 0;
  let pending: RebuildPlan = { kind: 'none' };
  let running: Promise<void> | undefined;
  let closed = false;
  let timer: NodeJS.Timeout | undefined;
  let settling = false;

  // One browser for every build, started by the first that prints and closed when the server
  // stops; one that died or was stopped is replaced by the next build.
  let browser: BrowserSession | undefined;
  const browserForBuild = async (): Promise<BrowserSession | undefined> => {
    if (settings.htmlOnly) return undefined;
    if (browser && !(await browser.usable())) {
      await browser.close();
      browser = undefined;
    }
    return (browser ??= browserFor(settings));
  };

  const build = async (plan: RebuildPlan): Promise<void> => {
    const meetings = plan.kind === 'meetings' ? plan.ids : undefined;
    io.stderr(`${meetings ? `Rebuilding ${meetings.join(', ')} and the site` : 'Building the board and its site'}…\n`);
    try {
      await buildBoard(boardDir, { ...settings, ...(meetings ? { meetings } : {}) }, buildIo, undefined, await browserForBuild());
    } catch (error) {
      io.stderr(formatError(error, io, options.debug === true));
      io.stderr('The site still shows the last successful build; fix the problem and save to try again.\n');
    } finally {
      builds++;
    }
  };

  // One build at a time: changes that come in meanwhile are merged into the next one.
  const drain = (): Promise<void> => {
    running ??= (async () => {
      while (pending.kind !== 'none' && !closed) {
        const plan = pending;
        pending = { kind: 'none' };
        await build(plan);
      }
      running = undefined;
    })();
    return running;
  };

  await build({ kind: 'all' });
  const http: StaticServer = await startStaticServer(join(outDir, SITE_DIR), port).catch(async (error: unknown) => {
    // Not serving (the port is taken, say): nothing will build again, so the browser goes now.
    await browser?.close();
    throw error;
  });

  const changed = new Set<string>();
  const watcher: FSWatcher = watch(boardDir, { recursive: true }, (_event, name) => {
    if (closed || !name) return;
    changed.add(name.toString().split(sep).join('/'));
    clearTimeout(timer);
    settling = true;
    timer = setTimeout(() => void settle(), options.settleMs ?? 200);
  });
  watcher.on('error', (error) => io.stderr(`${io.color.yellow('warning')} watching ${displayPathOf(boardDir)}: ${error.message}\n`));

  async function settle(): Promise<void> {
    try {
      const paths = [...changed];
      changed.clear();
      const meetingIds = new Set(await readdir(join(boardDir, 'meetings')).catch(() => [] as string[]));
      const plan = rebuildPlan(paths, meetingIds, ignored);
      if (plan.kind === 'none' || closed) return;
      pending = mergePlans(pending, plan);
      void drain();
    } finally {
      settling = changed.size > 0;
    }
  }

  return {
    url: http.url,
    port: http.port,
    get builds() {
      return builds;
    },
    async idle() {
      while (running || settling) {
        await (running ?? new Promise((done) => setTimeout(done, 50)));
      }
    },
    async close() {
      closed = true;
      clearTimeout(timer);
      timer = undefined;
      watcher.close();
      await http.close();
      await running;
      await browser?.close();
      browser = undefined;
    },
  };
}

function parsePort(value: string): number {
  const port = Number(value);
  if (!Number.isInteger(port) || port < 0 || port > 65535) throw new UsageError(`--port must be a whole number from 0 to 65535, not '${value}'`);
  return port;
}
