import type { WebClient } from '@slack/web-api';
import { z } from 'zod';
import { slackUserIdSchema } from '../slack-ids';

/** Who is in a Slack channel (user ids), as conversations.members lists them. */
export type ChannelMembers = (channel: string) => Promise<ReadonlySet<string>>;

/** Options of channelMembers. */
export interface ChannelMembersOptions {
  /** How long one member list serves later Home refreshes; default 30 s. */
  ttlMs?: number;
  now?: () => number;
}

// One page of conversations.members: Slack's documented wire format, checked before it is trusted.
const pageSchema = z.object({ members: z.array(z.string()).default([]) });
// Slack allows up to 999 per page; the fewer the pages, the fewer the calls for a big channel.
const PAGE_SIZE = 999;

/**
 * The members of the channels holding pending requests and open alerts, for the Home's
 * per-viewer filter (home-visibility.ts). One conversations.members read (paginated by
 * @slack/web-api's paginate) per channel serves every viewer: a state change refreshes every recent
 * viewer's Home at once, and asking per viewer (users.conversations) would cost one call per person
 * on a Tier 3 method. A list is kept `ttlMs` (and calls in flight are shared), so someone who just
 * joined or left a channel sees the change within that time. A failed read throws: the caller
 * hides that channel's items (fail closed).
 */
export function channelMembers(
  slack: Pick<WebClient, 'paginate'>,
  options: ChannelMembersOptions = {},
): ChannelMembers {
  const ttlMs = options.ttlMs ?? 30_000;
  const now = options.now ?? Date.now;
  const cache = new Map<string, { at: number; members: Promise<ReadonlySet<string>> }>();
  const read = async (channel: string): Promise<ReadonlySet<string>> => {
    const members = new Set<string>();
    for await (const page of slack.paginate('conversations.members', { channel, limit: PAGE_SIZE })) {
      for (const id of pageSchema.parse(page).members) if (slackUserIdSchema.safeParse(id).success) members.add(id);
    }
    return members;
  };
  return (channel) => {
    const t = now();
    for (const [key, entry] of cache) if (t - entry.at >= ttlMs) cache.delete(key);
    let entry = cache.get(channel);
    if (!entry) {
      entry = { at: t, members: read(channel) };
      cache.set(channel, entry);
      // A failure is not kept: the next refresh asks again.
      entry.members.catch(() => cache.delete(channel));
    }
    return entry.members;
  };
}
