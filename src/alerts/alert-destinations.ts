import type { ConversationRef, MessageRef } from '../chat/conversation-ref';

/**
 * How one platform's destinations are written in the alert channel map (and ALERT_CHANNEL), and
 * how its message ids look. The map names no platform: the id's shape tells which one it is, so a
 * platform added later (Google Chat's `spaces/…`) is one more row here, and old maps keep meaning Slack.
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

const SYNTAXES: readonly DestinationSyntax[] = [
  // Public or private channels; the same rule as ALERT_CHANNEL in config. A post's ts.
  {
    platform: 'slack',
    space: /^[CG][A-Z0-9]{2,}$/,
    message: /^\d{1,12}\.\d{1,8}$/,
    hint: 'Slack channel IDs look like C0123ABC',
  },
];

/** What an invalid destination id is told: every platform's shape. */
export const DESTINATION_HINT = SYNTAXES.map((s) => s.hint).join('; ');

/** The destination a channel map id means, or null when no platform writes ids that way. */
export function parseDestination(id: string): ConversationRef | null {
  const syntax = SYNTAXES.find((s) => s.space.test(id));
  return syntax ? { platform: syntax.platform, space: id } : null;
}

/** False when the message id is not one its platform issues (a platform with no row here issues none). */
export function messageIdFits(ref: MessageRef): boolean {
  return SYNTAXES.some((s) => s.platform === ref.platform && s.message.test(ref.message));
}
