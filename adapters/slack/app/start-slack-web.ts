import { App, SocketModeReceiver } from '@slack/bolt';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { BotOptions } from '../../../src/app/bot-options';
import { type HttpLimits, serverTimeoutOptions } from '../../../src/app/http-limits';
import { type OpsProbes, type OpsRoute, opsRoutes } from '../../../src/app/ops-routes';
import type { RunningWeb } from '../../../src/app/running-web';
import { abortable } from '../../../src/app/shutdown';
import type { BotConfig } from '../../../src/config';
import { errorMessage } from '../../../src/errors';
import type { Logger } from '../../../src/logging/logger';
import { createWebClient } from '../web-api/create-web-client';
import { boltLogger } from './bolt-logger';
import { botAuthorization } from './bot-authorization';
import { createHttpReceiver } from './http-receiver';
import { register } from './register';
import type { SlackWebDeps } from './slack-web-deps';

/** What the Slack web role is started with, beside the listeners' deps. */
export interface SlackWebOptions {
  config: BotConfig;
  logger: Logger;
  deps: SlackWebDeps;
  /** The bot's metered fetch (BotServices.slackFetch): Bolt's and the socket's Slack calls count too. */
  slackFetch: typeof globalThis.fetch;
  probes: OpsProbes;
  /**
   * Served beside POST /slack/events and the probes when Slack runs over HTTP: another platform's
   * front door on the same port (Google Chat's POST /google-chat/events).
   */
  routes?: OpsRoute[];
  limits: HttpLimits;
  options?: Pick<BotOptions, 'unhandledRequestTimeoutMs'>;
  /** When it aborts while the socket is still opening, the start gives up and closes it. */
  signal?: AbortSignal;
}

/**
 * The Slack web role: a Bolt app with every listener, over HTTP (POST /slack/events, the probes
 * beside it) or, with SLACK_APP_TOKEN, over Socket Mode (the probes then have their own server).
 */
export async function startSlackWeb({
  config,
  logger,
  deps,
  slackFetch,
  probes,
  routes = [],
  limits,
  options = {},
  signal,
}: SlackWebOptions): Promise<RunningWeb> {
  const bolt = boltLogger(logger);
  // Socket Mode: an explicit receiver, so its own Web API client (apps.connections.open, with
  // the app token) goes to SLACK_API_URL too, and stop() can wait for the socket to close.
  const socketReceiver = config.SLACK_APP_TOKEN
    ? new SocketModeReceiver({
        appToken: config.SLACK_APP_TOKEN,
        logger: bolt,
        // The bot's metered fetch: a failing apps.connections.open shows in the Slack error metrics.
        installerOptions: { clientOptions: { slackApiUrl: config.SLACK_API_URL, fetch: slackFetch } },
      })
    : undefined;
  // Not `token`: Bolt would cache a failed start-up auth.test for ever (see bot-authorization.ts).
  // Its own client, without the Web API client's retries: botAuthorization retries a failed
  // auth.test itself on a later request, and a retry chain inside the call (up to a minute) would
  // outlive stop() and keep the process alive.
  const authClient = createWebClient(config.SLACK_BOT_TOKEN ?? '', config.SLACK_API_URL, {
    logger,
    fetch: slackFetch,
    retryConfig: { retries: 0 },
  });
  const authorization = botAuthorization(authClient, config.SLACK_BOT_TOKEN ?? '', logger);
  void authorization.warm();
  const app = new App({
    authorize: authorization.authorize,
    // No listener keeps conversation state, and Bolt's in-memory store would be wrong across
    // replicas anyway; off, it stops costing every request a lookup and a thrown Error.
    convoStore: false,
    clientOptions: { slackApiUrl: config.SLACK_API_URL, fetch: slackFetch },
    logger: bolt,
    receiver:
      socketReceiver ??
      createHttpReceiver({
        // Set whenever SLACK_APP_TOKEN is not (the config checks it).
        signingSecret: config.SLACK_SIGNING_SECRET ?? '',
        opsRoutes: [...opsRoutes(probes), ...routes],
        limits,
        logger: bolt,
        ...(options.unhandledRequestTimeoutMs !== undefined
          ? { unhandledRequestTimeoutMillis: options.unhandledRequestTimeoutMs }
          : {}),
      }),
  });
  register(app, deps);
  app.error(async (err) => {
    logger.error({ err: errorMessage(err) }, 'unhandled error in a Slack listener');
  });
  if (socketReceiver) {
    // Readiness follows the socket: while Slack is reconnecting it, no request can arrive.
    let connected = false;
    const client = socketReceiver.client;
    client.on('connected', () => (connected = true));
    for (const state of ['disconnected', 'reconnecting', 'disconnecting']) client.on(state, () => (connected = false));
    probes.slackSocket = { isConnected: () => connected };
    try {
      await abortable(app.start(), signal);
    } catch (err) {
      // Else the client would go on (re)connecting in the background.
      await client.disconnect().catch(() => undefined);
      throw err;
    }
    logger.info('slack connected over Socket Mode');
    return { stop: () => client.disconnect() };
  }
  const server = (await app.start(config.PORT, serverTimeoutOptions(limits))) as Server;
  const port = (server.address() as AddressInfo).port;
  logger.info({ port }, 'slack endpoint listening on /slack/events');
  return { port, stop: async () => void (await app.stop()) };
}
