import { z } from 'zod';

/** The name of a chat platform an adapter serves (`slack`, later `gchat`); the core never branches on it. */
export const platformSchema = z.string().regex(/^[a-z][a-z0-9-]{1,15}$/, 'not a platform name');

/** A platform's own id of a channel, space, thread or message: nothing that could break markup or a key. */
const chatId = z
  .string()
  .min(1)
  .max(200)
  .regex(/^[A-Za-z0-9_./:@+-]+$/, 'not a chat id');

/**
 * Where an answer goes: the platform, the channel or space, the thread when the command came from
 * one, and the platform's own short-lived reply handle (Slack's response_url, valid 30 minutes;
 * absent when the adapter answers through its API only). Stored in every job payload that answers
 * someone; only the owning adapter reads `space`, `thread` and `replyHandle`.
 */
export const conversationRefSchema = z.object({
  platform: platformSchema,
  space: chatId,
  thread: chatId.optional(),
  replyHandle: z.string().url('not a URL').max(500).optional(),
});

export type ConversationRef = z.infer<typeof conversationRefSchema>;

/** Where a posted message lives, so that it can be updated in place or answered in its thread later. */
export const messageRefSchema = z.object({
  platform: platformSchema,
  space: chatId,
  /** The platform's id of the message (Slack: its ts; Google Chat: spaces/S/messages/M). */
  message: chatId,
});

export type MessageRef = z.infer<typeof messageRefSchema>;

/** The conversation a posted message is in (to post after it, or in its thread). */
export function conversationOf(ref: MessageRef): ConversationRef {
  return { platform: ref.platform, space: ref.space };
}
