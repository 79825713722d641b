import type { BotConfig } from '../config';
import { errorMessage } from '../errors';
import type { ApplyOptions } from '../gke/apply-streaming-change';
import type { Logger } from '../logging/logger';
import type { BotMetrics } from '../metrics/bot-metrics';
import { createBotServices } from './bot-services';
import { type OpsProbes, opsRoutes } from './ops-routes';
import { startOpsServer } from './ops-server';
import { startWeb } from './start-web';
import { startWorker } from './start-worker';

/** Test seams; production passes none. */
export interface BotOptions {
  /** Overrides the GKE operation delays that config gives. */
  applyOptions?: ApplyOptions;
  /** Base URL of the Pub/Sub API (setup-alerts); default https://pubsub.googleapis.com/. */
  pubsubEndpoint?: string;
  /** Shorter Slack retry delays than production's (tests): command replies' (default 500 ms to 15 s). */
  replyRetry?: SlackRetry;
  /** The same for the alert outbox (default 1 s to 60 s). */
  outboxRetry?: SlackRetry;
  /** How long Bolt waits for a listener to ack before answering 404 (default Bolt's 3 s); tests shorten it. */
  unhandledRequestTimeoutMs?: number;
}

/** A doubling backoff: the first delay and the longest one, in ms. */
export interface SlackRetry {
  baseMs: number;
  maxMs: number;
}

/** A running bot: its HTTP port (Slack over HTTP and the probes, or the probes alone) and a clean stop. */
export interface RunningBot {
  port?: number;
  /** This bot's metrics (served on /metrics; tests read them directly too). */
  metrics: BotMetrics;
  stop(): Promise<void>;
}

type Closer = () => Promise<unknown>;

/**
 * The composition root: builds every client once from config and starts the roles asked for.
 * `web` serves Slack (POST /slack/events, or Socket Mode with SLACK_APP_TOKEN); `worker` runs the
 * jobs; `all` does both. Any number of each share one Redis. Every role serves /healthz, /readyz
 * and /metrics.
 */
export async function startBot(config: BotConfig, logger: Logger, options: BotOptions = {}): Promise<RunningBot> {
  const web = config.IMAGESTREAM_ROLE !== 'worker';
  const work = config.IMAGESTREAM_ROLE !== 'web';
  const services = await createBotServices(config, logger, options);
  // Stopped in this order: no new requests, the workers (they finish their jobs), then Redis.
  const serverClosers: Closer[] = [];
  const workerClosers: Closer[] = [];
  const closeAll = async () => {
    for (const close of [...serverClosers, ...workerClosers, ...services.closers]) {
      try {
        await close();
      } catch (err) {
        logger.warn({ err: errorMessage(err) }, 'error while stopping');
      }
    }
  };

  // The probes' inputs; the alert subscriber joins once it runs (/readyz reads them per request).
  const probes: OpsProbes = { redis: services.producer, metrics: () => services.metrics.scrape() };
  let port: number | undefined;
  try {
    if (!web || config.SLACK_APP_TOKEN !== undefined) {
      // No Bolt HTTP server here (worker role, Socket Mode): the probes get their own on PORT,
      // started before Slack connects so liveness answers while the socket is still opening.
      const ops = await startOpsServer(opsRoutes(probes), config.PORT);
      port = ops.port;
      serverClosers.push(() => ops.close());
      logger.info({ port }, 'ops endpoints listening on /healthz, /readyz and /metrics');
    }
    if (web) {
      const slack = await startWeb(config, logger, services, probes, options);
      port = slack.port ?? port;
      // First on stop: no new Slack requests, then the probes.
      serverClosers.unshift(() => slack.stop());
    }
    if (work) workerClosers.push(...(await startWorker(config, logger, services, probes, options)));
  } catch (err) {
    // A bad app token or an unreachable Slack: release what started, then report it.
    await closeAll();
    throw err;
  }

  let stopping: Promise<void> | undefined;
  return { port, metrics: services.metrics, stop: () => (stopping ??= closeAll()) };
}
