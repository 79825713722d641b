import type { SlashCommand } from '@slack/bolt';
import { principalIdSchema } from '../../../src/chat/principal-id';
import type { CommandInput } from '../../../handlers/commands/run-command';
import type { ReplyTo } from '../../../src/queue/job-schemas';
import { slackChannelIdSchema } from '../slack-ids';

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

/**
 * Where a slash command's job answers: the command's channel with its response_url as the reply
 * handle, and who asked. Slack's own id shapes are checked here: a channel id of another shape is
 * left out, so a job's payload is refused naming it (the user id is refused by the core's schema).
 */
export function replyToOf(command: SlashCommand): ReplyTo {
  const channel = slackChannelIdSchema.safeParse(command.channel_id);
  return {
    conversation: {
      platform: 'slack',
      ...(channel.success ? { space: channel.data } : {}),
      replyHandle: command.response_url,
    },
    requester: `slack:${command.user_id}`,
  };
}
