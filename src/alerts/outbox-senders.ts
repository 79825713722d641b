import type { OutboxSender } from '../chat/outbox-sender';
import { UsageError } from '../errors';

/** The outbox's senders by platform name: an alert goes through the one of its destination's platform. */
export type OutboxSenders = ReadonlyMap<string, OutboxSender>;

/** The senders as a map by platform; UsageError when two serve one platform. */
export function outboxSenders(...senders: OutboxSender[]): OutboxSenders {
  const map = new Map<string, OutboxSender>();
  for (const sender of senders) {
    if (map.has(sender.platform)) throw new UsageError(`two outbox senders for ${sender.platform}`);
    map.set(sender.platform, sender);
  }
  return map;
}
