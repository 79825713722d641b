import { targetOfAlert } from '../src/access/scope-targets';
import type { ConversationRef } from '../src/chat/conversation-ref';
import { emoji, rich, type RichText } from '../src/chat/rich-text';
import { UsageError } from '../src/errors';
import { gcloudReplacementPoolCommand, replacementPoolName } from '../src/fixes/replacement-pool';
import { poolOfNode } from '../src/fixes/pool-of-node';
import { requestFixApproval } from '../src/fixes/request-fix';
import { getNodePool } from '../src/gke/get-node-pool';
import { readClusterStatus } from '../src/gke/read-cluster-status';
import type { JobData, ReplyTarget } from '../src/queue/job-schemas';
import type { AlertState } from '../src/alerts/problem';
import { locateCluster } from './locate-cluster';
import { replyWithGkeErrors } from './reply-with-gke-errors';
import { conversationOfRequest } from './request-conversation';
import type { JobRunner } from './worker-deps';

/**
 * A fix button on an alert: reads the alert and the cluster (after the click's ack), then either
 * posts an approval request for the change, or answers at once (gcloud command, eligibility check,
 * a log re-check in 5 minutes).
 */
export const runFix: JobRunner<
  JobData<'fix'>,
  | 'alerts'
  | 'scope'
  | 'container'
  | 'approvals'
  | 'messengers'
  | 'audit'
  | 'queue'
  | 'reply'
  | 'quotaRequest'
  | 'logger'
> = async ({ replyTo, alertId, fix }, deps, job) =>
  replyWithGkeErrors(
    deps,
    replyTo,
    async () => {
      const alert = await deps.alerts.get(alertId);
      if (!alert) throw new UsageError('that alert no longer exists');
      // Checked at the click too; again here, before the first Google call (the list may have changed).
      deps.scope.check(targetOfAlert(alert));
      const { project, cluster } = alert.key;
      const say = (text: RichText) =>
        deps.reply(replyTo, { summary: text, blocks: [] }, { visibility: 'private', replaceOriginal: false });
      if (!alert.location)
        throw new UsageError('the alert does not say where its nodes run, so the cluster cannot be found');
      const ref = await locateCluster(deps.container, project, cluster, alert.location, (location) =>
        deps.scope.allowsLocation(location),
      );

      if (fix === 'retry-check') {
        await deps.queue.enqueue('errors', { replyTo, target: ref, since: '1h' }, { delay: 5 * 60_000 });
        return say(
          rich`${emoji('hourglass')} I will query the gcfsd logs of ${cluster} again in 5 minutes and report here.`,
        );
      }
      if (fix === 'run-check') {
        const image = alert.sample.image;
        if (!image) throw new UsageError('the alert names no image to check');
        await deps.queue.enqueue('check', { replyTo, options: { image, ...ref } });
        return say(rich`${emoji('mag')} Checking ${image} on ${cluster}...`);
      }
      if (fix === 'show-gcloud') {
        const status = await readClusterStatus(deps.container, ref);
        const poolName = poolOfNode(
          cluster,
          status.pools.map((p) => p.name),
          alert.sample.node,
        );
        if (!poolName)
          throw new UsageError(`cannot tell which node pool ${alert.sample.node ?? 'the node'} belongs to`);
        const pool = await getNodePool(deps.container, ref, poolName);
        if (!pool) throw new UsageError(`node pool ${poolName} not found`);
        // Tight: the command on one line with its fences, as copy-paste wants it.
        return say([
          { kind: 'pre', text: gcloudReplacementPoolCommand(ref, pool, replacementPoolName(poolName)), tight: true },
        ]);
      }
      const outcome = await requestFixApproval(
        {
          container: deps.container,
          approvals: deps.approvals,
          messengers: deps.messengers,
          audit: deps.audit,
          queue: deps.queue,
        },
        {
          fix:
            fix === 'quota-increase'
              ? {
                  action: 'quota-increase',
                  multiple: deps.quotaRequest.multiple,
                  contactEmail: deps.quotaRequest.contactEmail,
                  justification: `gcfsd reported ${alert.count} "Quota exceeded" errors on cluster ${cluster} since ${alert.firstSeen}; image streaming falls back to full pulls.`,
                }
              : { action: fix },
          ref,
          node: alert.sample.node,
          requestedBy: replyTo.requester,
          conversation: alertThread(alert, replyTo),
        },
      );
      if (outcome.kind === 'nothing_to_do') return say(rich`${emoji('information_source')} ${outcome.message}`);
      return say(rich`${emoji('white_check_mark')} Approval request posted in the alert thread.`);
    },
    job,
  );

/**
 * Where a fix's approval request goes: in the thread of the alert's message (the adapter reads the
 * message's id as its thread), or the clicked conversation when the alert's message is unknown.
 */
function alertThread(alert: AlertState, replyTo: ReplyTarget): ConversationRef {
  if (!alert.message) return conversationOfRequest(replyTo);
  return { platform: alert.message.platform, space: alert.message.space, thread: alert.message.message };
}
