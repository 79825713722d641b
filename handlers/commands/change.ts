import { code, rich } from '../../src/chat/rich-text';
import type { ClusterTarget } from '../../src/google/cluster-target';
import type { ReplyTo } from '../../src/queue/job-schemas';
import type { WebDeps } from '../web-deps';
import type { CommandAnswer } from './command-reply';
import { enqueueOrExplain } from './enqueue-or-explain';
import type { Executor } from './executor';

/**
 * `enable|disable CLUSTER [--pool NP]`: queues a job that reads the current state and posts an
 * approval request; nothing changes before an approver clicks Approve.
 */
function requestChange(
  action: 'enable' | 'disable',
  target: ClusterTarget,
  replyTo: ReplyTo,
  deps: WebDeps,
): Promise<CommandAnswer> {
  const what = target.pool ? `pool ${target.pool} of ${target.cluster}` : target.cluster;
  return enqueueOrExplain(
    deps,
    action,
    { replyTo, target },
    rich`Working out what ${code(action)} would change on ${what}; an approval request follows in this channel.`,
  );
}

export const enable: Executor<'enable'> = ({ target }, { replyTo }, deps) =>
  requestChange('enable', target, replyTo, deps);
export const disable: Executor<'disable'> = ({ target }, { replyTo }, deps) =>
  requestChange('disable', target, replyTo, deps);
