/**
 * What the storm benches (alert-storm, alert-storm-scale, google-chat/chat-alert-storm) share about
 * the bot they run: its environment, and how far it has counted.
 */
import type { Redis } from 'ioredis';
import { alertRoutes } from '../src/alerts/alert-routes';
import { AlertStore } from '../src/alerts/alert-store';
import type { GkeFake } from '../test/fakes/gke-api';
import type { FakeSlack } from '../test/fakes/slack-api';
import { botEnv } from '../test/support/bot-harness';
import { deployedEnv } from './deployed-env';

/** The project every storm entry names (bench/alert-storm.ts publishes them). */
export const PROJECT = 'bench-project';

/** A storm bot's environment: the e2e harness's, as deployed, reading `subscription` on pstest. */
export function stormBotEnv(
  fakes: { slack: FakeSlack; gke: GkeFake; pstestHost: string },
  bot: { keyPrefix: string; subscription: string; destination: string },
  extra: NodeJS.ProcessEnv = {},
): NodeJS.ProcessEnv {
  return deployedEnv(
    botEnv(fakes.slack, fakes.gke, {
      ...extra,
      IMAGESTREAM_REDIS_PREFIX: bot.keyPrefix,
      PUBSUB_SUBSCRIPTION: bot.subscription,
      ALERT_CHANNEL: bot.destination,
      GOOGLE_CLOUD_PROJECT: PROJECT,
      PUBSUB_EMULATOR_HOST: fakes.pstestHost,
    }),
  );
}

/**
 * The entries a bot has counted so far, read from the store it writes (IMAGESTREAM_REDIS_PREFIX
 * `keyPrefix`): done once every entry is counted. listOpen drops alerts older than the window;
 * none is, a storm runs within one window.
 */
export function countedBy(redis: Redis, keyPrefix: string, destination: string): () => Promise<number> {
  const store = new AlertStore(redis, {
    keyPrefix: `${keyPrefix}:alerts:`,
    destinationFor: alertRoutes({}, destination),
  });
  return async () => (await store.listOpen(50)).reduce((sum, a) => sum + a.count, 0);
}
