import { createHash } from 'node:crypto';

/**
 * A Chat message's client-assigned id, from a key stable across retries of the same post (the
 * alert id, or the alert id and window). spaces.messages.create's `messageId` must begin with
 * `client-`, hold at most 63 characters, only lowercase letters, digits and hyphens, and be unique in
 * the space (https://developers.google.com/workspace/chat/api/reference/rest/v1/spaces.messages/create):
 * so the key is hashed (any characters in, fixed length out) and its first 56 hex digits kept,
 * 224 bits, which no two keys of one space will share.
 */
export function clientMessageId(key: string): string {
  return `client-${createHash('sha256')
    .update(key, 'utf8')
    .digest('hex')
    .slice(0, 63 - 'client-'.length)}`;
}

/** True for a message id the bot assigned (`client-…`): the thread key of a post is that id. */
export function isClientMessageId(id: string): boolean {
  return /^client-[a-z0-9-]{1,56}$/.test(id);
}
