import type { Redis } from 'ioredis';

/**
 * Deletes every key that starts with `start` (a prefix and its separator, e.g. `imagestream:`) by
 * SCAN, never FLUSHALL or KEYS: the Redis may hold other things (another run's keys, a shared
 * server), and SCAN does not block it on a large keyspace.
 */
export async function deletePrefixedKeys(redis: Redis, start: string): Promise<void> {
  let cursor = '0';
  do {
    const [next, keys] = await redis.scan(cursor, 'MATCH', `${start}*`, 'COUNT', 500);
    cursor = next;
    if (keys.length > 0) await redis.del(...keys);
  } while (cursor !== '0');
}
