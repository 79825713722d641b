import { parseArgs, ParseArgsConfig } from 'node:util';
import { UsageError, errorMessage } from '../errors';

/** The flags a subcommand takes: name -> string or boolean. */
export type FlagSpec = NonNullable<ParseArgsConfig['options']>;

/** Slash command text is short: anything longer is not a command. */
const MAX_TEXT = 1000;

/** Splits `/imagestream` text into the subcommand and the rest. */
export function splitSubcommand(text: string): { subcommand: string; rest: string[] } {
  if (text.length > MAX_TEXT)
    throw new UsageError(`the command is ${text.length} characters long; at most ${MAX_TEXT}`);
  // Slack turns some characters into entities and may add non-breaking spaces: normalise both.
  const tokens = text
    .replace(/\u00a0/g, ' ')
    .replace(/&amp;/g, '&')
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .trim()
    .split(/\s+/)
    .filter(Boolean);
  const [subcommand = 'help', ...rest] = tokens;
  return { subcommand: subcommand.toLowerCase(), rest };
}

/**
 * Parses a subcommand's arguments with Node's own `util.parseArgs` (strict: an unknown flag or a
 * missing value is an error that names it), then returns positionals and flag values.
 */
export function parseCommandArgs(
  args: string[],
  options: FlagSpec,
): { positionals: string[]; values: Record<string, string | boolean | undefined> } {
  try {
    const parsed = parseArgs({ args, options, strict: true, allowPositionals: true, allowNegative: true });
    return { positionals: parsed.positionals, values: parsed.values as Record<string, string | boolean | undefined> };
  } catch (err) {
    // parseArgs' messages mention "parseArgs"; keep only what the user typed wrong.
    const message = errorMessage(err).replace(/\. To specify a positional.*$/s, '');
    throw new UsageError(message.replace(/^Unknown option/, 'unknown flag').slice(0, 200));
  }
}
