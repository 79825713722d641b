import { Worker } from 'bullmq';
import type { OutboxOptions } from './outbox-options';
import type { OutboxAlert } from './outbox-alert-source';
import { outboxBackoff } from './outbox-backoff';
import { OUTBOX_QUEUE } from './outbox-jobs';
import type { OutboxKeys } from './outbox-keys';
import { ChannelUndeliverableError, OutboxProcessorDeps, OutboxStats, createOutboxProcessor } from './outbox-processor';

/**
 * Starts the outbox's BullMQ worker; its processor counts into `stats`, queues follow-up updates
 * with `requeueUpdate` and `followUpdate`, and queues again a post given up for its channel with `retryUndeliveredPost`.
 */
export function createOutboxWorker<A extends OutboxAlert>(
  o: OutboxOptions<A>,
  keys: OutboxKeys,
  stats: OutboxStats,
  queueing: Pick<OutboxProcessorDeps<A>, 'requeueUpdate' | 'followUpdate' | 'retryUndeliveredPost'>,
): Worker {
  const processor = createOutboxProcessor({
    redis: o.connection,
    keys,
    senders: o.senders,
    alerts: o.alerts,
    render: o.render,
    renderStillHappening: o.renderStillHappening,
    ...(o.perSpaceIntervalMs !== undefined ? { perSpaceIntervalMs: o.perSpaceIntervalMs } : {}),
    updateIntervalMs: o.updateIntervalMs ?? 5000,
    logger: o.logger,
    stats,
    ...queueing,
    ...(o.undeliverableRetryMs !== undefined ? { undeliverableRetryMs: o.undeliverableRetryMs } : {}),
    ...(o.metrics ? { undeliverable: (reason) => o.metrics?.alertUndeliverable(reason) } : {}),
  });
  const retryBaseMs = o.retryBaseMs ?? 1000;
  const retryMaxMs = o.retryMaxMs ?? 60_000;
  const worker = new Worker(OUTBOX_QUEUE, processor, {
    connection: o.connection,
    prefix: o.prefix,
    concurrency: o.concurrency ?? 10,
    settings: { backoffStrategy: (attemptsMade: number) => outboxBackoff(attemptsMade, retryBaseMs, retryMaxMs) },
  });
  worker.on('error', (err) => o.logger.error({ err: err.message }, 'outbox worker error'));
  // The processor's return value says what reached Slack ('gone', 'unchanged'... are not counted).
  worker.on('completed', (job, result: unknown) => {
    o.metrics?.jobFinished(job, 'completed', 'outbox');
    if (result === 'posted' || result === 'updated' || result === 'replied') o.metrics?.alertSent(result);
  });
  // Paced and 429-delayed attempts are not failures (BullMQ emits nothing for them): these are
  // Slack's 5xx, network errors and refusals.
  worker.on('failed', (job, err) => {
    o.metrics?.jobFinished(job, 'failed', 'outbox');
    const final = job ? job.finishedOn !== undefined : true;
    const alertId = (job?.data as { alertId?: unknown })?.alertId;
    // An update job that gave up before clearing its "update pending" flag would otherwise absorb
    // every later update() of the alert until the flag's TTL ends: clear it, so the next one queues.
    if (final && job?.name === 'update' && typeof alertId === 'string') {
      o.connection.del(keys.updatePending(alertId)).catch(() => undefined);
    }
    // Reported once per channel by the processor; the job stays in the failed set like any given up.
    if (err instanceof ChannelUndeliverableError) return;
    o.logger[final ? 'error' : 'warn'](
      {
        job: job?.name,
        jobId: job?.id,
        alertId,
        attempt: job?.attemptsMade,
        err: err.message,
      },
      final ? 'outbox job given up (kept in the failed set)' : 'outbox message will be retried',
    );
  });
  return worker;
}
