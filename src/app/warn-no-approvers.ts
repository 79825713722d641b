import type { BotConfig } from '../config';
import type { Logger } from '../logging/logger';

/**
 * A bot with neither approver list nor approver group starts fine, but every enable, disable and
 * fix request then waits until it expires: say so once at start, where the operator looks.
 */
export function warnIfNoApprovers(
  config: Pick<BotConfig, 'IMAGESTREAM_APPROVERS' | 'IMAGESTREAM_APPROVER_GROUP'>,
  logger: Logger,
): void {
  if (config.IMAGESTREAM_APPROVERS.length > 0 || config.IMAGESTREAM_APPROVER_GROUP) return;
  logger.warn(
    'no approver is configured (IMAGESTREAM_APPROVERS and IMAGESTREAM_APPROVER_GROUP are both empty): ' +
      'nobody can approve a change (enable, disable, setup-alerts, fix buttons)',
  );
}
