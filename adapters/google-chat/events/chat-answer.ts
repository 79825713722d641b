import type { ChatMessageBody } from '../cards/chat-message-body';
import { toChatMessage } from '../cards/to-chat-message';
import type { MessageDocument } from '../../../src/chat/message-document';
import { userNameSchema } from '../chat-ids';
import { type ChatSpace, isDirectMessage } from './chat-event';

/**
 * The synchronous answer to an event: a Chat `Message` (the HTTP response body; through Pub/Sub the
 * same body is created with spaces.messages.create, less `actionResponse`).
 * https://developers.google.com/workspace/chat/api/reference/rest/v1/spaces.messages#Message
 */
export interface ChatAnswer extends ChatMessageBody {
  /** Only for one person (and the app): https://developers.google.com/workspace/chat/private-messages */
  privateMessageViewer?: { name: string };
  /**
   * How Chat posts the answer to a CARD_CLICKED: NEW_MESSAGE posts a new one (UPDATE_MESSAGE would
   * replace the card's message). https://developers.google.com/workspace/chat/api/reference/rest/v1/spaces.messages#responsetype
   */
  actionResponse?: { type: 'NEW_MESSAGE' };
}

/**
 * A document as an answer, for `viewer` only when private. In a DM there is no one else to hide it
 * from, so it is sent as an ordinary message there: Google documents private messages for spaces
 * with several people (private-messages page above). A viewer whose name is not a user's cannot
 * be named: the answer is then ordinary too (it says nothing the person's own command did not).
 */
export function answerOf(
  doc: MessageDocument,
  { visibility, space, viewer }: { visibility: 'private' | 'public'; space: ChatSpace; viewer?: string },
): ChatAnswer {
  const body = toChatMessage(doc);
  const named = userNameSchema.safeParse(viewer);
  if (visibility === 'public' || isDirectMessage(space) || !named.success) return body;
  return { ...body, privateMessageViewer: { name: named.data } };
}
