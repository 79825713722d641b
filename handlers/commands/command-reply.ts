import type { MessageDocument } from '../../src/chat/message-document';
import type { RichText } from '../../src/chat/rich-text';
import type { CommandOutcome } from '../../src/metrics/bot-metrics';

/** Who sees a command's answer: only the requester, or everyone in the conversation. */
export type ReplyVisibility = 'private' | 'public';

/** What a subcommand answers at once (in Slack's ack). */
export interface CommandAnswer {
  message: MessageDocument;
  visibility: ReplyVisibility;
  /** How the command is counted when not `ok` (e.g. nothing could be queued: `error`). */
  outcome?: CommandOutcome;
}

/** A private answer of one paragraph. */
export function privateText(body: RichText): CommandAnswer {
  return { message: { summary: body, blocks: [] }, visibility: 'private' };
}

/** A private answer of one paragraph that counts as an error (nothing was done). */
export function privateError(body: RichText): CommandAnswer {
  return { ...privateText(body), outcome: 'error' };
}
