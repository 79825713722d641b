import type { SpaceKey } from '../../../src/alerts/outbox-keys';

/** What the outbox says of the spaces it is not trying (AlertOutbox.undeliverable). */
type UndeliverableSpaces = (spaces: SpaceKey[]) => Promise<Array<{ space: SpaceKey; reason: string }>>;

/**
 * The Slack channels among `channels` the outbox is not trying, with Slack's error, for the App
 * Home (which lists alerts by channel id).
 */
export function undeliverableChannels(
  undeliverable: UndeliverableSpaces,
): (channels: string[]) => Promise<Array<{ channel: string; error: string }>> {
  return async (channels) =>
    (await undeliverable(channels.map((space) => ({ platform: 'slack', space })))).map(({ space, reason }) => ({
      channel: space.space,
      error: reason,
    }));
}
