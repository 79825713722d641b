import { Redis } from 'ioredis';

/**
 * The two kinds of Redis connection BullMQ wants (STYLE.md, bullmq):
 * - `producer`: fails fast when Redis is down, so a slash command can tell the user at once
 *   instead of hanging past Slack's 3 seconds;
 * - `worker`: waits and reconnects for ever (`maxRetriesPerRequest: null` is required by Workers).
 */
export function createRedis(url: string, kind: 'producer' | 'worker'): Redis {
  if (kind === 'producer') {
    return new Redis(url, {
      enableOfflineQueue: false,
      maxRetriesPerRequest: 1,
      connectTimeout: 2000,
      lazyConnect: false,
    });
  }
  return new Redis(url, { maxRetriesPerRequest: null, enableReadyCheck: true });
}

/**
 * Closes a connection: QUIT when it is up (pending replies arrive first), a plain disconnect when
 * it is not, so a stop never hangs on a Redis that is down.
 */
export async function closeRedis(redis: Redis): Promise<void> {
  if (redis.status === 'ready') {
    await redis.quit();
    return;
  }
  redis.disconnect();
}

/** True once the connection is ready, false if it is not within `timeoutMs` (it goes on trying). */
export function whenReady(redis: Pick<Redis, 'status' | 'once' | 'off'>, timeoutMs: number): Promise<boolean> {
  if (redis.status === 'ready') return Promise.resolve(true);
  return new Promise<boolean>((resolve) => {
    const timer = setTimeout(() => {
      redis.off('ready', onReady);
      resolve(false);
    }, timeoutMs);
    const onReady = () => {
      clearTimeout(timer);
      resolve(true);
    };
    redis.once('ready', onReady);
  });
}
