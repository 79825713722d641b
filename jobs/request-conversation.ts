import type { ConversationRef } from '../src/chat/conversation-ref';
import type { ReplyTarget } from '../src/queue/job-schemas';

/**
 * Where a command's approval request is posted and kept: the command's conversation, without its
 * reply handle (short-lived, and only a reply uses it).
 */
export function conversationOfRequest(replyTo: ReplyTarget): ConversationRef {
  const { replyHandle: _replyHandle, ...conversation } = replyTo.conversation;
  return conversation;
}
