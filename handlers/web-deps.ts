import type { AccessScope } from '../src/access/access-scope';
import type { ApprovalStore } from '../src/approvals/approval-store';
import type { ApproverPolicy } from '../src/approvals/approver-policy';
import type { AlertStore } from '../src/alerts/alert-store';
import type { AlertOutbox } from '../src/alerts/outbox';
import type { AlertState } from '../src/alerts/problem';
import type { AuditLog } from '../src/audit/audit-log';
import type { BotConfig } from '../src/config';
import type { Logger } from '../src/logging/logger';
import type { BotMetrics } from '../src/metrics/bot-metrics';
import type { JobQueue } from '../src/queue/job-queue';

/**
 * What the core's listeners (commands, buttons) use, for every platform; built once by the
 * composition root. None of it calls Google or a chat platform (a platform's own deps are its
 * adapter's: adapters/slack/app/slack-web-deps.ts).
 */
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
  /** The alert store (mute, fix buttons) and the outbox every alert message goes through (updates; the playground storm posts). */
  alerts: { store: AlertStore; outbox: Pick<AlertOutbox<AlertState>, 'post' | 'update' | 'stillHappening'> };
  /** Counts commands and their ack latency (served on /metrics). */
  metrics: BotMetrics;
  /** The projects and locations the bot may touch (IMAGESTREAM_ALLOWED_*). */
  scope: AccessScope;
}
