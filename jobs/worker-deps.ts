import type { Logging } from '@google-cloud/logging';
import type { Job } from 'bullmq';
import type { container_v1 } from 'googleapis/build/src/apis/container';
import type { pubsub_v1 } from 'googleapis/build/src/apis/pubsub';
import type { AccessScope } from '../src/access/access-scope';
import type { AlertStore } from '../src/alerts/alert-store';
import type { ApprovalStore } from '../src/approvals/approval-store';
import type { AuditLog } from '../src/audit/audit-log';
import type { MessageDocument } from '../src/chat/message-document';
import type { ReplyVisibility } from '../src/chat/messenger';
import type { Messengers } from '../src/chat/messengers';
import type { GatherDeps } from '../src/check/gather-facts';
import type { DigestSettings } from '../src/digest/digest-clusters';
import type { QuotasApi } from '../src/fixes/quota-increase';
import type { ApplyOptions } from '../src/gke/apply-streaming-change';
import type { Logger } from '../src/logging/logger';
import type { JobQueue } from '../src/queue/job-queue';
import type { ReplyTarget } from '../src/queue/job-schemas';

/** How a job's answer is shown. */
export interface JobReplyOptions {
  /** Only the person who asked sees it, or everyone in the conversation. */
  visibility?: ReplyVisibility;
  /** Replace the message the answer is about (a button's message) instead of adding one. */
  replaceOriginal?: boolean;
}

/** Hands a job's answer to the `reply` job (queue `replies`), which gives it to its platform's messenger. */
export type ReplyFn = (replyTo: ReplyTarget, message: MessageDocument, options?: JobReplyOptions) => Promise<void>;

/**
 * Everything a job may use, built once by the composition root (src/app/build-worker-deps.ts).
 * Each job names the fields it uses (JobRunner's second parameter), so its needs are visible.
 */
export interface WorkerDeps {
  logger: Logger;
  /** The GKE API client (container v1). */
  container: container_v1.Container;
  /** The Cloud Logging client, @google-cloud/logging (`errors`, setup-alerts' sink). */
  logging: Logging;
  /** What `check` needs to gather facts (Google clients, registry). */
  gather: GatherDeps;
  /** Queues the reply: a job's slot is never held while the chat platform is slow or down. */
  reply: ReplyFn;
  /** The chat platforms' messengers by platform: replies, approval requests and their updates go through them. */
  messengers: Messengers;
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
  /** The weekly digest (IMAGESTREAM_DIGEST): the alert routes and the projects; absent when it is off. */
  digest?: DigestSettings;
  /** Delays of the GKE change (tests make them tiny). */
  applyOptions?: ApplyOptions;
}

/**
 * One job: its processor, a function of (payload, the deps it names, the BullMQ job). The payload
 * was validated by the table; `K` lists the WorkerDeps fields the job may use.
 */
export type JobRunner<P, K extends keyof WorkerDeps = keyof WorkerDeps> = (
  payload: P,
  deps: Pick<WorkerDeps, K>,
  job: Job,
) => Promise<unknown>;
