import { z } from 'zod';
import type { ApprovalRequest } from '../../src/approvals/approval-request';
import type { MessageRef } from '../../src/chat/conversation-ref';
import { type MessageDocument, textMessage } from '../../src/chat/message-document';
import type { PrincipalId } from '../../src/chat/principal-id';
import { type RichText, emoji, mention, plainText, rich } from '../../src/chat/rich-text';
import { targetOfRequest } from '../../src/access/scope-targets';
import { describeTarget } from '../../src/approvals/approval-view';
import { errorMessage } from '../../src/errors';
import { beforeAck } from '../ack-deadline';
import { queueApprovalMessage } from '../../src/approvals/queue-approval-message';
import { recordAudit } from '../record-audit';
import type { WebDeps } from '../web-deps';
import type { ButtonClick } from './button-click';
import { CLICK_ANSWERS } from './click-answers';

// A button value is whatever a client sends: only an id shape we issue may reach Redis.
const requestIdSchema = z.string().regex(/^[A-Za-z0-9_-]{8,64}$/);

export type Decision = 'approved' | 'denied';

/** Approve or Deny clicked on an approval request's message. */
export interface DecideInput extends ButtonClick {
  decision: Decision;
}

/**
 * Approve or Deny on an approval request, for every platform: checks who clicked (the approver
 * policy, and the allow-list for an approval); decides atomically (one of many clicks wins);
 * queues the message's update (approval-message job); on approval queues the change under a jobId
 * derived from the request id, so it runs once however often it is clicked. Its Redis calls have
 * the ack path's deadline: a hung Redis gets the clicker an answer, not silence. Returns what to
 * tell the clicker, if anything; never throws.
 */
export async function decideRequest(input: DecideInput, deps: WebDeps): Promise<MessageDocument | undefined> {
  if (!input.clicker) {
    deps.logger.warn('approval click without a valid user id');
    return CLICK_ANSWERS.unknownClicker;
  }
  try {
    return await decide(input, input.clicker, deps);
  } catch (err) {
    // Redis down or hung: the clicker hears about it, the process goes on.
    deps.logger.error({ err: errorMessage(err), userId: input.clicker }, 'could not handle an approval click');
    return textMessage(
      rich`${emoji('warning')} Your click could not be recorded: the bot's queue is not answering (Redis). Please try again in a minute.`,
    );
  }
}

async function decide(
  { decision, value, message }: DecideInput,
  who: PrincipalId,
  deps: WebDeps,
): Promise<MessageDocument | undefined> {
  const id = requestIdSchema.safeParse(value);
  if (!id.success) {
    deps.logger.warn({ userId: who }, 'approval button with an invalid value');
    return textMessage(rich`${emoji('warning')} That button does not name a valid request.`);
  }
  const request = await beforeAck(deps, deps.approvals.get(id.data));
  if (!request) return textMessage(rich`${emoji('warning')} That approval request no longer exists.`);
  if (!request.message && message) await recordClickedMessage(deps, request, message);

  const check =
    decision === 'approved'
      ? await deps.approvers.canApprove(who, request)
      : await deps.approvers.canDeny(who, request);
  // A request made before the allow-list changed: it cannot be approved (a deny still withdraws it).
  const outside = decision === 'approved' ? deps.scope.refusal(targetOfRequest(request)) : undefined;
  const reason: RichText | undefined = check.allowed
    ? outside === undefined
      ? undefined
      : rich`${outside}`
    : check.reason;
  if (reason !== undefined) {
    await recordAudit(deps, {
      kind: 'refused',
      requestId: request.id,
      user: who,
      action: request.action,
      detail: plainText(reason),
    });
    return textMessage(rich`${emoji('no_entry')} ${reason}`);
  }

  const decided = await beforeAck(deps, deps.approvals.decide(id.data, decision, who));
  if (
    !decided.ok &&
    decided.reason === 'already_decided' &&
    decided.request?.state === 'approved' &&
    decision === 'approved'
  ) {
    // Approved earlier while the queue was down: queue it now (the jobId keeps it to one run).
    return queueApply(decided.request.id, deps);
  }
  if (!decided.ok) {
    const latest = decided.request;
    if (decided.reason === 'expired' && latest?.message) await showDecision(deps, latest.id);
    const by = latest?.decidedBy ? rich` by ${mention(latest.decidedBy)}` : [];
    const why =
      decided.reason === 'expired'
        ? rich`This request has expired: run the command again.`
        : decided.reason === 'already_decided'
          ? rich`This request was already ${String(latest?.state)}${by}.`
          : rich`That approval request no longer exists.`;
    return textMessage(rich`${emoji('information_source')} ${why}`);
  }

  const updated = decided.request;
  const notQueued = decision === 'denied' ? undefined : await queueApply(updated.id, deps);
  await recordAudit(deps, {
    kind: decision,
    requestId: updated.id,
    user: who,
    action: updated.action,
    target: describeTarget(updated.target),
  });
  if (notQueued) return notQueued;
  if (updated.message) await showDecision(deps, updated.id);
  return undefined;
}

/**
 * The request's message was posted but its reference never stored (Redis failed right after the
 * post): the click says where it is, so the updates that follow reach it. A failure is logged only.
 */
async function recordClickedMessage(deps: WebDeps, request: ApprovalRequest, clicked: MessageRef): Promise<void> {
  if (clicked.platform !== request.conversation.platform || clicked.space !== request.conversation.space) return;
  try {
    await beforeAck(deps, deps.approvals.setMessage(request.id, clicked));
  } catch (err) {
    deps.logger.warn(
      { err: errorMessage(err), requestId: request.id },
      'could not record the clicked approval message',
    );
  }
}

/**
 * Queues the approved change under `apply-<id>`: nothing to say when it is queued, and what to
 * tell the approver when Redis is down.
 */
async function queueApply(requestId: string, deps: WebDeps): Promise<MessageDocument | undefined> {
  try {
    await beforeAck(deps, deps.queue.enqueue('apply', { requestId }, { jobId: `apply-${requestId}` }));
    return undefined;
  } catch (err) {
    // Approved but not queued: clicking Approve again once Redis is back queues it.
    deps.logger.error({ err: errorMessage(err), requestId }, 'could not queue an approved change');
    return textMessage(
      rich`${emoji('warning')} Approved, but the job queue is not answering, so the change is not running yet. Click Approve again in a minute.`,
    );
  }
}

/**
 * Queues the message's update to the decision (the `approval-message` job): the click never waits
 * out the platform's retries. A failure is logged only: the decision stands, and the apply job's
 * own updates follow.
 */
async function showDecision(deps: WebDeps, requestId: string): Promise<void> {
  try {
    await beforeAck(deps, queueApprovalMessage(deps.queue, requestId));
  } catch (err) {
    deps.logger.warn({ err: errorMessage(err), requestId }, 'could not queue an approval message update');
  }
}
