import type { AllMiddlewareArgs, SlackCommandMiddlewareArgs } from '@slack/bolt';
import { OutOfScopeError } from '../../src/access/access-scope';
import { ErrorCode, errorMessage } from '../../src/errors';
import type { CommandOutcome } from '../../src/metrics/bot-metrics';
import { renderUsageError } from '../../src/slack/render-usage-error';
import { recordAudit, slackAuditUser } from '../record-audit';
import type { WebDeps } from '../web-deps';
import { SUBCOMMANDS } from '../../src/slack/subcommand-usage';
import { handlerFor } from './index';
import { splitSubcommand } from './parse-command-text';
import { CommandReply, ephemeral } from './subcommand';

/**
 * The `/imagestream` listener: finds the subcommand, lets it validate and enqueue, and acks with
 * its reply. Bad input gets an ephemeral usage message; nothing here calls Google.
 */
export function imagestreamCommand(deps: WebDeps) {
  return async ({ command, ack }: SlackCommandMiddlewareArgs & AllMiddlewareArgs): Promise<void> => {
    // Measured from here: Bolt's signature check and body parsing happen before the listener runs.
    const started = performance.now();
    const seen: CommandSeen = { subcommand: 'unknown', outcome: 'error' };
    const reply = await replyTo(command, deps, seen);
    await ack({ response_type: reply.responseType, text: reply.message.text, blocks: reply.message.blocks });
    deps.metrics.command(seen.subcommand, seen.outcome, (performance.now() - started) / 1000);
  };
}

/** What the metrics learn about one command while it is answered. */
interface CommandSeen {
  subcommand: string;
  outcome: CommandOutcome;
}

async function replyTo(
  command: SlackCommandMiddlewareArgs['command'],
  deps: WebDeps,
  seen: CommandSeen,
): Promise<CommandReply> {
  let name = 'help';
  try {
    const { subcommand, rest } = splitSubcommand(command.text ?? '');
    name = subcommand;
    seen.subcommand = subcommand;
    const sub = handlerFor(subcommand);
    if (!sub) {
      seen.outcome = 'usage_error';
      return {
        message: renderUsageError(
          `unknown subcommand "${subcommand.slice(0, 40)}"; try one of: ${SUBCOMMANDS.join(', ')}`,
        ),
        responseType: 'ephemeral',
      };
    }
    const allowed = deps.config.IMAGESTREAM_MUTATION_CHANNELS;
    if (sub.mutating && allowed.length > 0 && !allowed.includes(command.channel_id)) {
      await recordAudit(deps, {
        kind: 'refused',
        user: slackAuditUser(command.user_id),
        action: sub.name,
        detail: `channel ${command.channel_id} not allowed`,
      });
      seen.outcome = 'refused';
      return ephemeral(`:no_entry: \`${sub.name}\` is allowed only in ${allowed.map((c) => `<#${c}>`).join(', ')}.`);
    }
    const reply = await sub.handle(rest, command, deps);
    seen.outcome = reply.outcome ?? 'ok';
    return reply;
  } catch (err) {
    if (err instanceof OutOfScopeError) {
      await recordAudit(deps, {
        kind: 'refused',
        user: slackAuditUser(command.user_id),
        action: name,
        detail: err.message,
      });
      seen.outcome = 'refused';
      return ephemeral(`:no_entry: ${err.message}`);
    }
    if ((err as { code?: unknown }).code === ErrorCode.Usage) {
      seen.outcome = 'usage_error';
      return { message: renderUsageError(errorMessage(err), name), responseType: 'ephemeral' };
    }
    deps.logger.error({ err: errorMessage(err), subcommand: name }, 'slash command failed');
    return ephemeral(':warning: Something went wrong on our side; nothing was queued. Please try again.');
  }
}
