import type { Redis } from 'ioredis';
import type { Logger } from '../logging/logger';

/**
 * Gives Redis a few seconds to answer before serving: a command in the first moments after start
 * would otherwise meet a connection still opening. If it does not answer, start anyway: /readyz
 * says 503 and commands tell users that nothing was queued.
 */
export async function waitUntilReady(redis: Redis, timeoutMs: number, logger: Logger): Promise<void> {
  if (redis.status === 'ready') return;
  const ready = await new Promise<boolean>((resolve) => {
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
  if (!ready) logger.warn({ timeoutMs }, 'redis is not answering; starting anyway');
}
