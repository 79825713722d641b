import { z } from 'zod';

/**
 * A Pub/Sub message id, as it becomes a Redis key and a log field: Pub/Sub's are decimal digits,
 * the emulators' short tokens (`m12`); anything else is not a message id we can key on.
 */
export const pubsubMessageIdSchema = z.string().regex(/^[A-Za-z0-9_.-]{1,100}$/, 'not a Pub/Sub message id');

/**
 * The body of a Chat interaction event: a JSON object. Its fields (`type`, `space`, `message`, ...)
 * are checked by the front door's event schemas, which the handler applies; here only what every
 * event must be, so anything else is poison before it reaches a claim.
 */
const eventObjectSchema = z.record(z.string(), z.unknown());

/** A message's Chat event, or why it is poison (acked, never redelivered). */
export type ChatEventMessage = { event: Record<string, unknown> } | { poison: string };

/**
 * Reads one message of the Chat app's topic. Chat publishes each interaction event as the
 * message data: the same Event JSON an HTTP app receives as its request body, UTF-8, with no
 * attribute that the app needs ("Build a Google Chat app behind a firewall with Pub/Sub",
 * https://developers.google.com/workspace/chat/quickstart/pub-sub: the sample app does
 * `JSON.parse(message.data)` and reads `event.type`, `event.space.name`). Never throws.
 */
export function readChatEventMessage(data: Buffer): ChatEventMessage {
  let value: unknown;
  try {
    value = JSON.parse(data.toString('utf8'));
  } catch {
    // Not the parser's message: V8 quotes the start of the input, which may be a user's words.
    return { poison: `not JSON (${data.length} bytes)` };
  }
  const parsed = eventObjectSchema.safeParse(value);
  if (!parsed.success) {
    const kind = value === null ? 'null' : Array.isArray(value) ? 'an array' : typeof value;
    return { poison: `not a JSON object (${kind})` };
  }
  return { event: parsed.data };
}
