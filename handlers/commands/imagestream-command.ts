import type { AllMiddlewareArgs, SlackCommandMiddlewareArgs } from '@slack/bolt';
import { ErrorCode, errorMessage } from '../../src/errors';
import { renderUsageError } from '../../src/slack/render-usage-error';
import { recordAudit } from '../record-audit';
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
    const reply = await replyTo(command, deps);
    await ack({ response_type: reply.responseType, text: reply.message.text, blocks: reply.message.blocks });
  };
}

async function replyTo(command: SlackCommandMiddlewareArgs['command'], deps: WebDeps): Promise<CommandReply> {
  let name = 'help';
  try {
    const { subcommand, rest } = splitSubcommand(command.text ?? '');
    name = subcommand;
    const sub = handlerFor(subcommand);
    if (!sub) {
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
        user: command.user_id,
        action: sub.name,
        detail: `channel ${command.channel_id} not allowed`,
      });
      return ephemeral(`:no_entry: \`${sub.name}\` is allowed only in ${allowed.map((c) => `<#${c}>`).join(', ')}.`);
    }
    return await sub.handle(rest, command, deps);
  } catch (err) {
    if ((err as { code?: unknown }).code === ErrorCode.Usage) {
      return { message: renderUsageError(errorMessage(err), name), responseType: 'ephemeral' };
    }
    deps.logger.error({ err: errorMessage(err), subcommand: name }, 'slash command failed');
    return ephemeral(':warning: Something went wrong on our side; nothing was queued. Please try again.');
  }
}
