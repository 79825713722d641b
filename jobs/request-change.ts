import { createHash } from 'node:crypto';
import type { Job } from 'bullmq';
import { postApprovalRequest } from '../src/approvals/post-approval-request';
import { planStreamingChange } from '../src/gke/plan-streaming-change';
import { readClusterStatus } from '../src/gke/read-cluster-status';
import type { JobData } from '../src/queue/job-schemas';
import { describeTarget } from '../src/approvals/approval-view';
import type { NewApprovalRequest } from '../src/approvals/approval-store';
import { rich } from '../src/chat/rich-text';
import { replyWithGkeErrors } from './reply-with-gke-errors';
import { conversationOfRequest } from './request-conversation';
import type { JobRunner } from './worker-deps';

/** What a change request uses: GKE to plan it, the approval store, the messengers to post it, audit and queue. */
export type RequestChangeDeps = 'container' | 'approvals' | 'messengers' | 'audit' | 'queue' | 'reply' | 'logger';

/**
 * `/imagestream enable|disable CLUSTER [--pool NP]`: reads the current state, works out what would
 * change, and posts an approval request with Approve / Deny buttons in the channel. Nothing
 * changes until an approver clicks Approve (the `apply` job).
 *
 * A job that fails after posting (Redis down right after the platform posted) is retried by BullMQ:
 * the retry must not post a second request for the same change. So the request is created once
 * per job (keyed by the job's id, which every attempt shares) and its message once per request
 * (postApprovalRequest claims the post in Redis before posting).
 */
export function requestChange(enable: boolean): JobRunner<JobData<'enable'>, RequestChangeDeps> {
  return async ({ replyTo, target }, deps, job) =>
    replyWithGkeErrors(
      deps,
      replyTo,
      async () => {
        const { pool, ...ref } = target;
        const status = await readClusterStatus(deps.container, ref);
        const plan = planStreamingChange(status, { enable, pool });
        const action = enable ? 'enable' : 'disable';
        if (plan.noop) {
          await deps.reply(
            replyTo,
            {
              summary: rich`Image streaming is already ${enable ? 'enabled' : 'disabled'} on ${describeTarget(target)}: nothing to approve.`,
              blocks: [],
            },
            { visibility: 'private' },
          );
          return;
        }
        const input: NewApprovalRequest = {
          action,
          target,
          change: { from: plan.from, to: plan.to, poolsAffected: plan.poolsAffected, notes: plan.notes },
          requestedBy: replyTo.requester,
          conversation: conversationOfRequest(replyTo),
        };
        const origin = jobOrigin(job);
        const request = origin ? await deps.approvals.createOnce(origin, input) : await deps.approvals.create(input);
        await postApprovalRequest(deps, request);
      },
      job,
    );
}

/** The key every attempt of this job shares (queue and job id, hashed to a safe key part); none outside BullMQ. */
function jobOrigin(job: Job | undefined): string | undefined {
  if (!job?.id) return undefined;
  const digest = createHash('sha256')
    .update(`${job.queueName ?? ''}\0${job.id}`)
    .digest('base64url');
  return `job:${digest}`;
}
