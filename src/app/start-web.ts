import type { WebDeps } from '../../handlers/web-deps';
import { startSlackWeb, SlackApproverDirectory } from '../../adapters/slack';
import { ChatApproverDirectory, googleChatRoutes, startGoogleChatSubscriber } from '../../adapters/google-chat';
import { ApproverPolicy } from '../approvals/approver-policy';
import type { ApproverDirectory } from '../chat/approver-directory';
import type { BotConfig } from '../config';
import type { Logger } from '../logging/logger';
import type { BotOptions } from './bot-options';
import type { BotServices } from './bot-services';
import type { HttpLimits } from './http-limits';
import type { OpsProbes, OpsRoute } from './ops-routes';
import { platformsOf } from './platforms';
import type { RunningWeb } from './running-web';

export type { RunningWeb } from './running-web';

/** The web role before it starts: the HTTP routes its platforms add, and how to start it. */
export interface PreparedWeb {
  /** Platform routes served on the process's HTTP server beside the probes (Google Chat's events). */
  routes: OpsRoute[];
  /**
   * Starts the platforms' front ends: Slack (over HTTP, serving `routes` too, or Socket Mode) and
   * Google Chat's Pub/Sub subscriber. When `signal` aborts while connecting, gives up and closes.
   */
  start(signal?: AbortSignal): Promise<RunningWeb>;
}

/**
 * The web role: one set of core deps (one queue, one approval store, one approver policy over every
 * platform's directory, so a request is decided only on its own platform) and each configured
 * platform's front door on them.
 */
export function prepareWeb(
  config: BotConfig,
  logger: Logger,
  services: BotServices,
  probes: OpsProbes,
  limits: HttpLimits,
  options: Pick<BotOptions, 'unhandledRequestTimeoutMs' | 'chatSubscriberTiming' | 'plugins'> = {},
): PreparedWeb {
  const platforms = platformsOf(config);
  const directories: ApproverDirectory[] = [];
  if (platforms.slack) {
    // Slack's approvers: user ids and a user group.
    directories.push(
      new SlackApproverDirectory(services.slack, {
        userIds: config.IMAGESTREAM_APPROVERS,
        usergroup: config.IMAGESTREAM_APPROVER_GROUP,
      }),
    );
  }
  // Chat's approvers: users/… ids and e-mails, learned from verified events.
  const chatDirectory = platforms.googleChat
    ? new ChatApproverDirectory({ approvers: config.GOOGLE_CHAT_APPROVERS })
    : undefined;
  if (chatDirectory) directories.push(chatDirectory);
  const plugins = options.plugins ?? [];
  for (const plugin of plugins) if (plugin.directory) directories.push(plugin.directory);
  const deps: WebDeps = {
    config,
    logger,
    queue: services.queue,
    approvals: services.approvals,
    alerts: services.alerts,
    approvers: new ApproverPolicy(directories, { allowSelfApproval: config.IMAGESTREAM_ALLOW_SELF_APPROVAL }),
    audit: services.audit,
    metrics: services.metrics,
    scope: services.scope,
  };
  const chat = chatDirectory ? { config, logger, deps, directory: chatDirectory, limits } : undefined;
  const routes = [...(chat ? googleChatRoutes(chat) : []), ...plugins.flatMap((plugin) => plugin.routes?.(deps) ?? [])];
  return {
    routes,
    async start(signal) {
      const stops: Array<() => Promise<void>> = [];
      const stop = async () => {
        for (const close of stops.reverse()) await close();
      };
      let port: number | undefined;
      try {
        if (chat) {
          const subscriber = await startGoogleChatSubscriber({
            ...chat,
            redis: services.producer,
            ...(options.chatSubscriberTiming ? { timing: options.chatSubscriberTiming } : {}),
          });
          if (subscriber) {
            probes.chatSubscriber = subscriber;
            stops.push(() => subscriber.stop());
          }
        }
        if (platforms.slack) {
          const slack = await startSlackWeb({
            config,
            logger,
            // The App Home is Slack's own.
            deps: { ...deps, home: services.home },
            slackFetch: services.slackFetch,
            probes,
            routes,
            limits,
            options,
            ...(signal ? { signal } : {}),
          });
          port = slack.port;
          stops.push(() => slack.stop());
        }
      } catch (err) {
        await stop();
        throw err;
      }
      return { ...(port !== undefined ? { port } : {}), stop };
    },
  };
}
