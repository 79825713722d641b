import type { Job } from 'bullmq';
import type { WebClient } from '@slack/web-api';
import type { container_v1 } from 'googleapis/build/src/apis/container';
import type { logging_v2 } from 'googleapis/build/src/apis/logging';
import type { pubsub_v1 } from 'googleapis/build/src/apis/pubsub';
import type { AccessScope } from '../src/access/access-scope';
import type { AlertStore } from '../src/alerts/alert-store';
import type { ApprovalStore } from '../src/approvals/approval-store';
import type { AuditLog } from '../src/audit/audit-log';
import type { GatherDeps } from '../src/check/gather-facts';
import type { QuotasApi } from '../src/fixes/quota-increase';
import type { ApplyOptions } from '../src/gke/apply-streaming-change';
import type { HomeWorkerDeps } from '../src/home/read-home-state';
import type { Logger } from '../src/logging/logger';
import type { JobQueue } from '../src/queue/job-queue';
import type { ReplyTo } from '../src/queue/job-schemas';
import type { SlackMessage } from '../src/slack/slack-message';

/** How a reply is shown. */
export interface ReplyOptions {
  responseType?: 'ephemeral' | 'in_channel';
  replaceOriginal?: boolean;
}

/** Hands a command's answer to the `reply` job (queue `replies`), which posts it to the response_url. */
export type ReplyFn = (replyTo: ReplyTo, message: SlackMessage, options?: ReplyOptions) => Promise<void>;

/**
 * Posts a command's answer to its response_url (retries 429/5xx for up to `retryForMs`; refuses
 * non-Slack URLs), after the earlier answers to the same channel and user in this process.
 */
export type DeliverReplyFn = (
  replyTo: ReplyTo,
  message: SlackMessage,
  options: ReplyOptions & { retryForMs: number },
) => Promise<void>;

/** Everything a job may use, built once by the composition root (src/app). */
export interface WorkerDeps {
  logger: Logger;
  /** The GKE API client (container v1). */
  container: container_v1.Container;
  /** The Cloud Logging client (`errors`). */
  logging: logging_v2.Logging;
  /** What `check` needs to gather facts (Google clients, registry). */
  gather: GatherDeps;
  /** Queues the reply: a job's slot is never held while Slack is slow or down. */
  reply: ReplyFn;
  /** What the `reply` job posts with. */
  deliverReply: DeliverReplyFn;
  slack: WebClient;
  /** The projects and locations the bot may touch: checked before every Google call of a job. */
  scope: AccessScope;
  approvals: ApprovalStore;
  audit: AuditLog;
  queue: JobQueue;
  /** The alert store (fix buttons read their alert from it; the Home lists the open ones). */
  alerts: Pick<AlertStore, 'get' | 'listOpen'>;
  /** What quota increase requests ask for. */
  quotaRequest: { multiple: number; contactEmail?: string };
  /** The Cloud Quotas client (src/fixes/create-quotas-client.ts), for approved quota increases. */
  quotas?: QuotasApi;
  /** The Pub/Sub admin client (src/setup-alerts/pubsub-admin-client.ts), for approved setup-alerts. */
  pubsubAdmin?: pubsub_v1.Pubsub;
  /** Delays of the GKE change (tests make them tiny). */
  applyOptions?: ApplyOptions;
  /** What the App Home (`home` job) needs besides the stores above. */
  home: HomeWorkerDeps;
}

/** One job: its processor, a function of (payload, deps). The payload was validated by the table. */
export type JobRunner<P> = (payload: P, deps: WorkerDeps, job: Job) => Promise<unknown>;
