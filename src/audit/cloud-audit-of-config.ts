import type { Logging } from '@google-cloud/logging';
import type { BotConfig } from '../config';
import type { Logger } from '../logging/logger';
import { CloudAuditWriter } from './cloud-audit-writer';

/**
 * The audit trail's Cloud Logging writer the config asks for: the log IMAGESTREAM_AUDIT_LOG of
 * GOOGLE_CLOUD_PROJECT, or none (`off`, or no project to write to), said once at start.
 * `logging` must be the client of that project (createCloudLogging with its projectId).
 */
export function cloudAuditWriterOf(
  config: Pick<BotConfig, 'GOOGLE_CLOUD_PROJECT' | 'IMAGESTREAM_AUDIT_LOG'>,
  logging: Logging,
  logger: Logger,
): CloudAuditWriter | undefined {
  const project = config.GOOGLE_CLOUD_PROJECT;
  if (config.IMAGESTREAM_AUDIT_LOG === 'off') return undefined;
  if (project === undefined) {
    logger.info(
      'GOOGLE_CLOUD_PROJECT is not set: audit events are not written to Cloud Logging (log lines and Redis only)',
    );
    return undefined;
  }
  return new CloudAuditWriter(logging, logger, { project, logName: config.IMAGESTREAM_AUDIT_LOG });
}
