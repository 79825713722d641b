import { Queue } from 'bullmq';
import type { Redis } from 'ioredis';
import { HomeRefresher, HomeViewers, createWebClient, type SlackWebClient } from '../../adapters/slack';
import { AccessScope } from '../access/access-scope';
import { ApprovalStore } from '../approvals/approval-store';
import { AuditLog } from '../audit/audit-log';
import { cloudAuditWriterOf } from '../audit/cloud-audit-of-config';
import { createCloudLogging } from '../cloud-logging/cloud-logging-client';
import type { Logging } from '@google-cloud/logging';
import type { BotConfig } from '../config';
import type { Logger } from '../logging/logger';
import { BotMetrics, QUEUE_STATES } from '../metrics/bot-metrics';
import { JobQueue } from '../queue/job-queue';
import { QUEUE_NAMES, type QueueName } from '../queue/queue-names';
import { closeRedis, createRedis, whenReady } from '../queue/redis-connection';
import { checkRedisDurability } from '../queue/redis-durability';
import { type Closer, abortable } from './shutdown';
import { type Alerts, createAlerts } from './start-alerts';
import type { BotOptions } from './bot-options';

const REDIS_START_WAIT_MS = 5000;
/** On stop, how long queued audit entries may take to reach Cloud Logging before they are given up. */
const AUDIT_FLUSH_MS = 2000;

/** What both roles use: Redis, the job queue, the stores, the Slack client and the metrics. */
export interface BotServices {
  producer: Redis;
  queue: JobQueue;
  metrics: BotMetrics;
  /** Every Slack client (ours, Bolt's, the outbox's, response URL posts) counts errors and 429s through it. */
  slackFetch: typeof globalThis.fetch;
  /** The bot's Slack Web API client (the approver directory, the jobs' Slack calls). */
  slack: SlackWebClient;
  home: HomeRefresher;
  approvals: ApprovalStore;
  audit: AuditLog;
  /** The Cloud Logging client (@google-cloud/logging) of GOOGLE_CLOUD_PROJECT: the audit log, `errors`, setup-alerts. */
  logging: Logging;
  alerts: Alerts;
  /** The projects and locations the bot may touch (IMAGESTREAM_ALLOWED_PROJECTS, _LOCATIONS). */
  scope: AccessScope;
  /** Closes all of it, last of all on stop. */
  closers: Closer[];
}

/**
 * Builds the services once from config; waits a few seconds for Redis, then goes on either way (at
 * once when `signal` aborts: the caller then closes them).
 */
export async function createBotServices(
  config: BotConfig,
  logger: Logger,
  options: Pick<BotOptions, 'outboxRetry' | 'plugins'> = {},
  signal?: AbortSignal,
  /** In the worker thread of a role-all process: the main thread already counts the process and checked Redis. */
  inWorkerThread = false,
): Promise<BotServices> {
  const prefix = config.IMAGESTREAM_REDIS_PREFIX;
  const producer = createRedis(config.REDIS_URL, 'producer');
  producer.on('error', (err) => logger.warn({ err: err.message }, 'redis (producer) error'));
  // One registry per bot: tests start several in one process.
  const metrics = new BotMetrics({ processMetrics: !inWorkerThread });
  // The queues jobs are split over (src/queue/queue-names.ts), each counted by the queue gauge.
  const bullQueues = {} as Record<QueueName, Queue>;
  for (const name of QUEUE_NAMES) {
    const bullQueue = new Queue(name, { connection: producer, prefix });
    // An unhandled 'error' event would crash the process; Redis errors are logged and answered per request.
    bullQueue.on('error', (err) => logger.warn({ err: err.message, queue: name }, 'queue error'));
    metrics.watchQueue(name, () => bullQueue.getJobCounts(...QUEUE_STATES));
    bullQueues[name] = bullQueue;
  }
  const { jobs, ...others } = bullQueues;
  const queue = new JobQueue(jobs, producer, others);
  const slackFetch = metrics.slackFetch(config.SLACK_API_URL);
  const closers: Closer[] = [
    { name: 'job queue', close: () => queue.close() },
    { name: 'redis (producer)', close: () => closeRedis(producer) },
  ];
  // A few seconds for Redis before serving, so the first commands do not meet a connection still
  // opening; then on either way: /readyz says 503 and commands tell users nothing was queued.
  // (Not in the worker thread: the main thread has just waited, and the thread's worker connections wait anyway.)
  const ready = inWorkerThread
    ? undefined
    : await abortable(whenReady(producer, REDIS_START_WAIT_MS), signal).catch(() => undefined);
  if (ready === false) logger.warn({ timeoutMs: REDIS_START_WAIT_MS }, 'redis is not answering; starting anyway');
  // Where it can tell, says when Redis would lose the bot's data (no persistence, evicting keys).
  else if (ready) await checkRedisDurability(producer, logger);

  const slack = createWebClient(config.SLACK_BOT_TOKEN ?? '', config.SLACK_API_URL, { logger, fetch: slackFetch });
  // The App Home: who opened it lately; approval and alert changes queue refreshes of their Homes.
  const home = new HomeRefresher(new HomeViewers(producer, { keyPrefix: `${prefix}:home:` }), queue, logger);
  const approvals = new ApprovalStore(producer, {
    onChange: () => home.stateChanged(),
    keyPrefix: `${prefix}:approval:`,
    ttlMs: config.IMAGESTREAM_APPROVAL_TTL_HOURS * 3600_000,
  });
  const logging = createCloudLogging({
    endpoint: config.LOGGING_API_ENDPOINT,
    accessToken: config.GOOGLE_OAUTH_ACCESS_TOKEN,
    timeoutMs: config.IMAGESTREAM_HTTP_TIMEOUT_MS,
    projectId: config.GOOGLE_CLOUD_PROJECT,
  });
  // Every audit event also goes to its Cloud Logging log, in the background (IMAGESTREAM_AUDIT_LOG).
  const auditWriter = cloudAuditWriterOf(config, logging, logger);
  const audit = new AuditLog(producer, logger, {
    key: `${prefix}:audit`,
    ...(auditWriter ? { sink: auditWriter } : {}),
  });
  if (auditWriter) closers.push({ name: 'audit log (Cloud Logging)', close: () => auditWriter.flush(AUDIT_FLUSH_MS) });
  // Alerts use a connection that waits through Redis restarts: the outbox's BullMQ queue needs one.
  const alertConnection = createRedis(config.REDIS_URL, 'worker');
  alertConnection.on('error', (err) => logger.warn({ err: err.message }, 'redis (alerts) error'));
  const alerts = createAlerts(config, alertConnection, logger, metrics, {
    slackFetch,
    onChange: () => home.stateChanged(),
    ...(options.outboxRetry ? { retry: options.outboxRetry } : {}),
    ...(options.plugins ? { plugins: options.plugins } : {}),
  });
  metrics.watchQueue('outbox', () => alerts.outbox.jobCounts(...QUEUE_STATES));
  closers.push(
    { name: 'alert outbox', close: () => alerts.outbox.close() },
    { name: 'redis (alerts)', close: () => closeRedis(alertConnection) },
  );
  const scope = new AccessScope(config.IMAGESTREAM_ALLOWED_PROJECTS, config.IMAGESTREAM_ALLOWED_LOCATIONS);
  if (!scope.restrictsProjects) {
    logger.warn(
      'IMAGESTREAM_ALLOWED_PROJECTS is not set: anyone in the chat can name any project the service account can read (--project); set it to the projects this bot serves',
    );
  }
  return { producer, queue, metrics, slackFetch, slack, home, approvals, audit, logging, alerts, scope, closers };
}
