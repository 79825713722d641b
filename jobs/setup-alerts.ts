import { Job } from 'bullmq';
import { UsageError } from '../src/errors';
import { defaultSetupNames } from '../src/setup-alerts/setup-commands';
import { renderApproval } from '../src/slack/render-approval';
import { JobPayload } from './job-schemas';
import { SETUP_ALERTS_CLUSTER, approvalView, describeTarget } from './approval-view';
import { replyWithGkeErrors } from './reply-with-gke-errors';
import { WorkerDeps } from './worker-deps';

/**
 * `/imagestream setup-alerts [--project P]`: posts an approval request to create the topic, the
 * subscription and the log sink and grant the sink publish rights (like jobs/request-change.ts).
 * Nothing is created until an approver clicks Approve (the `apply` job).
 */
export async function requestSetupAlerts(
  { replyTo, project }: JobPayload<'setup-alerts'>,
  deps: WorkerDeps,
  job: Job,
): Promise<void> {
  return replyWithGkeErrors(
    deps,
    replyTo,
    async () => {
      const { topic, subscription, sink } = defaultSetupNames(project);
      const target = { project, location: 'global', cluster: SETUP_ALERTS_CLUSTER };
      const request = await deps.approvals.create({
        action: 'setup-alerts',
        target,
        params: { topic, subscription, sink },
        change: {
          from: false,
          to: false,
          poolsAffected: [],
          notes: [`then set PUBSUB_SUBSCRIPTION=${subscription} on the bot`],
        },
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
        action: 'setup-alerts',
        target: describeTarget(target),
      });
      await deps.queue.enqueue(
        'expire',
        { requestId: request.id },
        { jobId: `expire-${request.id}`, delay: Math.max(0, request.expiresAt - Date.now()) },
      );
    },
    job,
  );
}
