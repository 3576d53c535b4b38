import { Command, CommanderError, Option } from 'commander';
import { CpbError, ExitCode } from '../errors.js';
import { cpbVersion } from '../package-root.js';
import { processIo, type Io } from './io.js';
import { formatError } from './report.js';


const formatOption = (choices = ['human', 'json']) =>
  new Option('--format <format>', 'output format').choices(choices).default('human');

/**
 * Runs cpb with `argv` (without node and script) and returns the exit code. Nothing here or below
 * calls process.exit, so tests can run commands in-process and a browser is always closed.
 */
export async function run(argv: readonly string[], io: Io = processIo()): Promise<ExitCode> {
  let code: ExitCode = ExitCode.ok;
  let debug = argv.includes('--debug');
  const program = new Command('cpb')
    .description("Builds a council board's papers (agendas, packs, minutes, action logs, RAG reports) from data.")
    .version(cpbVersion(), '-V, --version')
    .option('--debug', 'show the stack of an internal error (a bug in cpb), and of any other error')
    .showHelpAfterError('(run with --help for usage)')
    .exitOverride()
    .configureOutput({ writeOut: io.stdout, writeErr: io.stderr, outputError: (text, write) => write(io.color.red(text)) });

  // Each command's module is imported only when that command runs: `validate` never loads puppeteer.
  program
    .command('build')
    .description('validate a board folder and write each meeting\'s agenda, papers and packs as HTML and PDF, and the website')
    .argument('[board]', 'board folder, or a council folder (one holding council.yaml): every board in it and the council site', '.')
    .option('-o, --out <dir>', 'output folder (default: out/ inside the board folder)')
    .option('-m, --meeting <date...>', 'build only these meetings (YYYY-MM-DD)')
    .option('--board <folder...>', 'of a council folder: build only these boards, and not the council site')
    .option('--browser <path>', 'Chromium or Chrome to print with (or set CPB_BROWSER)')
    .option('--html-only', 'write HTML and skip the PDFs')
    .option('--timeout <seconds>', 'limit for starting the browser and for printing each document', '60')
    .option('--dry-run', 'show what would be built, without writing or starting a browser')
    .option('--force', 'build every meeting, even those unchanged since the last build')
    .addOption(formatOption())
    .action(async (board: string, options) => {
      const { buildFolderCommand } = await import('./commands/build-council.js');
      code = await buildFolderCommand(board, options, io);
    });

  program
    .command('validate')
    .description('check a board folder, or single data files, against the schemas and cross-file rules')
    .argument('[paths...]', 'a board folder, or data files (board.yaml, meeting.yaml, minutes.yaml, plans/*.csv, …)', ['.'])
    .addOption(formatOption(['human', 'json', 'github']))
    .option('--strict', 'fail on warnings as well as errors')
    .action(async (paths: string[], options) => {
      const { validateCommand } = await import('./commands/validate.js');
      code = await validateCommand(paths, options, io);
    });

  program
    .command('actions')
    .description('list the actions raised in minutes, with their progress, as of today')
    .argument('[board]', 'board folder', '.')
    .option('--overdue', 'only actions past their due date and not completed')
    .option('--owner <name>', 'only actions owned by this person (member id or part of a name)')
    .addOption(formatOption())
    .action(async (board: string, options) => {
      const { actionsCommand } = await import('./commands/actions.js');
      code = await actionsCommand(board, options, io);
    });

  program
    .command('new')
    .description('write a file for the clerk to fill in: `cpb new minutes DATE` from that meeting\'s agenda, `cpb new meeting DATE` for a planned meeting')
    .argument('<kind>', 'minutes or meeting')
    .argument('<date>', 'the meeting, YYYY-MM-DD')
    .option('-b, --board <dir>', 'board folder', '.')
    .action(async (kind: string, date: string, options) => {
      const { newCommand } = await import('./commands/new.js');
      code = await newCommand(kind, date, options, io);
    });

  program
    .command('schema')
    .description('list the JSON Schemas of the data files, print one, or write them to a folder for editors')
    .argument('[kind]', 'board, meeting, minutes, actions, plan, plan-csv, indicators or figures')
    .option('-o, --out <dir>', 'write the schemas into this folder')
    .option('--markdown', 'print the reference of every field as Markdown')
    .action(async (kind: string | undefined, options) => {
      const { schemaCommand } = await import('./commands/schema.js');
      code = await schemaCommand(kind, options, io);
    });

  program
    .command('serve')
    .description('build the board, serve its website on 127.0.0.1 and rebuild it when the board\'s files change')
    .argument('[board]', 'board folder', '.')
    .option('-p, --port <port>', 'port to listen on, on 127.0.0.1 only (0 picks a free one)', '8080')
    .option('-o, --out <dir>', 'output folder (default: out/ inside the board folder); the site is its site/ folder')
    .option('--browser <path>', 'Chromium or Chrome to print with (or set CPB_BROWSER)')
    .option('--html-only', 'write HTML and skip the PDFs (faster rebuilds)')
    .option('--timeout <seconds>', 'limit for starting the browser and for printing each document', '60')
    .action(async (board: string, options) => {
      const { serveCommand } = await import('./commands/serve.js');
      code = await serveCommand(board, { ...options, debug }, io);
    });

  program
    .command('init')
    .description('create a new board folder with a small working example')
    .argument('<dir>', 'folder to create (must be empty or absent)')
    .action(async (dir: string) => {
      const { initCommand } = await import('./commands/init.js');
      code = await initCommand(dir, io);
    });

  // A testing aid (see CONTRIBUTING.md): a bug as cpb would meet one, thrown as a command starts.
  if (io.env['CPB_TEST_INTERNAL_ERROR']) {
    program.hook('preAction', () => {
      throw new TypeError(`CPB_TEST_INTERNAL_ERROR is set (${io.env['CPB_TEST_INTERNAL_ERROR']})`);
    });
  }

  try {
    await program.parseAsync([...argv], { from: 'user' });
    debug = Boolean(program.opts()['debug']);
  } catch (error) {
    if (error instanceof CommanderError) {
      return error.exitCode === 0 ? ExitCode.ok : ExitCode.usage;
    }
    io.stderr(formatError(error, io, debug));
    // Anything not a CpbError is a bug.
    return error instanceof CpbError ? error.exitCode : ExitCode.internal;
  }
  return code;
}
