import { createHash } from 'node:crypto';
import { approvalView } from '../src/approvals/approval-view';
import { messengerFor } from '../src/chat/messengers';
import type { JobData } from '../src/queue/job-schemas';
import { approvalMessage } from '../src/render/approval-message';
import type { JobRunner } from './worker-deps';

/**
 * Shows an approval request as it stands now on its message (the messenger's update). Queued by
 * the apply job at each step and by Approve / Deny (src/approvals/queue-approval-message.ts), on
 * the `replies` queue, so a slow or failing chat platform holds up neither; the state is read when
 * the job runs.
 */
export const runApprovalMessage: JobRunner<JobData<'approval-message'>, 'approvals' | 'messengers'> = async (
  { requestId },
  deps,
) => {
  const request = await deps.approvals.get(requestId);
  if (!request?.message) return;
  const message = approvalMessage(approvalView(request));
  // Two jobs may read the same state (one queued while the other ran): the message changes once.
  const shown = createHash('sha256').update(JSON.stringify(message)).digest('base64url');
  if ((await deps.approvals.lastShown(requestId)) === shown) return;
  await messengerFor(deps.messengers, request.message.platform).update(request.message, message);
  await deps.approvals.recordShown(requestId, shown);
};
