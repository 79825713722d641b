import type { AllMiddlewareArgs, SlackCommandMiddlewareArgs } from '@slack/bolt';
import { runCommand } from '../../../handlers/commands/run-command';
import type { WebDeps } from '../../../handlers/web-deps';
import { toSlackMessage } from '../block-kit/to-slack-message';
import { commandInputOf } from './command-input-of';

/**
 * The `/imagestream` listener: turns the slash command into the core's command input, runs it
 * (handlers/commands/run-command.ts) and acks with the reply in Block Kit; private replies are
 * ephemeral. Counted in the metrics with the ack's latency.
 */
export function imagestreamCommand(deps: WebDeps) {
  return async ({ command, ack }: SlackCommandMiddlewareArgs & AllMiddlewareArgs): Promise<void> => {
    // Measured from here: Bolt's signature check and body parsing happen before the listener runs.
    const started = performance.now();
    const reply = await runCommand(commandInputOf(command), deps);
    const message = toSlackMessage(reply.message);
    await ack({
      response_type: reply.visibility === 'public' ? 'in_channel' : 'ephemeral',
      text: message.text,
      blocks: message.blocks,
    });
    deps.metrics.command(reply.subcommand, reply.outcome, (performance.now() - started) / 1000);
  };
}
