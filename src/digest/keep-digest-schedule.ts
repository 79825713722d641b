import { errorMessage } from '../errors';
import type { Logger } from '../logging/logger';
import { type DigestSchedule, syncDigestSchedule } from './digest-schedule';

type SchedulerQueue = Parameters<typeof syncDigestSchedule>[0];

/**
 * Syncs the digest's scheduler in the background, retrying (1 s doubling to 60 s) until Redis
 * takes it: the worker's start must not wait on Redis (a Redis that accepts connections but never
 * answers would hold the start, and its probes, for ever). Returns the stop, for shutdown.
 */
export function keepDigestSchedule(
  queue: SchedulerQueue,
  schedule: DigestSchedule | undefined,
  logger: Logger,
  /** The first wait before a retry (tests shorten it). */
  firstRetryMs = 1000,
): { stop(): void } {
  let stopped = false;
  let timer: NodeJS.Timeout | undefined;
  const attempt = (delayMs: number): void => {
    syncDigestSchedule(queue, schedule).then(
      (state) => {
        if (!stopped) logger.info({ digest: state, pattern: schedule?.pattern, tz: schedule?.tz }, 'weekly digest');
      },
      (err: unknown) => {
        if (stopped) return;
        logger.warn(
          { err: errorMessage(err), retryInMs: delayMs },
          'could not sync the weekly digest schedule; retrying',
        );
        timer = setTimeout(() => attempt(Math.min(delayMs * 2, 60_000)), delayMs);
        timer.unref();
      },
    );
  };
  attempt(firstRetryMs);
  return {
    stop() {
      stopped = true;
      if (timer) clearTimeout(timer);
    },
  };
}
