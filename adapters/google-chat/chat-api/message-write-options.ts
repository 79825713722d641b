/**
 * The options of the adapter's message writes, in one place for the messenger and the outbox
 * (https://developers.google.com/workspace/chat/api/reference/rest/v1/spaces.messages).
 */

/**
 * Create in the thread named (by `thread.name` or `thread.threadKey`), or start a new thread when
 * there is none yet: how a post starts the thread its key names, and how a reply survives a
 * deleted thread (https://developers.google.com/workspace/chat/create-messages#create-message-thread).
 * Without a reply option Chat ignores the thread asked for and starts a new one.
 */
export const REPLY_OR_NEW_THREAD = 'REPLY_MESSAGE_FALLBACK_TO_NEW_THREAD';

/**
 * updateMask of an update: the text and the cards, so a message updated to text only loses its
 * old cards. spaces.messages.patch accepts `text`, `attachment`, `cards`, `cards_v2`,
 * `accessory_widgets` and `quoted_message_metadata`; `fallbackText` is not an updatable path.
 */
export const MESSAGE_CONTENT_MASK = 'text,cards_v2';
