import type { Redis } from 'ioredis';

/**
 * Deletes every key under `PREFIX:` by SCAN, never FLUSHALL or KEYS: the Redis may hold other
 * things (another run's keys, a shared server), and SCAN does not block it on a large keyspace.
 */
export async function deletePrefixedKeys(redis: Redis, prefix: string): Promise<void> {
  let cursor = '0';
  do {
    const [next, keys] = await redis.scan(cursor, 'MATCH', `${prefix}:*`, 'COUNT', 500);
    cursor = next;
    if (keys.length > 0) await redis.del(...keys);
  } while (cursor !== '0');
}
