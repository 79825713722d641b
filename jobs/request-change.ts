import { Job } from 'bullmq';
import { UsageError } from '../src/errors';
import { planStreamingChange } from '../src/gke/plan-streaming-change';
import { readClusterStatus } from '../src/gke/read-cluster-status';
import { renderApproval } from '../src/slack/render-approval';
import { JobPayload } from './job-schemas';
import { approvalView, describeTarget } from './approval-view';
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
            replyTo.responseUrl,
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
        const posted = await deps.slack.chat
          .postMessage({ channel: replyTo.channelId, ...renderApproval(approvalView(request)) })
          .catch((err: { data?: { error?: string } }) => {
            if (err.data?.error === 'not_in_channel' || err.data?.error === 'channel_not_found') {
              throw new UsageError(
                'the bot is not in this channel: invite it (/invite @imagestream), then run the command again',
              );
            }
            throw err;
          });
        if (posted.ts) await deps.approvals.setMessage(request.id, replyTo.channelId, posted.ts);
        await deps.audit.record({
          kind: 'requested',
          requestId: request.id,
          user: replyTo.userId,
          action,
          target: describeTarget(target),
        });
        // The buttons say "expired" on time even if nobody clicks them.
        await deps.queue.enqueue(
          'expire',
          { requestId: request.id },
          { jobId: `expire-${request.id}`, delay: Math.max(0, request.expiresAt - Date.now()) },
        );
      },
      job,
    );
}
