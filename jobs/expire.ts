import { approvalView } from '../src/approvals/approval-view';
import { messengerFor } from '../src/chat/messengers';
import type { JobData } from '../src/queue/job-schemas';
import { approvalMessage } from '../src/render/approval-message';
import type { JobRunner } from './worker-deps';

/** Runs when a request's time is up: if nobody decided, the message loses its buttons and says so. */
export const runExpire: JobRunner<JobData<'expire'>, 'approvals' | 'messengers' | 'audit'> = async (
  { requestId },
  deps,
) => {
  const request = await deps.approvals.get(requestId);
  if (!request || request.state !== 'expired') return;
  if (request.message) {
    await messengerFor(deps.messengers, request.message.platform).update(
      request.message,
      approvalMessage(approvalView(request)),
    );
  }
  await deps.audit.record({ kind: 'expired', requestId, action: request.action });
  deps.approvals.expirySeen();
};
