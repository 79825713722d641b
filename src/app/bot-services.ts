import { Queue } from 'bullmq';
import type { Redis } from 'ioredis';
import type { WebClient } from '@slack/web-api';
import { ApprovalStore } from '../approvals/approval-store';
import { AuditLog } from '../audit/audit-log';
import type { BotConfig } from '../config';
import { HomeRefresher } from '../home/home-refresher';
import { HomeViewers } from '../home/home-viewers';
import type { Logger } from '../logging/logger';
import { BotMetrics, QUEUE_STATES } from '../metrics/bot-metrics';
import { JobQueue } from '../queue/job-queue';
import { closeRedis, createRedis, whenReady } from '../queue/redis-connection';
import { createWebClient } from '../slack/create-web-client';
import { type Alerts, createAlerts } from './start-alerts';
import type { BotOptions } from './start-bot';

/** The BullMQ queue every job goes through. */
export const JOB_QUEUE_NAME = 'jobs';
const REDIS_START_WAIT_MS = 5000;

/** What both roles use: Redis, the job queue, the stores, the Slack client and the metrics. */
export interface BotServices {
  producer: Redis;
  queue: JobQueue;
  metrics: BotMetrics;
  /** Every Slack client (ours, Bolt's, the outbox's, response URL posts) counts errors and 429s through it. */
  slackFetch: typeof globalThis.fetch;
  slack: WebClient;
  home: HomeRefresher;
  approvals: ApprovalStore;
  audit: AuditLog;
  alerts: Alerts;
  /** Closes all of it, last of all on stop. */
  closers: Array<() => Promise<unknown>>;
}

/** Builds the services once from config; waits a few seconds for Redis, then goes on either way. */
export async function createBotServices(
  config: BotConfig,
  logger: Logger,
  options: Pick<BotOptions, 'outboxRetry'> = {},
): Promise<BotServices> {
  const prefix = config.IMAGESTREAM_REDIS_PREFIX;
  const producer = createRedis(config.REDIS_URL, 'producer');
  producer.on('error', (err) => logger.warn({ err: err.message }, 'redis (producer) error'));
  const bullQueue = new Queue(JOB_QUEUE_NAME, { connection: producer, prefix });
  // An unhandled 'error' event would crash the process; Redis errors are logged and answered per request.
  bullQueue.on('error', (err) => logger.warn({ err: err.message }, 'queue error'));
  const queue = new JobQueue(bullQueue, producer);
  // One registry per bot: tests start several in one process.
  const metrics = new BotMetrics();
  metrics.watchQueue(JOB_QUEUE_NAME, () => bullQueue.getJobCounts(...QUEUE_STATES));
  const slackFetch = metrics.slackFetch(config.SLACK_API_URL);
  const closers: Array<() => Promise<unknown>> = [() => queue.close(), () => closeRedis(producer)];
  // A few seconds for Redis before serving, so the first commands do not meet a connection still
  // opening; then on either way: /readyz says 503 and commands tell users nothing was queued.
  if (!(await whenReady(producer, REDIS_START_WAIT_MS)))
    logger.warn({ timeoutMs: REDIS_START_WAIT_MS }, 'redis is not answering; starting anyway');

  const slack = createWebClient(config.SLACK_BOT_TOKEN, config.SLACK_API_URL, { logger, fetch: slackFetch });
  // The App Home: who opened it lately; approval and alert changes queue refreshes of their Homes.
  const home = new HomeRefresher(new HomeViewers(producer, { keyPrefix: `${prefix}:home:` }), queue, logger);
  const approvals = new ApprovalStore(producer, {
    onChange: () => home.stateChanged(),
    keyPrefix: `${prefix}:approval:`,
    ttlMs: config.IMAGESTREAM_APPROVAL_TTL_HOURS * 3600_000,
  });
  const audit = new AuditLog(producer, logger, { key: `${prefix}:audit` });
  // Alerts use a connection that waits through Redis restarts: the outbox's BullMQ queue needs one.
  const alertConnection = createRedis(config.REDIS_URL, 'worker');
  alertConnection.on('error', (err) => logger.warn({ err: err.message }, 'redis (alerts) error'));
  const alerts = createAlerts(config, alertConnection, logger, metrics, {
    slackFetch,
    onChange: () => home.stateChanged(),
    ...(options.outboxRetry ? { retry: options.outboxRetry } : {}),
  });
  metrics.watchQueue('outbox', () => alerts.outbox.jobCounts(...QUEUE_STATES));
  closers.push(
    () => alerts.outbox.close(),
    () => closeRedis(alertConnection),
  );
  return { producer, queue, metrics, slackFetch, slack, home, approvals, audit, alerts, closers };
}
