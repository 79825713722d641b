import { Command, CommanderError } from 'commander';
import { ConfigError } from '../config';
import { ErrorCode, errorMessage } from '../errors';
import { CliIo, EXIT } from './cli-io';
import { RunCheck, checkCommand, runCheck } from './commands/check-command';
import { classifyCommand } from './commands/classify-command';
import { memoryCommand } from './commands/memory-command';
import { pullsCommand } from './commands/pulls-command';

/** Test seams; the executable passes none. */
export interface CliSeams {
  /** What `check` does once its input is valid (tests parse the help's examples without calling Google). */
  runCheck?: RunCheck;
}

/**
 * Runs one CLI invocation and returns its exit code. Every failure is one line on stderr:
 * usage and config errors exit 2, a remote failure 1, a bug 4; never a stack trace.
 */
export async function runCli(argv: string[], io: CliIo, seams: CliSeams = {}): Promise<number> {
  let exitCode: number = EXIT.ok;
  const setExit = (code: number) => {
    exitCode = code;
  };
  const program = new Command('imagestream')
    .description(
      'GKE Image Streaming: check image eligibility, compute memory reservations, classify gcfsd logs, measure image pulls',
    )
    .version(version(), '--version')
    .showSuggestionAfterError()
    .addCommand(checkCommand(io, setExit, seams.runCheck ?? runCheck))
    .addCommand(memoryCommand(io))
    .addCommand(classifyCommand(io, setExit))
    .addCommand(pullsCommand(io, setExit))
    .addHelpText('after', '\nRun "imagestream COMMAND --help" for the flags of each command.');
  configure(program, io);

  try {
    await program.parseAsync(argv, { from: 'user' });
    return exitCode;
  } catch (err) {
    return reportError(err, io);
  }
}

/** Commander prints help and errors through io and throws instead of exiting (every subcommand too). */
function configure(cmd: Command, io: CliIo): void {
  cmd.exitOverride().configureOutput({
    writeOut: (s) => io.stdout(s),
    writeErr: (s) => io.stderr(s),
    outputError: (s, write) => write(s.endsWith('\n') ? s : s + '\n'),
  });
  for (const sub of cmd.commands) configure(sub, io);
}

function reportError(err: unknown, io: CliIo): number {
  if (err instanceof CommanderError) {
    // Help and version are "errors" to commander; they already printed.
    if (err.code === 'commander.helpDisplayed' || err.code === 'commander.version' || err.code === 'commander.help') {
      return EXIT.ok;
    }
    if (err.code === 'commander.executeSubCommandAsync') return EXIT.internal;
    return EXIT.usage;
  }
  if (err instanceof ConfigError) {
    io.stderr(`imagestream: ${err.message}\n`);
    return EXIT.usage;
  }
  const code = (err as { code?: unknown }).code;
  if (code === ErrorCode.Usage) {
    io.stderr(`imagestream: ${oneLine(errorMessage(err))}\n`);
    return EXIT.usage;
  }
  if (code === ErrorCode.Remote) {
    io.stderr(`imagestream: ${oneLine(errorMessage(err))}\n`);
    return EXIT.failed;
  }
  io.stderr(`imagestream: internal error: ${oneLine(errorMessage(err))}\n`);
  return EXIT.internal;
}

function oneLine(text: string): string {
  return text.replace(/\s*\n\s*/g, ' ').slice(0, 2000);
}

/** The package version: package.json is two levels up from src/cli, three from dist/src/cli. */
function version(): string {
  for (const path of ['../../package.json', '../../../package.json']) {
    try {
      return (require(path) as { version: string }).version;
    } catch {
      // try the next layout
    }
  }
  return 'unknown';
}
