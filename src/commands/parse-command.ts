import { UsageError } from '../errors';
import { SUBCOMMANDS, Subcommand, isSubcommand } from './catalogue';
import type { CommandDefaults } from './command-defaults';
import { splitSubcommand } from './command-text';
import { parseAuditArgs } from './parse-audit-args';
import { parseCheckArgs } from './parse-check-args';
import { parseClusterArgs } from './parse-cluster-args';
import { parseErrorsArgs } from './parse-errors-args';
import { parseMemoryArgs } from './parse-memory-args';
import { parsePullsArgs } from './parse-pulls-args';
import { parseSetupAlertsArgs } from './parse-setup-alerts-args';
import type { ParsedCommand, ParsedCommandOf } from './parsed-command';

type ArgsParser<N extends Subcommand> = (args: string[], defaults: CommandDefaults) => ParsedCommandOf<N>;

/** The parser of every subcommand of the catalogue: the compiler refuses a missing one. */
const PARSERS: { readonly [N in Subcommand]: ArgsParser<N> } = {
  // Anything after `help` is ignored, as it always was.
  help: () => ({ name: 'help' }),
  status: (args, defaults) => ({ name: 'status', target: parseClusterArgs(args, defaults, false) }),
  check: (args, defaults) => ({ name: 'check', options: parseCheckArgs(args, defaults) }),
  memory: (args) => ({ name: 'memory', target: parseMemoryArgs(args) }),
  enable: (args, defaults) => ({ name: 'enable', target: parseClusterArgs(args, defaults, true) }),
  disable: (args, defaults) => ({ name: 'disable', target: parseClusterArgs(args, defaults, true) }),
  verify: (args, defaults) => ({ name: 'verify', target: parseClusterArgs(args, defaults, true) }),
  errors: (args, defaults) => ({ name: 'errors', ...parseErrorsArgs(args, defaults) }),
  pulls: (args, defaults) => ({ name: 'pulls', ...parsePullsArgs(args, defaults) }),
  'setup-alerts': (args, defaults) => ({ name: 'setup-alerts', ...parseSetupAlertsArgs(args, defaults) }),
  audit: (args) => ({ name: 'audit', count: parseAuditArgs(args) }),
};

/** The subcommand a typed word names; a UsageError listing them all when it names none. */
export function lookupSubcommand(word: string): Subcommand {
  if (isSubcommand(word)) return word;
  throw new UsageError(`unknown subcommand "${word.slice(0, 40)}"; try one of: ${SUBCOMMANDS.join(', ')}`);
}

/** Validates a subcommand's arguments and applies the defaults: a UsageError says what to fix. */
export function parseSubcommandArgs<N extends Subcommand>(
  name: N,
  args: string[],
  defaults: CommandDefaults,
): ParsedCommandOf<N> {
  return (PARSERS[name] as ArgsParser<N>)(args, defaults);
}

/** A whole command text (`status prod-1 --pool web`), parsed; an empty text is `help`. */
export function parseCommand(text: string, defaults: CommandDefaults): ParsedCommand {
  const { subcommand, rest } = splitSubcommand(text);
  return parseSubcommandArgs(lookupSubcommand(subcommand), rest, defaults);
}
