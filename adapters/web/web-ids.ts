import { z } from 'zod';
import type { ConversationRef } from '../../src/chat/conversation-ref';
import { type PrincipalId, principalId } from '../../src/chat/principal-id';

/**
 * The web chat's names: the platform name the core knows it by, its one channel, and the shape of
 * its user names. Every id the adapter takes from a browser is checked with one of these before it
 * reaches the core, a Redis key or a log line.
 */
export const WEB = 'web';

/** The one channel of the playground (threads live under it, by their root message's id). */
export const PLAYGROUND_SPACE = 'playground';

/** The channel as the core's conversation. */
export const PLAYGROUND: ConversationRef = { platform: WEB, space: PLAYGROUND_SPACE };

/** Who the browser says it is: a short lower-case name (`alice`, `bob`), never markup. */
export const webUserSchema = z
  .string()
  .regex(/^[a-z][a-z0-9-]{0,31}$/, 'not a user name (lower-case letters, digits and hyphens)');

/** The principal of a web user (`web:alice`). */
export function webPrincipal(user: string): PrincipalId {
  return principalId(WEB, webUserSchema.parse(user));
}
