import type { SlashCommand } from '@slack/bolt';
import type { ReplyTo } from '../../../src/queue/job-schemas';

/** Where a slash command's job answers: its response_url, who asked and in which channel. */
export function replyToOf(command: SlashCommand): ReplyTo {
  return { responseUrl: command.response_url, userId: command.user_id, channelId: command.channel_id };
}
