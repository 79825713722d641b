import { type PrincipalId, localIdOf, platformOf } from '../../../src/chat/principal-id';
import { GCHAT } from '../chat-ids';

/**
 * A person where Chat cannot mention them (card text has no mention; only message text does):
 * `@users/123` for a Chat user, the principal id (`slack:U123`) for anyone else.
 */
export function readableMention(principal: PrincipalId): string {
  return platformOf(principal) === GCHAT ? `@${localIdOf(principal)}` : principal;
}

/** A space or channel: a Chat space by its resource name (as `spaces/…` settings name it), another platform's as `#C0123`. */
export function readableSpace(platform: string, space: string): string {
  return platform === GCHAT ? space : `#${space}`;
}

/** A group of people (Chat has none the bot names): `@S0AB`. */
export function readableGroup(group: string): string {
  return `@${group}`;
}
