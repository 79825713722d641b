import { App } from '@slack/bolt';
import { Queue, Worker } from 'bullmq';
import type { IncomingMessage, Server, ServerResponse } from 'node:http';
import type { Redis } from 'ioredis';
import type { AddressInfo } from 'node:net';
import { createProcessor } from '../../jobs';
import type { WorkerDeps } from '../../jobs/worker-deps';
import { register } from '../../handlers/register';
import type { WebDeps } from '../../handlers/web-deps';
import { ApprovalStore } from '../approvals/approval-store';
import { ApproverPolicy } from '../approvals/approver-policy';
import { AuditLog } from '../audit/audit-log';
import { buildGatherDeps } from '../check/build-gather-deps';
import { createLoggingClient } from '../cloud-logging/logging-client';
import { createQuotasClient } from '../fixes/create-quotas-client';
import type { BotConfig } from '../config';
import { UsageError, errorMessage } from '../errors';
import type { ApplyOptions } from '../gke/apply-streaming-change';
import { googleClientOptions } from '../google/google-client-options';
import { createGoogleClients } from '../google/google-clients';
import type { Logger } from '../logging/logger';
import { JobQueue } from '../queue/job-queue';
import { closeRedis, createRedis } from '../queue/redis-connection';
import { createWebClient } from '../slack/create-web-client';
import { postToResponseUrl } from '../slack/post-to-response-url';
import { DEFAULT_PUBSUB_ENDPOINT, createPubsubAdminClient } from '../setup-alerts/pubsub-admin-client';
import { boltLogger } from './bolt-logger';
import { createAlerts, startAlertWorker } from './start-alerts';

/** Test seams; production passes none. */
export interface BotOptions {
  /** Overrides the GKE operation delays that config gives. */
  applyOptions?: ApplyOptions;
  /** Base URL of the Pub/Sub API (setup-alerts); default https://pubsub.googleapis.com/. */
  pubsubEndpoint?: string;
}

/** A running bot: its HTTP port (web role) and a clean stop. */
export interface RunningBot {
  port?: number;
  stop(): Promise<void>;
}

/**
 * The composition root: builds every client once from config and starts the roles asked for.
 * `web` serves Slack (POST /slack/events, GET /healthz); `worker` runs the jobs; `all` does both.
 * Any number of each share one Redis.
 */
export async function startBot(config: BotConfig, logger: Logger, options: BotOptions = {}): Promise<RunningBot> {
  const prefix = config.IMAGESTREAM_REDIS_PREFIX;
  const queueName = 'jobs';
  // Stopped in this order: the HTTP server (no new requests), the workers (they finish their jobs), then Redis.
  const closers: Array<() => Promise<unknown>> = [];
  const serverClosers: Array<() => Promise<unknown>> = [];
  const workerClosers: Array<() => Promise<unknown>> = [];
  const web = config.IMAGESTREAM_ROLE !== 'worker';
  const work = config.IMAGESTREAM_ROLE !== 'web';

  const producer = createRedis(config.REDIS_URL, 'producer');
  producer.on('error', (err) => logger.warn({ err: err.message }, 'redis (producer) error'));
  const bullQueue = new Queue(queueName, { connection: producer, prefix });
  // An unhandled 'error' event would crash the process; Redis errors are logged and answered per request.
  bullQueue.on('error', (err) => logger.warn({ err: err.message }, 'queue error'));
  const queue = new JobQueue(bullQueue, producer);
  closers.push(
    () => queue.close(),
    () => closeRedis(producer),
  );
  await waitUntilReady(producer, 5000, logger);
  const slack = createWebClient(config.SLACK_BOT_TOKEN, config.SLACK_API_URL, logger);
  const approvals = new ApprovalStore(producer, {
    keyPrefix: `${prefix}:approval:`,
    ttlMs: config.IMAGESTREAM_APPROVAL_TTL_HOURS * 3600_000,
  });
  const audit = new AuditLog(producer, logger, { key: `${prefix}:audit` });
  // Alerts use a connection that waits through Redis restarts: the outbox's BullMQ queue needs one.
  const alertConnection = createRedis(config.REDIS_URL, 'worker');
  alertConnection.on('error', (err) => logger.warn({ err: err.message }, 'redis (alerts) error'));
  const alerts = createAlerts(config, alertConnection, logger);
  closers.push(
    () => alerts.outbox.close(),
    () => closeRedis(alertConnection),
  );

  let port: number | undefined;
  if (web) {
    const webDeps: WebDeps = {
      config,
      logger,
      queue,
      approvals,
      alerts,
      approvers: new ApproverPolicy(slack, {
        userIds: config.IMAGESTREAM_APPROVERS,
        usergroup: config.IMAGESTREAM_APPROVER_GROUP,
        allowSelfApproval: config.IMAGESTREAM_ALLOW_SELF_APPROVAL,
      }),
      audit,
    };
    const app = new App({
      signingSecret: config.SLACK_SIGNING_SECRET,
      token: config.SLACK_BOT_TOKEN,
      clientOptions: { slackApiUrl: config.SLACK_API_URL },
      logger: boltLogger(logger),
      customRoutes: [
        // Liveness: the process answers and Redis answers (issue 3's contract).
        { path: '/healthz', method: ['GET'], handler: redisProbe(producer) },
        // Readiness: traffic only once Redis answers (the platform's readiness check).
        { path: '/readyz', method: ['GET'], handler: redisProbe(producer) },
      ],
    });
    register(app, webDeps);
    app.error(async (err) => {
      logger.error({ err: errorMessage(err) }, 'unhandled error in a Slack listener');
    });
    const server = (await app.start(config.PORT)) as Server;
    port = (server.address() as AddressInfo).port;
    serverClosers.push(() => app.stop());
    logger.info({ port }, 'slack endpoint listening on /slack/events');
  }

  if (work) {
    const connection = createRedis(config.REDIS_URL, 'worker');
    connection.on('error', (err) => logger.warn({ err: err.message }, 'redis (worker) error'));
    const google = createGoogleClients(googleClientOptions(config));
    const workerDeps: WorkerDeps = {
      logger,
      container: google.container,
      logging: createLoggingClient({
        endpoint: config.LOGGING_API_ENDPOINT,
        accessToken: config.GOOGLE_OAUTH_ACCESS_TOKEN,
        timeoutMs: config.IMAGESTREAM_HTTP_TIMEOUT_MS,
      }),
      gather: buildGatherDeps(
        config,
        async () => {
          throw new UsageError('files cannot be read from Slack');
        },
        () => google,
      ),
      reply: (url, message, opts) =>
        postToResponseUrl(url, message, { ...opts, allowedPrefix: config.SLACK_RESPONSE_URL_PREFIX }),
      slack,
      approvals,
      audit,
      queue,
      alerts: alerts.store,
      quotaRequest: {
        multiple: config.IMAGESTREAM_QUOTA_MULTIPLE,
        contactEmail: config.IMAGESTREAM_QUOTA_CONTACT_EMAIL,
      },
      quotas: createQuotasClient({
        endpoint: config.CLOUDQUOTAS_API_ENDPOINT,
        accessToken: config.GOOGLE_OAUTH_ACCESS_TOKEN,
      }),
      pubsubAdmin: createPubsubAdminClient({
        endpoint: options.pubsubEndpoint ?? DEFAULT_PUBSUB_ENDPOINT,
        accessToken: config.GOOGLE_OAUTH_ACCESS_TOKEN,
        timeoutMs: config.IMAGESTREAM_HTTP_TIMEOUT_MS,
      }),
      applyOptions: { initialDelayMs: config.IMAGESTREAM_GKE_POLL_MS, ...options.applyOptions },
    };
    const worker = new Worker(queueName, createProcessor(workerDeps), {
      connection,
      prefix,
      concurrency: config.IMAGESTREAM_WORKER_CONCURRENCY,
      lockDuration: config.IMAGESTREAM_JOB_LOCK_MS,
      stalledInterval: Math.max(1000, Math.floor(config.IMAGESTREAM_JOB_LOCK_MS / 2)),
    });
    worker.on('error', (err) => logger.error({ err: err.message }, 'worker error'));
    worker.on('failed', (job, err) => logger.warn({ job: job?.name, jobId: job?.id, err: err.message }, 'job failed'));
    const stopAlerts = await startAlertWorker(config, alerts, logger);
    workerClosers.push(
      stopAlerts,
      () => worker.close(),
      () => closeRedis(connection),
    );
  }

  let stopping: Promise<void> | undefined;
  return {
    port,
    stop: () =>
      (stopping ??= (async () => {
        // In order: stop taking requests, let workers finish their jobs, then close Redis.
        for (const close of [...serverClosers, ...workerClosers, ...closers]) {
          try {
            await close();
          } catch (err) {
            logger.warn({ err: errorMessage(err) }, 'error while stopping');
          }
        }
      })()),
  };
}

/**
 * Gives Redis a few seconds to answer before serving: a command in the first moments after start
 * would otherwise meet a connection still opening. If it does not answer, start anyway: /healthz
 * says 503 and commands tell users that nothing was queued.
 */
async function waitUntilReady(redis: Redis, timeoutMs: number, logger: Logger): Promise<void> {
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

/** A probe answering 200 when Redis answers PING, 503 otherwise. */
function redisProbe(redis: Redis) {
  return (_req: IncomingMessage, res: ServerResponse): void => {
    redis.ping().then(
      () => {
        res.writeHead(200, { 'content-type': 'text/plain' });
        res.end('ok\n');
      },
      () => {
        res.writeHead(503, { 'content-type': 'text/plain' });
        res.end('redis unavailable\n');
      },
    );
  };
}
