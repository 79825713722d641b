import { z } from 'zod';
import { toMrkdwn } from '../../adapters/slack/block-kit/to-mrkdwn';
import type { ApprovalRequest } from '../../src/approvals/approval-request';
import type { MessageRef } from '../../src/chat/conversation-ref';
import { PrincipalId, principalId } from '../../src/chat/principal-id';
import { mention } from '../../src/chat/rich-text';
import { targetOfRequest } from '../../src/access/scope-targets';
import { describeTarget } from '../../src/approvals/approval-view';
import { errorMessage } from '../../src/errors';
import { beforeAck } from '../ack-deadline';
import { queueApprovalMessage } from '../../src/approvals/queue-approval-message';
import { recordAudit } from '../record-audit';
import type { WebDeps } from '../web-deps';
import { ButtonArgs, tellClicker } from './button-args';

// A button value is whatever a client sends: only an id shape we issue may reach Redis.
const requestIdSchema = z.string().regex(/^[A-Za-z0-9_-]{8,64}$/);

/**
 * Approve or Deny on an approval request. Acks at once; checks who clicked; decides atomically
 * (one of many clicks wins); queues the message's update (approval-message job); on approval queues the change under a
 * jobId derived from the request id, so it runs once however often it is clicked. Its Redis calls
 * have the ack path's deadline: a hung Redis gets the clicker an answer, not silence.
 */
export function decideRequest(decision: 'approved' | 'denied', deps: WebDeps) {
  return async ({ ack, body, action, client }: ButtonArgs): Promise<void> => {
    await ack();
    const userId = body.user.id;
    const tell = tellClicker(deps, { body, client });

    try {
      const who = principalId('slack', userId);
      // Where the clicked message is: recorded when its request lost it (see postApprovalRequest).
      const clicked =
        body.channel?.id && body.message?.ts
          ? { platform: 'slack', space: body.channel.id, message: body.message.ts }
          : undefined;
      await decide(decision, deps, { who, value: action.value, tell, clicked });
    } catch (err) {
      // Redis down or hung: the clicker hears about it, the process goes on.
      deps.logger.error({ err: errorMessage(err), userId }, 'could not handle an approval click');
      await tell(
        ":warning: Your click could not be recorded: the bot's queue is not answering (Redis). Please try again in a minute.",
      );
    }
  };
}

async function decide(
  decision: 'approved' | 'denied',
  deps: WebDeps,
  {
    who,
    value,
    tell,
    clicked,
  }: {
    who: PrincipalId;
    value: string | undefined;
    tell: (text: string) => Promise<void>;
    clicked?: MessageRef;
  },
): Promise<void> {
  const id = requestIdSchema.safeParse(value);
  if (!id.success) {
    deps.logger.warn({ userId: who }, 'approval button with an invalid value');
    return tell(':warning: That button does not name a valid request.');
  }
  const request = await beforeAck(deps, deps.approvals.get(id.data));
  if (!request) return tell(':warning: That approval request no longer exists.');
  if (!request.message && clicked) await recordClickedMessage(deps, request, clicked);

  const check =
    decision === 'approved'
      ? await deps.approvers.canApprove(who, request)
      : await deps.approvers.canDeny(who, request);
  // A request made before the allow-list changed: it cannot be approved (a deny still withdraws it).
  const outside = decision === 'approved' ? deps.scope.refusal(targetOfRequest(request)) : undefined;
  const reason = check.allowed ? outside : toMrkdwn(check.reason);
  if (reason !== undefined) {
    await recordAudit(deps, {
      kind: 'refused',
      requestId: request.id,
      user: who,
      action: request.action,
      detail: reason,
    });
    return tell(`:no_entry: ${reason}`);
  }

  const decided = await beforeAck(deps, deps.approvals.decide(id.data, decision, who));
  if (
    !decided.ok &&
    decided.reason === 'already_decided' &&
    decided.request?.state === 'approved' &&
    decision === 'approved'
  ) {
    // Approved earlier while the queue was down: queue it now (the jobId keeps it to one run).
    await queueApply(decided.request.id, deps, tell);
    return;
  }
  if (!decided.ok) {
    const latest = decided.request;
    if (decided.reason === 'expired' && latest?.message) await showDecision(deps, latest.id);
    const why =
      decided.reason === 'expired'
        ? 'This request has expired: run the command again.'
        : decided.reason === 'already_decided'
          ? `This request was already ${latest?.state}${latest?.decidedBy ? ` by ${toMrkdwn([mention(latest.decidedBy)])}` : ''}.`
          : 'That approval request no longer exists.';
    return tell(`:information_source: ${why}`);
  }

  const updated = decided.request;
  const queued = decision === 'denied' || (await queueApply(updated.id, deps, tell));
  await recordAudit(deps, {
    kind: decision,
    requestId: updated.id,
    user: who,
    action: updated.action,
    target: describeTarget(updated.target),
  });
  if (!queued) return;
  if (updated.message) await showDecision(deps, updated.id);
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

/** Queues the approved change under `apply-<id>`; false (and the approver told) when Redis is down. */
async function queueApply(requestId: string, deps: WebDeps, tell: (text: string) => Promise<void>): Promise<boolean> {
  try {
    await beforeAck(deps, deps.queue.enqueue('apply', { requestId }, { jobId: `apply-${requestId}` }));
    return true;
  } catch (err) {
    // Approved but not queued: clicking Approve again once Redis is back queues it.
    deps.logger.error({ err: errorMessage(err), requestId }, 'could not queue an approved change');
    await tell(
      ':warning: Approved, but the job queue is not answering, so the change is not running yet. Click Approve again in a minute.',
    );
    return false;
  }
}

/**
 * Queues the message's update to the decision (the `approval-message` job): the listener never
 * waits out Slack's retries. A failure is logged only: the decision stands, and the apply job's
 * own updates follow.
 */
async function showDecision(deps: WebDeps, requestId: string): Promise<void> {
  try {
    await beforeAck(deps, queueApprovalMessage(deps.queue, requestId));
  } catch (err) {
    deps.logger.warn({ err: errorMessage(err), requestId }, 'could not queue an approval message update');
  }
}
