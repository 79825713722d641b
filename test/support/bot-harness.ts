/**
 * Starts the real bot (Bolt over HTTP, BullMQ workers, Redis) against the Slack and GKE fakes, and
 * sends it requests exactly as Slack does: signed, form-encoded, over a socket.
 */
import { randomBytes } from 'node:crypto';
import { TEST_REDIS_URL } from './redis-url';
import { Redis } from 'ioredis';
import { startBot, RunningBot, BotOptions } from '../../src/app/start-bot';
import { BotConfig, loadBotConfig } from '../../src/config';
import { createLogger, Logger } from '../../src/logging/logger';
import { GkeFake, startGkeFake } from '../fakes/gke-api';
import { FAKE_TOKEN } from '../fakes/http-fake';
import { FAKE_SLACK_TOKEN, FakeSlack, startFakeSlack } from '../fakes/slack-api';
import { deletePrefixedKeys } from '../../src/queue/delete-prefixed-keys';
import { loadGkeCluster, SHOP, JOBS } from '../gke/gke-test-setup';
import {
  appHomeOpenedBody,
  blockActionsBody,
  BlockActionInput,
  HomeClickInput,
  homeBlockActionsBody,
  postSigned,
  SIGNING_SECRET,
  slashCommandBody,
} from './slack-sign';

export { SIGNING_SECRET };
export const APPROVER = 'UAPPROVER01';
export const REQUESTER = 'UREQUESTER1';
export const OUTSIDER = 'UOUTSIDER01';
export const CHANNEL = 'C00000001';
export { SHOP, JOBS };

/** The environment a test bot runs with: every client on loopback, a Redis prefix of its own. */
export function botEnv(slack: FakeSlack, gke: GkeFake, extra: NodeJS.ProcessEnv = {}): NodeJS.ProcessEnv {
  return {
    SLACK_SIGNING_SECRET: SIGNING_SECRET,
    SLACK_BOT_TOKEN: FAKE_SLACK_TOKEN,
    SLACK_API_URL: slack.apiUrl,
    SLACK_RESPONSE_URL_PREFIX: slack.responseUrlPrefix,
    PORT: '0',
    REDIS_URL: TEST_REDIS_URL,
    IMAGESTREAM_REDIS_PREFIX: `e2e-${randomBytes(4).toString('hex')}`,
    IMAGESTREAM_APPROVERS: `${APPROVER},${REQUESTER}`,
    GOOGLE_CLOUD_PROJECT: SHOP.project,
    IMAGESTREAM_DEFAULT_LOCATION: SHOP.location,
    GOOGLE_OAUTH_ACCESS_TOKEN: FAKE_TOKEN,
    CONTAINER_API_ENDPOINT: gke.url,
    ARTIFACTREGISTRY_API_ENDPOINT: gke.url,
    SERVICEUSAGE_API_ENDPOINT: gke.url,
    COMPUTE_API_ENDPOINT: gke.url,
    CLOUDRESOURCEMANAGER_API_ENDPOINT: gke.url,
    // Nothing listens there: image manifests are unreadable, never fetched from the internet.
    IMAGESTREAM_REGISTRY_URL: 'http://127.0.0.1:9',
    IMAGESTREAM_GKE_POLL_MS: '20',
    IMAGESTREAM_JOB_LOCK_MS: '2000',
    LOG_LEVEL: 'silent',
    METADATA_SERVER_DETECTION: 'none',
    // No Cloud Logging audit writes unless a test points LOGGING_API_ENDPOINT at its fake and turns them on.
    IMAGESTREAM_AUDIT_LOG: 'off',
    ...extra,
  };
}

/** A started bot with its fakes, and the calls Slack would make to it. */
export interface Harness {
  slack: FakeSlack;
  gke: GkeFake;
  config: BotConfig;
  bot: RunningBot;
  /** Sends `/imagestream TEXT`; returns the HTTP status and the ack body. */
  command(
    text: string,
    options?: { user?: string; channel?: string; responseId?: string; secret?: string; timestamp?: number },
  ): Promise<{ status: number; body: any; responseId: string }>;
  /** Clicks a button. */
  click(input: Omit<BlockActionInput, 'response_url'>): Promise<number>;
  /** Opens the app's Home tab as `user` (the signed `app_home_opened` event); returns the HTTP status. */
  openHome(user: string): Promise<number>;
  /** Clicks a button of the Home tab (container `view`, no channel); returns the HTTP status. */
  clickInHome(input: HomeClickInput): Promise<number>;
  stop(): Promise<void>;
}

let responseIds = 0;

/** Starts fakes (unless given) and the bot with the test environment plus `extra` (options.pubsubEndpoint: a Pub/Sub fake). */
export async function startHarness(
  extra: NodeJS.ProcessEnv = {},
  options: BotOptions & { slack?: FakeSlack; gke?: GkeFake; logger?: Logger } = {},
): Promise<Harness> {
  const slack = options.slack ?? (await startFakeSlack());
  const gke = options.gke ?? (await startGkeFake({ pendingPolls: 1, runningPolls: 2 }));
  if (!options.gke) {
    gke.addCluster(SHOP, loadGkeCluster('standard'));
    gke.addCluster(JOBS, loadGkeCluster('autopilot'));
  }
  const config = loadBotConfig(botEnv(slack, gke, extra));
  const bot = await startBot(config, options.logger ?? createLogger({ level: 'silent' }), {
    applyOptions: { maxDelayMs: 100 },
    // Nothing listens there unless a test passes its Pub/Sub fake: never the real API.
    pubsubEndpoint: 'http://127.0.0.1:9/',
    ...options,
  });
  const post = (body: string, secret = SIGNING_SECRET, timestamp?: number) =>
    postSigned(bot.port!, body, { secret, ...(timestamp !== undefined ? { timestamp } : {}) });

  return {
    slack,
    gke,
    config,
    bot,
    async command(text, o = {}) {
      const responseId = o.responseId ?? `r${(responseIds += 1)}`;
      const body = slashCommandBody({
        text,
        response_url: slack.responseUrl(responseId),
        user_id: o.user ?? REQUESTER,
        channel_id: o.channel ?? CHANNEL,
      });
      const res = await post(body, o.secret ?? SIGNING_SECRET, o.timestamp);
      let parsed: unknown = res.text;
      try {
        parsed = JSON.parse(res.text);
      } catch {
        // plain text acks stay text
      }
      return { status: res.status, body: parsed, responseId };
    },
    async click(input) {
      const res = await post(
        blockActionsBody({ ...input, response_url: slack.responseUrl(`click${(responseIds += 1)}`) }),
      );
      return res.status;
    },
    async openHome(user) {
      // Events API callbacks are JSON, signed over the raw body like every other request.
      const res = await postSigned(bot.port!, appHomeOpenedBody(user), { contentType: 'application/json' });
      return res.status;
    },
    async clickInHome(input) {
      return (await post(homeBlockActionsBody(input))).status;
    },
    async stop() {
      await bot.stop();
      await deleteKeys(config.IMAGESTREAM_REDIS_PREFIX);
      if (!options.slack) await slack.close();
      if (!options.gke) await gke.close();
    },
  };
}

/** Removes every Redis key of one test bot (never FLUSHALL: other suites share the server). */
export async function deleteKeys(prefix: string): Promise<void> {
  const redis = new Redis(TEST_REDIS_URL);
  try {
    await deletePrefixedKeys(redis, `${prefix}:`);
  } finally {
    redis.disconnect();
  }
}

/** All text of a Slack message (text + blocks), for assertions. */
export function messageText(body: Record<string, unknown>): string {
  return JSON.stringify([body.text, body.blocks]);
}
