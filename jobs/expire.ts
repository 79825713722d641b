import { renderApproval } from '../src/slack/render-approval';
import { approvalView } from '../src/approvals/approval-view';
import { JobPayload } from '../src/queue/job-schemas';
import { JobRunner } from './worker-deps';

/** Runs when a request's time is up: if nobody decided, the message loses its buttons and says so. */
export const runExpire: JobRunner<JobPayload<'expire'>> = async ({ requestId }, deps) => {
  const request = await deps.approvals.get(requestId);
  if (!request || request.state !== 'expired') return;
  // Only Slack's messages until the Messenger port takes this job over.
  if (request.message?.platform === 'slack') {
    await deps.slack.chat.update({
      channel: request.message.space,
      ts: request.message.message,
      ...renderApproval(approvalView(request)),
    });
  }
  await deps.audit.record({ kind: 'expired', requestId, action: request.action });
  deps.approvals.expirySeen();
};
