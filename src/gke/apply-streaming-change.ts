import type { container_v1 } from 'googleapis/build/src/apis/container';
import { UsageError } from '../errors';
import { ApplyOptions, ApplyResult } from './apply-options';
import { ClusterRef, parseClusterRef, parsePoolName } from './cluster-ref';
import { getCluster } from './get-cluster';
import { ChangePlan } from './plan-streaming-change';
import { describeTarget } from './resource-names';
import { runOperation } from './run-operation';
import { sendStreamingUpdate, streamingUpdateStart } from './send-streaming-update';
import { clusterStreamingDefault, poolStreaming } from './streaming-settings';

export type { ApplyOptions, ApplyProgress, ApplyResult } from './apply-options';

/**
 * Sends the update of a plan and follows its operation to DONE. A cluster busy with another
 * operation (400 FAILED_PRECONDITION "incompatible operation") is waited for, polling that
 * operation when the message names it, and the update is sent again only once it is DONE; 429/5xx
 * are retried with backoff; 403/404 and other refusals throw a GkeError at once.
 */
export async function applyStreamingChange(
  container: container_v1.Container,
  plan: ChangePlan,
  options: ApplyOptions = {},
): Promise<ApplyResult> {
  const ref = parseClusterRef(plan.ref);
  const pool = plan.scope === 'pool' ? parsePoolName(plan.pool) : undefined;
  if (plan.noop) {
    throw new UsageError(
      `nothing to apply: ${describeTarget(ref, pool)} already has image streaming ${plan.to ? 'on' : 'off'}`,
    );
  }
  return runOperation(
    container,
    ref,
    {
      send: () => sendStreamingUpdate(container, ref, pool, plan.to),
      isDone: () => settingIs(container, ref, pool, plan.to),
      starts: streamingUpdateStart(pool),
    },
    options,
  );
}

/** True when the target already has the setting (an update whose answer was lost did it). */
async function settingIs(
  container: container_v1.Container,
  ref: ClusterRef,
  pool: string | undefined,
  enabled: boolean,
): Promise<boolean> {
  const cluster = await getCluster(container, ref);
  if (pool === undefined) return clusterStreamingDefault(cluster) === enabled;
  const found = cluster.nodePools?.find((p) => p.name === pool);
  return found !== undefined && poolStreaming(found) === enabled;
}
