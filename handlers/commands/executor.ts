import type { Subcommand } from '../../src/commands/catalogue';
import type { ParsedCommandOf } from '../../src/commands/parsed-command';
import type { WebDeps } from '../web-deps';
import type { CommandContext } from './command-context';
import type { CommandAnswer } from './command-reply';

/**
 * What one subcommand does with its parsed command: it may only enqueue a job (after the
 * allow-list check) or answer from what it has (help, arithmetic, the audit log). Parsing,
 * validation and defaults are done before (src/commands).
 */
export type Executor<N extends Subcommand> = (
  command: ParsedCommandOf<N>,
  context: CommandContext,
  deps: WebDeps,
) => Promise<CommandAnswer>;
