import type { chat_v1 } from 'googleapis/build/src/apis/chat';
import { errorMessage } from '../../../src/errors';
import type { Logger } from '../../../src/logging/logger';
import { REPLY_OR_NEW_THREAD } from '../chat-api/message-write-options';
import { threadNameSchema } from '../chat-ids';
import type { ChatAnswer } from '../events/chat-answer';
import { chatEventSchema, isDirectMessage } from '../events/chat-event';
import { type ChatRetryPolicy, type RetryClock, realClock, withChatRetries } from '../messenger/chat-retry';
import { CHAT_RETRY } from '../messenger/chat-messenger';

export interface PostAnswerOptions {
  /** The Pub/Sub message the event came in: the create's requestId, so a redelivery cannot post twice. */
  messageId: string;
  logger: Logger;
  retry?: ChatRetryPolicy;
  clock?: RetryClock;
}

/**
 * Posts the answer an HTTP app would have returned, through the Chat API: an app that takes its
 * events from Pub/Sub cannot answer synchronously
 * (https://developers.google.com/workspace/chat/quickstart/pub-sub). In the event's space and
 * thread (threads exist in named spaces only), private where the answer is.
 *
 * The work the event asked for (a queued job, a decision) is done before this runs, so a failure
 * here must not make Pub/Sub deliver the event again: that would run the command twice. The answer
 * is retried while Chat is down (as a command's reply is), then given up with a warning; the
 * requestId makes a retried create return the first one's message instead of a second message.
 */
export async function postAnswer(
  chat: chat_v1.Chat,
  event: unknown,
  answer: ChatAnswer,
  options: PostAnswerOptions,
): Promise<void> {
  const parsed = chatEventSchema.safeParse(event);
  if (!parsed.success) return;
  const { space, message } = parsed.data;
  const thread = isDirectMessage(space) ? undefined : threadNameSchema.safeParse(message?.thread?.name).data;
  // actionResponse is a synchronous answer's field only.
  const { actionResponse: _unused, ...body } = answer;
  const requestBody: chat_v1.Schema$Message = { ...body, ...(thread ? { thread: { name: thread } } : {}) };
  try {
    await withChatRetries(
      () =>
        chat.spaces.messages.create({
          parent: space.name,
          requestId: `pubsub-${options.messageId}`,
          ...(thread ? { messageReplyOption: REPLY_OR_NEW_THREAD } : {}),
          requestBody,
        }),
      options.retry ?? CHAT_RETRY.call,
      options.clock ?? realClock,
    );
  } catch (err) {
    options.logger.warn(
      { space: space.name, messageId: options.messageId, err: errorMessage(err) },
      'could not post the answer to a Google Chat event',
    );
  }
}
