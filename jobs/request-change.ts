import { postApprovalRequest } from '../src/approvals/post-approval-request';
import { Job } from 'bullmq';
import { planStreamingChange } from '../src/gke/plan-streaming-change';
import { readClusterStatus } from '../src/gke/read-cluster-status';
import { JobPayload } from '../src/queue/job-schemas';
import { describeTarget } from '../src/approvals/approval-view';
import { replyWithGkeErrors } from './reply-with-gke-errors';
import { WorkerDeps } from './worker-deps';

/**
 * `/imagestream enable|disable CLUSTER [--pool NP]`: reads the current state, works out what would
 * change, and posts an approval request with Approve / Deny buttons in the channel. Nothing
 * changes until an approver clicks Approve (the `apply` job).
 */
export function requestChange(enable: boolean) {
  return async ({ replyTo, target }: JobPayload<'enable'>, deps: WorkerDeps, job: Job): Promise<void> =>
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
              text: `Image streaming is already ${enable ? 'enabled' : 'disabled'} on ${describeTarget(target)}: nothing to approve.`,
              blocks: [],
            },
            { responseType: 'ephemeral' },
          );
          return;
        }
        const request = await deps.approvals.create({
          action,
          target,
          change: { from: plan.from, to: plan.to, poolsAffected: plan.poolsAffected, notes: plan.notes },
          requestedBy: replyTo.userId,
          channel: replyTo.channelId,
        });
        await postApprovalRequest(deps, request);
      },
      job,
    );
}
