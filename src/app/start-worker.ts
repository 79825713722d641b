import { Worker } from 'bullmq';
import { createProcessor } from '../../jobs';
import type { BotConfig } from '../config';
import type { Logger } from '../logging/logger';
import { closeRedis, createRedis } from '../queue/redis-connection';
import { ReplyLine } from '../slack/reply-line';
import { type BotServices, JOB_QUEUE_NAME } from './bot-services';
import { buildWorkerDeps } from './build-worker-deps';
import type { OpsProbes } from './ops-routes';
import type { Closer } from './shutdown';
import type { BotOptions } from './start-bot';
import { startAlertWorker } from './start-alerts';

/**
 * The worker role: the BullMQ worker running every job, and the alert pipeline (outbox, and the
 * Pub/Sub subscriber when configured, which joins the readiness probe). Returns its stops, in order.
 */
export async function startWorker(
  config: BotConfig,
  logger: Logger,
  services: BotServices,
  probes: OpsProbes,
  options: BotOptions,
): Promise<Closer[]> {
  const { metrics } = services;
  const connection = createRedis(config.REDIS_URL, 'worker');
  connection.on('error', (err) => logger.warn({ err: err.message }, 'redis (worker) error'));
  const replies = new ReplyLine();
  const worker = new Worker(
    JOB_QUEUE_NAME,
    createProcessor(buildWorkerDeps(config, logger, services, replies, options)),
    {
      connection,
      prefix: config.IMAGESTREAM_REDIS_PREFIX,
      concurrency: config.IMAGESTREAM_WORKER_CONCURRENCY,
      lockDuration: config.IMAGESTREAM_JOB_LOCK_MS,
      stalledInterval: Math.max(1000, Math.floor(config.IMAGESTREAM_JOB_LOCK_MS / 2)),
    },
  );
  worker.on('error', (err) => logger.error({ err: err.message }, 'worker error'));
  worker.on('completed', (job) => metrics.jobFinished(job, 'completed'));
  worker.on('failed', (job, err) => {
    metrics.jobFinished(job, 'failed');
    logger.warn({ job: job?.name, jobId: job?.id, err: err.message }, 'job failed');
  });
  const alertWorker = await startAlertWorker(config, services.alerts, logger, metrics);
  probes.subscriber = alertWorker.subscriber;
  return [
    { name: 'alert worker', close: () => alertWorker.stop() },
    // Before the worker waits for its jobs: a reply waiting out a Slack outage must not hold up the stop.
    { name: 'command replies', close: async () => replies.close() },
    { name: 'job worker', close: () => worker.close() },
    { name: 'redis (worker)', close: () => closeRedis(connection) },
  ];
}
