import type { AuditLog } from '../audit/audit-log';
import type { MessageRef } from '../chat/conversation-ref';
import { NoMessengerError, NotPostedError } from '../chat/messenger-errors';
import { type Messengers, messengerFor } from '../chat/messengers';
import { UsageError, errorMessage } from '../errors';
import type { Logger } from '../logging/logger';
import type { JobQueue } from '../queue/job-queue';
import { approvalMessage } from '../render/approval-message';
import type { ApprovalRequest } from './approval-request';
import type { ApprovalStore } from './approval-store';
import { ApprovalStateError } from './approval-state-error';
import { approvalView, describeTarget } from './approval-view';

/** What posting an approval request needs. */
export interface PostApprovalDeps {
  approvals: Pick<ApprovalStore, 'setMessage' | 'claimPost' | 'releasePost'>;
  /** The request is posted through the messenger of its conversation's platform. */
  messengers: Messengers;
  audit: Pick<AuditLog, 'record'>;
  queue: Pick<JobQueue, 'enqueue'>;
  logger?: Pick<Logger, 'warn'>;
  /** The clock for the expiry job's delay; default Date.now. */
  now?: () => number;
  /** Waits between tries of recording the posted message (tests make it instant); default setTimeout. */
  sleep?: (ms: number) => Promise<void>;
}

/**
 * How long the posted message's reference is retried in hand when Redis fails right after the
 * post: a restart or failover of Redis takes seconds. Past that the job fails and its retry does
 * not post again (see postApprovalRequest).
 */
const RECORD_DELAYS_MS = [100, 500, 1000, 2000, 4000];

/**
 * Posts a stored request with its Approve / Deny buttons (in the thread of its conversation, if
 * any), remembers the message for in-place updates, audits the request and queues its expiry, so
 * the buttons say "expired" on time even if nobody clicks. Every kind of change (enable, fixes,
 * setup-alerts) uses it.
 *
 * One request, one message, however often the job runs: chat platforms have no idempotency key (Slack has none), so the post
 * is claimed in Redis first (a failed claim means nothing was posted, and the retry may post). The
 * message's reference is then recorded, retried in hand for a while (the ts exists nowhere else).
 * A retry that finds the claim without a message does not post again: the earlier attempt's
 * message is in the channel, its buttons carry the request id, and the first click on it records
 * where it is (handlers/actions/decide-request.ts). A second message would be worse: two sets of
 * buttons for one change, one of which never updates. The claim is given back only when the
 * platform certainly did not post (it refused, or was not reached).
 */
export async function postApprovalRequest(deps: PostApprovalDeps, request: ApprovalRequest): Promise<void> {
  const claim = await deps.approvals.claimPost(request.id);
  if (claim === 'claimed') {
    const ref = await post(deps, request);
    await recordMessage(deps, request.id, ref);
  } else if (claim === 'claimed_before') {
    deps.logger?.warn(
      { requestId: request.id },
      'an earlier attempt posted this approval request but could not record its message: not posting it again',
    );
  }
  await deps.audit.record({
    kind: 'requested',
    requestId: request.id,
    user: request.requestedBy,
    action: request.action,
    target: describeTarget(request.target),
  });
  const now = deps.now ?? Date.now;
  await deps.queue.enqueue(
    'expire',
    { requestId: request.id },
    { jobId: `expire-${request.id}`, delay: Math.max(0, request.expiresAt - now()) },
  );
}

/**
 * Posts the message; gives the claim back and throws when the platform certainly did not post it
 * (the messenger says so with NotPostedError; no messenger for the platform posts nothing either).
 * Any other failure (no answer) may have posted, so it keeps the claim.
 */
async function post(deps: PostApprovalDeps, request: ApprovalRequest): Promise<MessageRef> {
  const { conversation } = request;
  try {
    return await messengerFor(deps.messengers, conversation.platform).post(
      conversation,
      approvalMessage(approvalView(request)),
    );
  } catch (err) {
    if (err instanceof NotPostedError || err instanceof NoMessengerError) await deps.approvals.releasePost(request.id);
    throw err;
  }
}

async function recordMessage(deps: PostApprovalDeps, requestId: string, ref: MessageRef): Promise<void> {
  const sleep = deps.sleep ?? ((ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms)));
  for (let attempt = 0; ; attempt += 1) {
    try {
      await deps.approvals.setMessage(requestId, ref);
      return;
    } catch (err) {
      const delay = RECORD_DELAYS_MS[attempt];
      if (delay === undefined || err instanceof UsageError || err instanceof ApprovalStateError) throw err;
      deps.logger?.warn({ err: errorMessage(err), requestId }, 'could not record the approval message yet; retrying');
      await sleep(delay);
    }
  }
}
