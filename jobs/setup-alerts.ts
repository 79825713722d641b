import { postApprovalRequest } from '../src/approvals/post-approval-request';
import { Job } from 'bullmq';
import { principalId } from '../src/chat/principal-id';
import { defaultSetupNames } from '../src/setup-alerts/setup-commands';
import { JobPayload } from '../src/queue/job-schemas';
import { SETUP_ALERTS_CLUSTER } from '../src/approvals/approval-view';
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
        requestedBy: principalId('slack', replyTo.userId),
        conversation: { platform: 'slack', space: replyTo.channelId },
      });
      await postApprovalRequest(deps, request);
    },
    job,
  );
}
