import type { AccessScope } from '../src/access/access-scope';
import type { ApprovalStore } from '../src/approvals/approval-store';
import type { ApproverPolicy } from '../src/approvals/approver-policy';
import type { Alerts } from '../src/app/start-alerts';
import type { AuditLog } from '../src/audit/audit-log';
import type { BotConfig } from '../src/config';
import type { HomeRefresher } from '../adapters/slack/home/home-refresher';
import type { Logger } from '../src/logging/logger';
import type { BotMetrics } from '../src/metrics/bot-metrics';
import type { JobQueue } from '../src/queue/job-queue';

/** What the Slack listeners use; built once by the composition root. None of it calls Google. */
export interface WebDeps {
  config: Pick<
    BotConfig,
    | 'GOOGLE_CLOUD_PROJECT'
    | 'IMAGESTREAM_DEFAULT_LOCATION'
    | 'IMAGESTREAM_MUTATION_CHANNELS'
    | 'IMAGESTREAM_PLATFORM'
    | 'IMAGESTREAM_MUTE_BY'
    | 'IMAGESTREAM_ACK_REDIS_TIMEOUT_MS'
  >;
  logger: Logger;
  queue: JobQueue;
  approvals: ApprovalStore;
  approvers: ApproverPolicy;
  audit: AuditLog;
  /** The alert store (mute, fix buttons) and the outbox that updates alert messages. */
  alerts: Alerts;
  /** Counts commands and their ack latency (served on /metrics). */
  metrics: BotMetrics;
  /** Queues App Home refreshes (on open, on a page click). */
  home: HomeRefresher;
  /** The projects and locations the bot may touch (IMAGESTREAM_ALLOWED_*). */
  scope: AccessScope;
}
