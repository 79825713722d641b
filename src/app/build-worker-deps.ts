import type { WorkerDeps } from '../../jobs/worker-deps';
import { undeliverableChannels, channelMembers, sharedClusterLists, type SlackHomeDeps } from '../../adapters/slack';
import { configuredAlertRoutes } from '../alerts/alert-routes';
import type { Messengers } from '../chat/messengers';
import { buildGatherDeps } from '../check/build-gather-deps';
import type { BotConfig } from '../config';
import { UsageError } from '../errors';
import { createQuotasClient } from '../fixes/create-quotas-client';
import { googleClientOptions } from '../google/google-client-options';
import { createGoogleClients } from '../google/google-clients';
import type { Logger } from '../logging/logger';
import { DEFAULT_PUBSUB_ENDPOINT, createPubsubAdminClient } from '../setup-alerts/pubsub-admin-client';
import type { BotServices } from './bot-services';
import type { BotOptions } from './bot-options';

/** What the jobs use, and what the Slack App Home job uses besides. */
export interface BuiltWorkerDeps {
  deps: WorkerDeps;
  home: SlackHomeDeps;
}

/**
 * Everything the jobs use: the Google clients built once from config, the shared services, and
 * the chat platforms' messengers (their replies' stop is the caller's).
 */
export function buildWorkerDeps(
  config: BotConfig,
  logger: Logger,
  services: BotServices,
  messengers: Messengers,
  options: BotOptions,
): BuiltWorkerDeps {
  const google = createGoogleClients(googleClientOptions(config));
  const deps: WorkerDeps = {
    logger,
    container: google.container,
    logging: services.logging,
    gather: buildGatherDeps(
      config,
      async () => {
        throw new UsageError('files cannot be read from Slack');
      },
      () => google,
      // The user is told only that the registry was refused or unreachable; why is for operators.
      (image, detail) => logger.warn({ image, detail }, 'check: registry refused or unreachable'),
    ),
    // A reply is a job of its own on the `replies` queue: the job that made it ends now, and the
    // reply's retries through a chat platform's outage hold only a reply slot.
    reply: async (replyTo, message, opts = {}) => {
      // Gone once delivered: the answer's text is not kept in Redis for a day like other jobs.
      await services.queue.enqueue('reply', { replyTo, message, ...opts }, { removeOnComplete: true });
    },
    messengers,
    scope: services.scope,
    approvals: services.approvals,
    audit: services.audit,
    queue: services.queue,
    alerts: services.alerts.store,
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
    ...(config.IMAGESTREAM_DIGEST
      ? {
          digest: {
            routes: configuredAlertRoutes(config.IMAGESTREAM_ALERT_CHANNELS, config.ALERT_CHANNEL),
            // The projects the App Home lists (the digest drops repeats and the empty name).
            projects: [config.GOOGLE_CLOUD_PROJECT ?? '', ...config.IMAGESTREAM_HOME_PROJECTS],
          },
        }
      : {}),
  };
  return {
    deps,
    home: {
      slack: services.slack,
      viewers: services.home.viewers,
      listClusters: sharedClusterLists(google.container),
      channelMembers: channelMembers(services.slack),
      undeliverable: undeliverableChannels((spaces) => services.alerts.outbox.undeliverable(spaces)),
      // readHomeState drops repeats and the empty name.
      projects: [config.GOOGLE_CLOUD_PROJECT ?? '', ...config.IMAGESTREAM_HOME_PROJECTS],
    },
  };
}
