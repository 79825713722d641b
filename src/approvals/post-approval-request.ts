import type { AuditLog } from '../audit/audit-log';
import { UsageError } from '../errors';
import type { JobQueue } from '../queue/job-queue';
import { renderApproval } from '../slack/render-approval';
import type { ApprovalRequest } from './approval-request';
import type { ApprovalStore } from './approval-store';
import { approvalView, describeTarget } from './approval-view';

/** What posting an approval request needs. */
export interface PostApprovalDeps {
  approvals: Pick<ApprovalStore, 'setMessage'>;
  slack: {
    chat: {
      postMessage(args: {
        channel: string;
        text: string;
        blocks: unknown[];
        thread_ts?: string;
      }): Promise<{ ts?: string }>;
    };
  };
  audit: Pick<AuditLog, 'record'>;
  queue: Pick<JobQueue, 'enqueue'>;
  /** The clock for the expiry job's delay; default Date.now. */
  now?: () => number;
}

/**
 * Posts a stored request with its Approve / Deny buttons (in a thread when given), remembers the
 * message for in-place updates, audits the request and queues its expiry, so the buttons say
 * "expired" on time even if nobody clicks. Every kind of change (enable, fixes, setup-alerts) uses it.
 */
export async function postApprovalRequest(
  deps: PostApprovalDeps,
  request: ApprovalRequest,
  options: { threadTs?: string } = {},
): Promise<void> {
  const posted = await deps.slack.chat
    .postMessage({
      channel: request.channel,
      ...renderApproval(approvalView(request)),
      ...(options.threadTs ? { thread_ts: options.threadTs } : {}),
    })
    .catch((err: { data?: { error?: string } }) => {
      if (err.data?.error === 'not_in_channel' || err.data?.error === 'channel_not_found') {
        throw new UsageError(
          'the bot is not in this channel: invite it (/invite @imagestream), then run the command again',
        );
      }
      throw err;
    });
  if (posted.ts) await deps.approvals.setMessage(request.id, request.channel, posted.ts);
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
