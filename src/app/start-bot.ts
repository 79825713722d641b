import type { BotConfig } from '../config';
import { errorMessage } from '../errors';
import type { Logger } from '../logging/logger';
import type { BotMetrics } from '../metrics/bot-metrics';
import type { BotOptions } from './bot-options';
import { createBotServices } from './bot-services';
import { httpLimits } from './http-limits';
import { type OpsProbes, opsRoutes } from './ops-routes';
import { startOpsServer } from './ops-server';
import { type Closer, closeInOrder } from './shutdown';
import { prepareWeb } from './start-web';
import { platformsOf } from './platforms';
import { startWorker } from './start-worker';
import { warnIfNoApprovers } from './warn-no-approvers';
import { startWorkerThread } from './worker-thread';
import { withTimeout } from '../with-timeout';

export type { BotOptions, RetryDelays } from './bot-options';

/** A running bot: its HTTP port (Slack over HTTP and the probes, or the probes alone) and a clean stop. */
export interface RunningBot {
  port?: number;
  /** This bot's metrics (served on /metrics; tests read them directly too). */
  metrics: BotMetrics;
  /** Stops within IMAGESTREAM_SHUTDOWN_TIMEOUT_MS, else rejects with ShutdownTimeoutError. */
  stop(): Promise<void>;
}

/**
 * The composition root: builds every client once from config and starts the roles asked for.
 * `web` serves Slack (POST /slack/events, or Socket Mode with SLACK_APP_TOKEN); `worker` runs the
 * jobs; `all` does both. Any number of each share one Redis. Every role serves /healthz, /readyz
 * and /metrics. When `signal` aborts during the start (SIGTERM while starting), what started is
 * closed and the start rejects with the signal's reason.
 */
export async function startBot(
  config: BotConfig,
  logger: Logger,
  options: BotOptions = {},
  signal?: AbortSignal,
): Promise<RunningBot> {
  const web = config.IMAGESTREAM_ROLE !== 'worker';
  const work = config.IMAGESTREAM_ROLE !== 'web';
  // Approve clicks reach the web role: that is where a missing approver list must be said.
  if (web) warnIfNoApprovers(config, logger);
  const services = await createBotServices(config, logger, options, signal);
  // Stopped in this order: no new requests, the workers (they finish their jobs), then Redis; all
  // within one deadline, as the platform kills the process after its grace period anyway.
  const serverClosers: Closer[] = [];
  const workerClosers: Closer[] = [];
  const closeAll = () =>
    closeInOrder(
      [...serverClosers, ...workerClosers, ...services.closers],
      logger,
      config.IMAGESTREAM_SHUTDOWN_TIMEOUT_MS,
    );

  // The probes' inputs; the alert subscriber joins once it runs (/readyz reads them per request).
  const probes: OpsProbes = { redis: services.producer, metrics: () => services.metrics.scrape() };
  let port: number | undefined;
  const limits = httpLimits(options.httpLimits);
  try {
    signal?.throwIfAborted();
    // The web role's platform routes (Google Chat's events) go on whichever HTTP server runs here.
    const front = web ? prepareWeb(config, logger, services, probes, limits, options) : undefined;
    if (!web || !platformsOf(config).slackOverHttp) {
      // No Bolt HTTP server here (worker role, Socket Mode, no Slack): the probes get their own on
      // PORT, with Google Chat's route beside them, started before Slack connects so liveness
      // answers while the socket is still opening.
      const ops = await startOpsServer([...opsRoutes(probes), ...(front?.routes ?? [])], config.PORT, limits);
      port = ops.port;
      serverClosers.push({ name: 'ops server', close: () => ops.close() });
      logger.info({ port }, 'ops endpoints listening on /healthz, /readyz and /metrics');
    }
    if (front) {
      const running = await front.start(signal);
      port = running.port ?? port;
      // First on stop: no new chat requests, then the probes.
      serverClosers.unshift({ name: 'chat front ends', close: () => running.stop() });
      if (front.routes.length > 0) logger.info({ port }, 'google chat endpoint listening on /google-chat/events');
    }
    signal?.throwIfAborted();
    if (work && web && options.workerThread) {
      const thread = await startWorkerThread(config, logger, probes, signal);
      workerClosers.push(thread.closer);
      // /metrics shows the thread's jobs too; a thread that does not answer leaves them out.
      const threadMetrics = () => withTimeout(thread.metricsJson(), 1000).catch(() => []);
      probes.metrics = () => services.metrics.scrape(threadMetrics);
      logger.info('jobs run in a worker thread');
    } else if (work) workerClosers.push(...(await startWorker(config, logger, services, probes, options)));
    signal?.throwIfAborted();
  } catch (err) {
    // A bad app token, an unreachable Slack, or a signal: release what started, then report it.
    try {
      await closeAll();
    } catch (closeErr) {
      logger.error({ err: errorMessage(err) }, 'start failed');
      throw closeErr;
    }
    throw err;
  }

  let stopping: Promise<void> | undefined;
  return { port, metrics: services.metrics, stop: () => (stopping ??= closeAll()) };
}
