import { App, SocketModeReceiver } from '@slack/bolt';
import { Queue, Worker } from 'bullmq';
import type { Server } from 'node:http';
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
import { BotMetrics, QUEUE_STATES } from '../metrics/bot-metrics';
import { slackMethodOf } from '../metrics/metered-fetch';
import { HomeRefresher } from '../home/home-refresher';
import { HomeViewers } from '../home/home-viewers';
import { JobQueue } from '../queue/job-queue';
import { closeRedis, createRedis } from '../queue/redis-connection';
import { createWebClient } from '../slack/create-web-client';
import { postToResponseUrl } from '../slack/post-to-response-url';
import { ReplyLine } from '../slack/reply-line';
import { DEFAULT_PUBSUB_ENDPOINT, createPubsubAdminClient } from '../setup-alerts/pubsub-admin-client';
import { boltLogger } from './bolt-logger';
import { botAuthorization } from './bot-authorization';
import { createHttpReceiver } from './http-receiver';
import { type OpsProbes, opsRoutes } from './ops-routes';
import { startOpsServer } from './ops-server';
import { createAlerts, startAlertWorker } from './start-alerts';

/**
 * How long a command reply retries while Slack fails: its response_url is valid 30 minutes from the
 * command, and an expired one answers 404, which ends the retries anyway.
 */
const REPLY_RETRY_MS = 25 * 60_000;

/** Test seams; production passes none. */
export interface BotOptions {
  /** Overrides the GKE operation delays that config gives. */
  applyOptions?: ApplyOptions;
  /** Base URL of the Pub/Sub API (setup-alerts); default https://pubsub.googleapis.com/. */
  pubsubEndpoint?: string;
}

/** A running bot: its HTTP port (Slack over HTTP and the probes, or the probes alone) and a clean stop. */
export interface RunningBot {
  port?: number;
  /** This bot's metrics (served on /metrics; tests read them directly too). */
  metrics: BotMetrics;
  stop(): Promise<void>;
}

/**
 * The composition root: builds every client once from config and starts the roles asked for.
 * `web` serves Slack (POST /slack/events, or Socket Mode with SLACK_APP_TOKEN); `worker` runs the
 * jobs; `all` does both. Any number of each share one Redis. Every role serves /healthz and /readyz.
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
  // One registry per bot: tests start several in one process.
  const metrics = new BotMetrics();
  metrics.watchQueue(queueName, () => bullQueue.getJobCounts(...QUEUE_STATES));
  // Every Slack client (ours, Bolt's, the outbox's, response URL posts) counts errors and 429s through it.
  const slackFetch = metrics.slackFetch(slackMethodOf(config.SLACK_API_URL));
  closers.push(
    () => queue.close(),
    () => closeRedis(producer),
  );
  await waitUntilReady(producer, 5000, logger);
  const slack = createWebClient(config.SLACK_BOT_TOKEN, config.SLACK_API_URL, logger, undefined, slackFetch);
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
  const alerts = createAlerts(config, alertConnection, logger, metrics, () => home.stateChanged());
  metrics.watchQueue('outbox', () => alerts.outbox.jobCounts(...QUEUE_STATES));
  closers.push(
    () => alerts.outbox.close(),
    () => closeRedis(alertConnection),
  );

  // The probes' inputs; the alert subscriber joins once it runs (/readyz reads them per request).
  const probes: OpsProbes = { redis: producer, metrics: () => metrics.scrape() };
  const socketMode = web && config.SLACK_APP_TOKEN !== undefined;
  let port: number | undefined;
  if (!web || socketMode) {
    // No Bolt HTTP server here (worker role, Socket Mode): the probes get their own on PORT,
    // started before Slack connects so liveness answers while the socket is still opening.
    const ops = await startOpsServer(opsRoutes(probes), config.PORT);
    port = ops.port;
    serverClosers.push(() => ops.close());
    logger.info({ port }, 'ops endpoints listening on /healthz and /readyz');
  }

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
      metrics,
      home,
    };
    // Socket Mode: an explicit receiver, so its own Web API client (apps.connections.open, with
    // the app token) goes to SLACK_API_URL too, and stop() can wait for the socket to close.
    const socketReceiver = config.SLACK_APP_TOKEN
      ? new SocketModeReceiver({
          appToken: config.SLACK_APP_TOKEN,
          logger: boltLogger(logger),
          installerOptions: { clientOptions: { slackApiUrl: config.SLACK_API_URL } },
        })
      : undefined;
    // Not `token`: Bolt would cache a failed start-up auth.test for ever (see bot-authorization.ts).
    const authorization = botAuthorization(slack, config.SLACK_BOT_TOKEN, logger);
    void authorization.warm();
    const app = new App({
      authorize: authorization.authorize,
      // No listener keeps conversation state, and Bolt's in-memory store would be wrong across
      // replicas anyway; off, it stops costing every request a lookup and a thrown Error.
      convoStore: false,
      clientOptions: { slackApiUrl: config.SLACK_API_URL, fetch: slackFetch },
      logger: boltLogger(logger),
      ...(socketReceiver
        ? { receiver: socketReceiver }
        : {
            receiver: createHttpReceiver({
              // Set whenever SLACK_APP_TOKEN is not (the config checks it).
              signingSecret: config.SLACK_SIGNING_SECRET ?? '',
              customRoutes: opsRoutes(probes),
              logger: boltLogger(logger),
            }),
          }),
    });
    register(app, webDeps);
    app.error(async (err) => {
      logger.error({ err: errorMessage(err) }, 'unhandled error in a Slack listener');
    });
    if (socketReceiver) {
      try {
        await app.start();
      } catch (err) {
        // A bad app token or an unreachable Slack: release what started, then report it.
        for (const close of [...serverClosers, ...closers]) await close().catch(() => undefined);
        throw err;
      }
      // First on stop: no new Slack requests, then the probes.
      serverClosers.unshift(() => socketReceiver.client.disconnect());
      logger.info('slack connected over Socket Mode');
    } else {
      const server = (await app.start(config.PORT)) as Server;
      port = (server.address() as AddressInfo).port;
      serverClosers.push(() => app.stop());
      logger.info({ port }, 'slack endpoint listening on /slack/events');
    }
  }

  if (work) {
    const connection = createRedis(config.REDIS_URL, 'worker');
    connection.on('error', (err) => logger.warn({ err: err.message }, 'redis (worker) error'));
    // Command replies go out in order and outlive a Slack outage (see REPLY_RETRY_MS).
    const replies = new ReplyLine();
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
        replies.send((signal) =>
          postToResponseUrl(url, message, {
            fetch: slackFetch,
            ...opts,
            allowedPrefix: config.SLACK_RESPONSE_URL_PREFIX,
            retryForMs: REPLY_RETRY_MS,
            signal,
          }),
        ),
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
      home: {
        viewers: home.viewers,
        alerts: alerts.store,
        projects: [...new Set([config.GOOGLE_CLOUD_PROJECT ?? '', ...config.IMAGESTREAM_HOME_PROJECTS])].filter(
          Boolean,
        ),
      },
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
    worker.on('completed', (job) => metrics.jobFinished(job, 'completed'));
    worker.on('failed', (job) => metrics.jobFinished(job, 'failed'));
    const alertWorker = await startAlertWorker(config, alerts, logger, metrics);
    probes.subscriber = alertWorker.subscriber;
    workerClosers.push(
      () => alertWorker.stop(),
      // Before the worker waits for its jobs: a reply waiting out a Slack outage must not hold up the stop.
      async () => replies.close(),
      () => worker.close(),
      () => closeRedis(connection),
    );
  }

  let stopping: Promise<void> | undefined;
  return {
    port,
    metrics,
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
 * would otherwise meet a connection still opening. If it does not answer, start anyway: /readyz
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
