/**
 * The Redis every test talks to: `REDIS_URL` when set (a developer's own instance, another port),
 * else the loopback default that `.ci/run` starts. Tests import these instead of writing an address.
 */
export const TEST_REDIS_URL = process.env.REDIS_URL ?? 'redis://127.0.0.1:6379';

const parsed = new URL(TEST_REDIS_URL);

/** The same Redis as ioredis/BullMQ connection options (`{ host, port, db }`). */
export const TEST_REDIS = {
  host: parsed.hostname,
  port: Number(parsed.port || 6379),
  db: parsed.pathname.length > 1 ? Number(parsed.pathname.slice(1)) : 0,
} as const;
