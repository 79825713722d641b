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
      disconnectTimeout: DISCONNECT_TIMEOUT_MS,
    });
  }
  return new Redis(url, {
    maxRetriesPerRequest: null,
    enableReadyCheck: true,
    disconnectTimeout: DISCONNECT_TIMEOUT_MS,
  });
}

/**
 * How long ioredis's disconnect() lets the socket close after ending it before destroying it: 0,
 * destroy at once. disconnect() only runs on a connection that is not ready (closeRedis below, and
 * ioredis's own reconnects), so no reply is waiting to be read. ioredis's default (2 s) arms a timer
 * that only the socket's 'close' event clears; when Redis is down the socket has already closed, so
 * the timer ran out its 2 s and held the process open after every stop (Jest's "worker failed to exit").
 */
const DISCONNECT_TIMEOUT_MS = 0;

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
