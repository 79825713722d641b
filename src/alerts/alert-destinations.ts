import type { ConversationRef, MessageRef } from '../chat/conversation-ref';
import { UsageError } from '../errors';

/**
 * How one platform's destinations are written in the alert channel map (and ALERT_CHANNEL), and
 * how its message ids look. The map names no platform: the id's shape tells which one it is, so a
 * platform is one more row here, and old maps keep meaning Slack.
 */
interface DestinationSyntax {
  platform: string;
  /** The ids of the spaces alerts may go to. */
  space: RegExp;
  /** The platform's message ids, checked before one is stored on an alert. */
  message: RegExp;
  /** What an operator who wrote something else is told. */
  hint: string;
}

// Google Chat's resource-name charset. The same as adapters/google-chat/chat-ids.ts (spaceNameSchema,
// messageNameSchema), written again here because the core never imports an adapter: a change
// there must be made here too.
const CHAT_ID = '[A-Za-z0-9_-]{1,100}';

const SYNTAXES: readonly DestinationSyntax[] = [
  // Public or private channels. A post's ts.
  {
    platform: 'slack',
    space: /^[CG][A-Z0-9]{2,}$/,
    message: /^\d{1,12}\.\d{1,8}$/,
    hint: 'Slack channel IDs look like C0123ABC',
  },
  // A space; a message's full name, whose last part may hold dots (`UBH.UBH`) or be client-assigned (`client-…`).
  {
    platform: 'gchat',
    space: new RegExp(`^spaces/${CHAT_ID}$`),
    message: new RegExp(`^spaces/${CHAT_ID}/messages/[A-Za-z0-9_.-]{1,200}$`),
    hint: 'Google Chat spaces look like spaces/AAAA1234',
  },
];

/** What an invalid destination id is told: every platform's shape. */
export const DESTINATION_HINT = SYNTAXES.map((s) => s.hint).join('; ');

/** Joins the destinations of one route: `C0123ABC+spaces/AAAA`. */
const SEPARATOR = '+';

/** Every platform alerts can be routed to (the store looks for a problem's alerts on each). */
export const DESTINATION_PLATFORMS: readonly string[] = SYNTAXES.map((s) => s.platform);

/** The destination a single id means, or null when no platform writes ids that way. */
export function parseDestination(id: string): ConversationRef | null {
  const syntax = SYNTAXES.find((s) => s.space.test(id));
  return syntax ? { platform: syntax.platform, space: id } : null;
}

/**
 * The destinations of one route: one id, or several joined by `+` (`C0123ABC+spaces/AAAA`), at most
 * one per platform. '' is no destination. UsageError says what is wrong, after `what` (the entry;
 * absent when the caller names it, as config does with the key).
 */
export function parseRoute(text: string, what?: string): ConversationRef[] {
  if (text.trim() === '') return [];
  const destinations: ConversationRef[] = [];
  for (const part of text.split(SEPARATOR).map((p) => p.trim())) {
    const destination = parseDestination(part);
    if (!destination) throw new UsageError(what ? `${what}: ${DESTINATION_HINT}` : DESTINATION_HINT);
    if (destinations.some((d) => d.platform === destination.platform)) {
      const problem = `two ${destination.platform} destinations; one per platform`;
      throw new UsageError(what ? `${what} names ${problem}` : problem);
    }
    destinations.push(destination);
  }
  return destinations;
}

/** False when the message id is not one its platform issues (a platform with no row here issues none). */
export function messageIdFits(ref: MessageRef): boolean {
  return SYNTAXES.some((s) => s.platform === ref.platform && s.message.test(ref.message));
}
