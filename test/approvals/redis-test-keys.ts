/** Real Redis for the approval and audit suites: a unique key prefix per test, deleted afterwards. */
import { randomUUID } from 'node:crypto';
import { TEST_REDIS } from '../support/redis-url';
import Redis from 'ioredis';

/** A connection to the shared test Redis on loopback. */
export function connectRedis(): Redis {
  return new Redis({ ...TEST_REDIS, maxRetriesPerRequest: 1 });
}

/** A key prefix no other test (or suite running beside this one) uses. */
export function uniquePrefix(suite: string): string {
  return `test:${suite}:${randomUUID()}:`;
}

/** Deletes every key under `prefix` (never FLUSHDB: other suites share the server). */
export async function deleteKeys(redis: Redis, prefix: string): Promise<void> {
  let cursor = '0';
  do {
    const [next, keys] = await redis.scan(cursor, 'MATCH', `${prefix}*`, 'COUNT', 1000);
    if (keys.length > 0) await redis.del(...keys);
    cursor = next;
  } while (cursor !== '0');
}
