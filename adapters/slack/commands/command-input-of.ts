import type { SlashCommand } from '@slack/bolt';
import { principalIdSchema } from '../../../src/chat/principal-id';
import type { CommandInput } from '../../../handlers/commands/run-command';
import type { ReplyTo } from '../../../src/queue/job-schemas';

/** A slash command as the core's command input: what was typed, by whom, in which channel. */
export function commandInputOf(command: SlashCommand): CommandInput {
  // A user id of another shape still gets its answer (help needs no one); a job's payload refuses it, and says so.
  const requester = principalIdSchema.safeParse(`slack:${command.user_id}`);
  return {
    text: command.text ?? '',
    requester: requester.success ? requester.data : null,
    conversation: { platform: 'slack', space: command.channel_id },
    replyTo: replyToOf(command),
  };
}

/** Where a slash command's job answers: its response_url, who asked and in which channel. */
export function replyToOf(command: SlashCommand): ReplyTo {
  return { responseUrl: command.response_url, userId: command.user_id, channelId: command.channel_id };
}
