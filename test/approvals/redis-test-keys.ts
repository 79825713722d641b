/** Real Redis for the approval and audit suites: a unique key prefix per test, deleted afterwards. */
import { randomUUID } from 'node:crypto';
import { TEST_REDIS } from '../support/redis-url';
import Redis from 'ioredis';
import { deletePrefixedKeys } from '../../src/queue/delete-prefixed-keys';

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
  await deletePrefixedKeys(redis, prefix);
}
