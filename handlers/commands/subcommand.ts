import type { SlashCommand } from '@slack/bolt';
import type { CommandOutcome } from '../../src/metrics/bot-metrics';
import type { SlackMessage } from '../../src/slack/slack-message';
import type { Subcommand as SubcommandName } from '../../src/slack/subcommand-usage';
import type { WebDeps } from '../web-deps';

/** What a subcommand answers in the ack: ephemeral for the requester, or in the channel. */
export interface CommandReply {
  message: SlackMessage;
  responseType: 'ephemeral' | 'in_channel';
  /** How the command is counted when not `ok` (e.g. nothing could be queued: `error`). */
  outcome?: CommandOutcome;
}

/**
 * One `/imagestream` subcommand's handler: it may only validate and enqueue (or answer pure
 * arithmetic). Its usage line and example live in src/slack/subcommand-usage.ts, with help.
 */
export interface Subcommand {
  name: SubcommandName;
  /** Changes a cluster: limited to the configured channels. */
  mutating?: boolean;
  handle(args: string[], command: SlashCommand, deps: WebDeps): Promise<CommandReply>;
}

/** An ephemeral text reply. */
export function ephemeral(text: string): CommandReply {
  return { message: { text, blocks: [] }, responseType: 'ephemeral' };
}
