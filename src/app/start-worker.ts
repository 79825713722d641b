import { Worker } from 'bullmq';
import { createProcessor } from '../../jobs';
import { slackHomeJob, slackWorkerMessenger } from '../../adapters/slack';
import { chatWorkerMessenger } from '../../adapters/google-chat';
import type { Messenger } from '../chat/messenger';
import { messengers } from '../chat/messengers';
import type { BotConfig } from '../config';
import type { Logger } from '../logging/logger';
import type { QueueName } from '../queue/queue-names';
import { closeRedis, createRedis } from '../queue/redis-connection';
import { keepDigestSchedule } from '../digest/keep-digest-schedule';
import type { BotServices } from './bot-services';
import { buildWorkerDeps } from './build-worker-deps';
import type { OpsProbes } from './ops-routes';
import type { Closer } from './shutdown';
import type { BotOptions } from './bot-options';
import { startAlertWorker } from './start-alerts';
import { platformsOf } from './platforms';

/**
 * The worker role: one BullMQ worker per queue (src/queue/queue-names.ts), each with its own
 * concurrency, so replies waiting out a chat platform's outage never take an approved change's slot; and the
 * alert pipeline (outbox, and the Pub/Sub subscriber when configured, which joins the readiness
 * probe). Returns its stops, in order.
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
  // One messenger per platform served: a job answers through the one its payload names.
  const platforms = platformsOf(config);
  const served: Array<Messenger & { close(): void }> = [];
  if (platforms.slack)
    served.push(slackWorkerMessenger(config, services.slack, services.slackFetch, options.replyRetry));
  if (platforms.googleChat) {
    served.push(chatWorkerMessenger(config, options.replyRetry ? { replyRetry: options.replyRetry } : {}));
  }
  // Platforms plugged in by code (the playground's web chat) answer through theirs.
  const plugged = (options.plugins ?? []).flatMap((plugin) => (plugin.messenger ? [plugin.messenger] : []));
  const { deps, home } = buildWorkerDeps(config, logger, services, messengers(...served, ...plugged), options);
  const processor = createProcessor(deps, { home: slackHomeJob(home) });
  // Every replica upserts the same scheduler (one tick job each time), or removes it when the digest is
  // off; in the background, so a Redis that does not answer cannot hold up the start.
  const digest = keepDigestSchedule(
    services.queue.queue,
    config.IMAGESTREAM_DIGEST ? { pattern: config.IMAGESTREAM_DIGEST, tz: config.IMAGESTREAM_DIGEST_TZ } : undefined,
    logger,
  );
  const concurrency: Record<QueueName, number> = {
    jobs: config.IMAGESTREAM_WORKER_CONCURRENCY,
    changes: config.IMAGESTREAM_CHANGE_CONCURRENCY,
    replies: config.IMAGESTREAM_REPLY_CONCURRENCY,
  };
  const workers = (Object.keys(concurrency) as QueueName[]).map((queue) => {
    const worker = new Worker(queue, processor, {
      connection,
      prefix: config.IMAGESTREAM_REDIS_PREFIX,
      concurrency: concurrency[queue],
      lockDuration: config.IMAGESTREAM_JOB_LOCK_MS,
      stalledInterval: Math.max(1000, Math.floor(config.IMAGESTREAM_JOB_LOCK_MS / 2)),
    });
    worker.on('error', (err) => logger.error({ err: err.message, queue }, 'worker error'));
    worker.on('completed', (job) => metrics.jobFinished(job, 'completed'));
    worker.on('failed', (job, err) => {
      metrics.jobFinished(job, 'failed');
      logger.warn({ job: job?.name, jobId: job?.id, err: err.message }, 'job failed');
    });
    return worker;
  });
  const alertWorker = await startAlertWorker(config, services.alerts, logger, metrics);
  probes.subscriber = alertWorker.subscriber;
  return [
    { name: 'digest schedule', close: async () => digest.stop() },
    { name: 'alert worker', close: () => alertWorker.stop() },
    // Before the workers wait for their jobs: a reply waiting out a platform's outage must not hold up the stop.
    { name: 'command replies', close: async () => [...served, ...plugged].forEach((messenger) => messenger.close?.()) },
    { name: 'job workers', close: () => Promise.all(workers.map((w) => w.close())) },
    { name: 'redis (worker)', close: () => closeRedis(connection) },
  ];
}
