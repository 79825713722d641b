import type { AllMiddlewareArgs, AnyMiddlewareArgs } from '@slack/bolt';
import { COMMAND } from '../commands/slash-command';
import type { WebDeps } from '../../../handlers/web-deps';

/**
 * Global Bolt middleware: a request no listener of the bot takes (another slash command, a
 * shortcut or view a manifest change sent here, a click without actions) is acked at once and
 * goes no further. Bolt would otherwise hold it for its 3 s unhandled-request timer and answer
 * 404, and the user would see "operation_timeout". Events need nothing: Bolt acks them itself.
 */
export function ackUnhandled(deps: Pick<WebDeps, 'logger'>) {
  return async (args: AnyMiddlewareArgs & AllMiddlewareArgs): Promise<void> => {
    const body = args.body as Record<string, unknown>;
    const ack = 'ack' in args ? (args.ack as (answer?: unknown) => Promise<void>) : undefined;
    if (!ack || isTaken(body)) return args.next();
    // Type and command are Slack's words, but a sender may put anything there: length-capped.
    deps.logger.warn(
      { type: String(body.type ?? 'command').slice(0, 40), command: String(body.command ?? '').slice(0, 40) },
      'a Slack request the bot has no listener for; acked and ignored',
    );
    if (typeof body.command === 'string') {
      await ack({ response_type: 'ephemeral', text: `This app answers only \`${COMMAND}\`; try \`${COMMAND} help\`.` });
      return;
    }
    await ack();
  };
}

/** True when one of the bot's listeners (./register.ts) takes this request. */
function isTaken(body: Record<string, unknown>): boolean {
  if (typeof body.command === 'string') return body.command === COMMAND;
  // The button listener dispatches on the first action's action_id: Bolt needs one to be there.
  if (body.type === 'block_actions') return Array.isArray(body.actions) && body.actions.length > 0;
  return false;
}
