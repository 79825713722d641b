import { postApprovalRequest } from '../src/approvals/post-approval-request';
import { defaultSetupNames } from '../src/setup-alerts/setup-commands';
import type { JobData } from '../src/queue/job-schemas';
import { SETUP_ALERTS_CLUSTER } from '../src/approvals/approval-view';
import { replyWithGkeErrors } from './reply-with-gke-errors';
import { conversationOfRequest } from './request-conversation';
import type { JobRunner } from './worker-deps';

/**
 * `/imagestream setup-alerts [--project P]`: posts an approval request to create the topic, the
 * subscription and the log sink and grant the sink publish rights (like jobs/request-change.ts).
 * Nothing is created until an approver clicks Approve (the `apply` job).
 */
export const requestSetupAlerts: JobRunner<
  JobData<'setup-alerts'>,
  'approvals' | 'messengers' | 'audit' | 'queue' | 'reply' | 'logger'
> = async ({ replyTo, project }, deps, job) =>
  replyWithGkeErrors(
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
        requestedBy: replyTo.requester,
        conversation: conversationOfRequest(replyTo),
      });
      await postApprovalRequest(deps, request);
    },
    job,
  );
