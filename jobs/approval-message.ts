import { createHash } from 'node:crypto';
import { approvalView } from '../src/approvals/approval-view';
import type { JobPayload } from '../src/queue/job-schemas';
import { renderApproval } from '../src/slack/render-approval';
import type { JobRunner } from './worker-deps';

/**
 * Shows an approval request as it stands now on its message (chat.update). Queued by the apply
 * job at each step and by Approve / Deny (src/approvals/queue-approval-message.ts), on the `replies`
 * queue, so a slow or failing Slack holds up neither; the state is read when the job runs.
 */
export const runApprovalMessage: JobRunner<JobPayload<'approval-message'>> = async ({ requestId }, deps) => {
  const request = await deps.approvals.get(requestId);
  // Only Slack's messages until the Messenger port takes this job over.
  if (request?.message?.platform !== 'slack') return;
  const message = renderApproval(approvalView(request));
  // Two jobs may read the same state (one queued while the other ran): the message changes once.
  const shown = createHash('sha256').update(JSON.stringify(message)).digest('base64url');
  if ((await deps.approvals.lastShown(requestId)) === shown) return;
  // Still the Slack WebClient: a later step of the chat seam hands this to the Messenger port.
  const { space, message: ts } = request.message;
  await deps.slack.chat.update({ channel: space, ts, ...message });
  await deps.approvals.recordShown(requestId, shown);
};
