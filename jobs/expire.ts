import { renderApproval } from '../src/slack/render-approval';
import { approvalView } from '../src/approvals/approval-view';
import { JobPayload } from '../src/queue/job-schemas';
import { JobRunner } from './worker-deps';

/** Runs when a request's time is up: if nobody decided, the message loses its buttons and says so. */
export const runExpire: JobRunner<JobPayload<'expire'>> = async ({ requestId }, deps) => {
  const request = await deps.approvals.get(requestId);
  if (!request || request.state !== 'expired') return;
  if (request.messageTs) {
    await deps.slack.chat.update({
      channel: request.channel,
      ts: request.messageTs,
      ...renderApproval(approvalView(request)),
    });
  }
  await deps.audit.record({ kind: 'expired', requestId, action: request.action });
  deps.approvals.expirySeen();
};
