import { runCommand } from '../../../handlers/commands/run-command';
import { textMessage } from '../../../src/chat/message-document';
import { code, emoji, rich } from '../../../src/chat/rich-text';
import { type ChatAnswer, answerOf } from '../events/chat-answer';
import type { ChatEvent } from '../events/chat-event';
import type { ChatWebDeps } from '../events/chat-web-deps';
import { commandInputOf } from './command-input-of';
import { commandTextOf } from './command-text-of';

/**
 * A MESSAGE event (slash command, @mention, DM): runs the command through the core's one path
 * (handlers/commands/run-command.ts) and answers with its reply, private when the core says so.
 * Counted in the metrics like Slack's listener, from `startedAt` (the request's arrival).
 */
export async function chatCommand(
  event: ChatEvent & { message: NonNullable<ChatEvent['message']> },
  deps: ChatWebDeps,
  startedAt: number,
): Promise<ChatAnswer> {
  const asked = commandTextOf(event.message, event.space, deps.chat.commandId);
  const viewer = { space: event.space, viewer: event.user?.name };
  if (asked.kind === 'other-command') {
    deps.logger.debug({ commandId: asked.commandId }, 'a slash command that is not /imagestream');
    deps.metrics.command('unknown', 'usage_error', secondsSince(startedAt));
    const doc = textMessage(rich`${emoji('warning')} Unknown command: this app answers ${code('/imagestream')} only.`);
    return answerOf(doc, { visibility: 'private', ...viewer });
  }
  const reply = await runCommand(commandInputOf(event, asked.text), deps);
  const answer = answerOf(reply.message, { visibility: reply.visibility, ...viewer });
  deps.metrics.command(reply.subcommand, reply.outcome, secondsSince(startedAt));
  return answer;
}

function secondsSince(startedAt: number): number {
  return (performance.now() - startedAt) / 1000;
}
