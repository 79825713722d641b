import { OutOfScopeError } from '../../src/access/access-scope';
import type { ConversationRef } from '../../src/chat/conversation-ref';
import type { MessageDocument } from '../../src/chat/message-document';
import type { PrincipalId } from '../../src/chat/principal-id';
import { code, emoji, joinRich, rich } from '../../src/chat/rich-text';
import { SUBCOMMAND_USAGE, Subcommand } from '../../src/commands/catalogue';
import type { CommandDefaults } from '../../src/commands/command-defaults';
import { splitSubcommand } from '../../src/commands/command-text';
import { lookupSubcommand, parseSubcommandArgs } from '../../src/commands/parse-command';
import { ErrorCode, errorMessage } from '../../src/errors';
import type { CommandOutcome } from '../../src/metrics/bot-metrics';
import type { ReplyTo } from '../../src/queue/job-schemas';
import { usageErrorMessage } from '../../src/render/usage-error-message';
import { recordAudit } from '../record-audit';
import type { WebDeps } from '../web-deps';
import type { CommandAnswer, ReplyVisibility } from './command-reply';
import { privateText } from './command-reply';
import type { Executor } from './executor';
import { EXECUTORS } from './index';

/** A command as a chat adapter hands it over: what was typed, by whom, where. */
export interface CommandInput {
  /** What was typed after the command (`status prod-1 --pool web`); empty = help. */
  text: string;
  /**
   * Who typed it; null when the platform sent a user id of a shape the bot does not accept: the
   * command still runs (help needs no one), its audit events name no one, and a job's payload
   * schema refuses it with an answer that says so.
   */
  requester: PrincipalId | null;
  /** The conversation it was typed in: a mutating subcommand is allowed only in the configured ones. */
  conversation: Pick<ConversationRef, 'platform' | 'space'>;
  /** Where a queued job answers; passed through as the adapter built it. */
  replyTo: ReplyTo;
}

/** The answer to give at once (Slack: the ack), and how the command is counted. */
export interface CommandReply {
  message: MessageDocument;
  visibility: ReplyVisibility;
  outcome: CommandOutcome;
  /** The subcommand as typed (lower-cased) for the metrics' label; `unknown` when the text could not be split. */
  subcommand: string;
}

/**
 * The one path of every chat command, for every platform: split the text, find the subcommand in
 * the catalogue, refuse a mutating one outside the mutation channels, parse and validate its
 * arguments with their defaults (src/commands), then let it enqueue or answer. Bad input gets a
 * private usage message; nothing here calls Google, and nothing throws.
 */
export async function runCommand(input: CommandInput, deps: WebDeps): Promise<CommandReply> {
  // Before the text is split, a usage error shows help's usage line (the text itself was the problem).
  let name = 'help';
  let subcommand = 'unknown';
  const reply = (answer: CommandAnswer, outcome: CommandOutcome = answer.outcome ?? 'ok'): CommandReply => ({
    message: answer.message,
    visibility: answer.visibility,
    outcome,
    subcommand,
  });
  try {
    const split = splitSubcommand(input.text);
    name = subcommand = split.subcommand;
    const sub = lookupSubcommand(split.subcommand);
    const allowed = deps.config.IMAGESTREAM_MUTATION_CHANNELS;
    if (SUBCOMMAND_USAGE[sub].mutating && allowed.length > 0 && !allowed.includes(input.conversation.space)) {
      await recordAudit(deps, {
        kind: 'refused',
        user: input.requester ?? undefined,
        action: sub,
        detail: `channel ${input.conversation.space} not allowed`,
      });
      const spaces = allowed.map((space) => [{ kind: 'space' as const, platform: input.conversation.platform, space }]);
      return reply(
        privateText(rich`${emoji('no_entry')} ${code(sub)} is allowed only in ${joinRich(spaces, ', ')}.`),
        'refused',
      );
    }
    const parsed = parseSubcommandArgs(sub, split.rest, defaultsOf(deps.config));
    const execute = EXECUTORS[sub] as Executor<Subcommand>;
    return reply(await execute(parsed, { requester: input.requester, replyTo: input.replyTo }, deps));
  } catch (err) {
    if (err instanceof OutOfScopeError) {
      await recordAudit(deps, {
        kind: 'refused',
        user: input.requester ?? undefined,
        action: name,
        detail: err.message,
      });
      return reply(privateText(rich`${emoji('no_entry')} ${err.message}`), 'refused');
    }
    if ((err as { code?: unknown }).code === ErrorCode.Usage) {
      return reply({ message: usageErrorMessage(errorMessage(err), name), visibility: 'private' }, 'usage_error');
    }
    deps.logger.error({ err: errorMessage(err), subcommand: name }, 'slash command failed');
    return reply(
      privateText(rich`${emoji('warning')} Something went wrong on our side; nothing was queued. Please try again.`),
      'error',
    );
  }
}

function defaultsOf(config: WebDeps['config']): CommandDefaults {
  return { project: config.GOOGLE_CLOUD_PROJECT, location: config.IMAGESTREAM_DEFAULT_LOCATION };
}
