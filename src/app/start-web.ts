import type { WebDeps } from '../../handlers/web-deps';
import { startSlackWeb, SlackApproverDirectory } from '../../adapters/slack';
import { ApproverPolicy } from '../approvals/approver-policy';
import type { BotConfig } from '../config';
import type { Logger } from '../logging/logger';
import type { BotOptions } from './bot-options';
import type { BotServices } from './bot-services';
import type { HttpLimits } from './http-limits';
import type { OpsProbes } from './ops-routes';
import type { RunningWeb } from './running-web';

export type { RunningWeb } from './running-web';

/**
 * The web role: builds the deps the core's listeners use and starts the chat platform's front
 * end with them (Slack: adapters/slack/app/start-slack-web.ts, over HTTP or Socket Mode). When
 * `signal` aborts while it is still connecting, the start gives up and closes it.
 */
export async function startWeb(
  config: BotConfig,
  logger: Logger,
  services: BotServices,
  probes: OpsProbes,
  limits: HttpLimits,
  options: Pick<BotOptions, 'unhandledRequestTimeoutMs'> = {},
  signal?: AbortSignal,
): Promise<RunningWeb> {
  const deps: WebDeps = {
    config,
    logger,
    queue: services.queue,
    approvals: services.approvals,
    alerts: services.alerts,
    // One approver directory per platform; Slack's names users and a user group.
    approvers: new ApproverPolicy(
      [
        new SlackApproverDirectory(services.slack, {
          userIds: config.IMAGESTREAM_APPROVERS,
          usergroup: config.IMAGESTREAM_APPROVER_GROUP,
        }),
      ],
      { allowSelfApproval: config.IMAGESTREAM_ALLOW_SELF_APPROVAL },
    ),
    audit: services.audit,
    metrics: services.metrics,
    scope: services.scope,
  };
  return startSlackWeb({
    config,
    logger,
    // The App Home is Slack's own.
    deps: { ...deps, home: services.home },
    slackFetch: services.slackFetch,
    probes,
    limits,
    options,
    ...(signal ? { signal } : {}),
  });
}
