import { PubSub } from '@google-cloud/pubsub';
import type { Redis } from 'ioredis';
import { createOutboxWebClient, SlackOutboxSender } from '../../adapters/slack';
import { ChatOutboxSender, chatApiFromConfig } from '../../adapters/google-chat';
import type { OutboxSender } from '../chat/outbox-sender';
import { platformsOf } from './platforms';
import { type AlertRoutes, configuredAlertRoutes } from '../alerts/alert-routes';
import { messageIdFits } from '../alerts/alert-destinations';
import type { PlatformPlugin } from './platform-plugin';
import { AlertStore } from '../alerts/alert-store';
import { AlertSubscriber } from '../alerts/alert-subscriber';
import { AlertOutbox } from '../alerts/outbox';
import { outboxSenders } from '../alerts/outbox-senders';
import { outcomeToOutbox } from '../alerts/outcome-to-outbox';
import type { AlertState } from '../alerts/problem';
import type { BotConfig } from '../config';
import type { RetryDelays } from './bot-options';
import type { Logger } from '../logging/logger';
import type { BotMetrics } from '../metrics/bot-metrics';
import { alertMessage, stillHappeningMessage } from '../render/alert-message';

/** The alert store (buttons read and mute it) and the outbox (every alert message goes through it). */
export interface Alerts {
  store: AlertStore;
  outbox: AlertOutbox<AlertState>;
}

/** Builds the store and the outbox on a worker-style connection; both roles use them, only workers run them. */
export function createAlerts(
  config: BotConfig,
  connection: Redis,
  logger: Logger,
  metrics: BotMetrics,
  options: {
    /** The bot's metered fetch (BotServices.slackFetch); one per bot, so its counts are the bot's. */
    slackFetch?: typeof globalThis.fetch;
    /** Told when an alert opens or is muted (the App Home refreshes). */
    onChange?: () => void;
    /** The outbox's retry delays (tests shorten them); default 1 s doubling to 60 s. */
    retry?: RetryDelays;
    /** Platforms plugged in by code: their outbox senders, alert routes and message ids. */
    plugins?: PlatformPlugin[];
  } = {},
): Alerts {
  const { onChange } = options;
  const plugins = options.plugins ?? [];
  const prefix = config.IMAGESTREAM_REDIS_PREFIX;
  const store = new AlertStore(connection, {
    ...(onChange ? { onChange } : {}),
    keyPrefix: `${prefix}:alerts:`,
    windowMs: config.IMAGESTREAM_ALERT_WINDOW_MINUTES * 60_000,
    destinationFor: withPluginRoutes(
      configuredAlertRoutes(config.IMAGESTREAM_ALERT_CHANNELS, config.ALERT_CHANNEL),
      plugins,
    ),
    messageIdFits: (ref) =>
      messageIdFits(ref) || plugins.some((plugin) => plugin.platform === ref.platform && plugin.messageIdFits?.(ref)),
  });
  // One sender per platform served; a destination of a platform not served takes no message.
  const platforms = platformsOf(config);
  const senders: OutboxSender[] = [];
  if (platforms.slack) {
    // Its own client: the outbox must see a 429's Retry-After to pace the channel across replicas.
    senders.push(
      new SlackOutboxSender(
        createOutboxWebClient(config.SLACK_BOT_TOKEN ?? '', config.SLACK_API_URL, {
          logger,
          fetch: options.slackFetch ?? metrics.slackFetch(config.SLACK_API_URL),
        }),
      ),
    );
  }
  // One call per write, no retries inside: the outbox paces and retries for every replica.
  if (platforms.googleChat) senders.push(new ChatOutboxSender(chatApiFromConfig(config)));
  for (const plugin of plugins) if (plugin.outboxSender) senders.push(plugin.outboxSender);
  const outbox = new AlertOutbox<AlertState>({
    connection,
    prefix,
    senders: outboxSenders(...senders),
    alerts: store,
    render: alertMessage,
    renderStillHappening: stillHappeningMessage,
    updateIntervalMs: config.IMAGESTREAM_ALERT_UPDATE_SECONDS * 1000,
    ...(options.retry ? { retryBaseMs: options.retry.baseMs, retryMaxMs: options.retry.maxMs } : {}),
    logger,
    metrics,
  });
  return { store, outbox };
}

/** A started alert worker: its stop, and the subscriber when PUBSUB_SUBSCRIPTION is set (for /readyz). */
export interface AlertWorker {
  stop(): Promise<void>;
  subscriber?: AlertSubscriber;
}

/**
 * A worker's part of the pipeline: the outbox worker, and with PUBSUB_SUBSCRIPTION set the
 * subscriber that turns log entries into alerts.
 */
export async function startAlertWorker(
  config: BotConfig,
  alerts: Alerts,
  logger: Logger,
  metrics: BotMetrics,
): Promise<AlertWorker> {
  alerts.outbox.startWorker();
  if (!config.PUBSUB_SUBSCRIPTION) return { stop: () => alerts.outbox.close() };
  const pubsub = new PubSub({ projectId: config.GOOGLE_CLOUD_PROJECT });
  const subscriber = new AlertSubscriber(pubsub, {
    subscription: config.PUBSUB_SUBSCRIPTION,
    maxStreams: config.PUBSUB_MAX_STREAMS,
    store: alerts.store,
    logger,
    // A duplicate entry is counted once, not once per destination of its problem.
    metrics: { ...metrics.pubsub, duplicate: () => metrics.alertDeduplicated() },
    handle: (outcome) => outcomeToOutbox(outcome, alerts.outbox, alerts.store),
    // An update shows the alert as it is when sent: one per alert per batch is enough.
    coalesce: (outcome) => (outcome.kind === 'updated' ? `update:${outcome.alert.id}` : undefined),
  });
  await subscriber.start();
  logger.info({ subscription: config.PUBSUB_SUBSCRIPTION }, 'alert subscriber started');
  return {
    subscriber,
    stop: async () => {
      await subscriber.stop();
      await pubsub.close();
      await alerts.outbox.close();
    },
  };
}

/** The config's routes, then the plugged-in platforms' own (their spaces have no config syntax). */
function withPluginRoutes(configured: AlertRoutes, plugins: PlatformPlugin[]): AlertRoutes {
  const extra = plugins.flatMap((plugin) => (plugin.alertRoutes ? [plugin.alertRoutes] : []));
  if (extra.length === 0) return configured;
  return (key) => [...configured(key), ...extra.flatMap((routes) => routes(key))];
}
