import type { BotConfig } from '../config';
import type { Logger } from '../logging/logger';
import { platformsOf } from './platforms';

/**
 * A bot with neither approver list nor approver group starts fine, but every enable, disable and
 * fix request then waits until it expires: say so once at start, where the operator looks.
 */
export function warnIfNoApprovers(
  config: Pick<
    BotConfig,
    | 'IMAGESTREAM_APPROVERS'
    | 'IMAGESTREAM_APPROVER_GROUP'
    | 'GOOGLE_CHAT_APPROVERS'
    | 'SLACK_BOT_TOKEN'
    | 'SLACK_APP_TOKEN'
    | 'GOOGLE_CHAT_AUDIENCE'
    | 'GOOGLE_CHAT_SUBSCRIPTION'
  >,
  logger: Logger,
): void {
  const platforms = platformsOf(config);
  // A request is decided on the platform it was made on: each platform needs approvers of its own.
  if (platforms.slack && config.IMAGESTREAM_APPROVERS.length === 0 && !config.IMAGESTREAM_APPROVER_GROUP) {
    logger.warn(
      'no Slack approver is configured (IMAGESTREAM_APPROVERS and IMAGESTREAM_APPROVER_GROUP are both empty): ' +
        'nobody can approve a change requested in Slack (enable, disable, setup-alerts, fix buttons)',
    );
  }
  if (platforms.googleChat && config.GOOGLE_CHAT_APPROVERS.length === 0) {
    logger.warn(
      'no Google Chat approver is configured (GOOGLE_CHAT_APPROVERS is empty): ' +
        'nobody can approve a change requested in Google Chat (enable, disable, setup-alerts, fix buttons)',
    );
  }
}
