import type { container_v1 } from 'googleapis/build/src/apis/container';
import { ClusterRef } from './cluster-ref';
import { toGkeError } from './gke-error';
import { OperationStart } from './find-started-operation';
import { OperationResponse } from './operation-response';
import { parseOperation } from './poll-operation';
import { SEND_ONCE } from './send-once';
import { clusterPath, describeTarget, nodePoolPath } from './resource-names';

/**
 * One update call (docs/image-streaming.md): `clusters.update` with `{update: {desiredGcfsConfig: {enabled}}}`,
 * or `nodePools.update` with only `{gcfsConfig: {enabled}}`, as gcloud sends it. Both need
 * container.clusters.update. Returns the started Operation; throws GkeError. Sent once per call: a
 * lost answer is runOperation's to handle (send-once.ts).
 */
export async function sendStreamingUpdate(
  container: container_v1.Container,
  ref: ClusterRef,
  pool: string | undefined,
  enabled: boolean,
): Promise<OperationResponse> {
  const context = { action: 'update', resource: describeTarget(ref, pool), permission: 'container.clusters.update' };
  try {
    if (pool === undefined) {
      const name = clusterPath(ref);
      const res = await container.projects.locations.clusters.update(
        { name, requestBody: { update: { desiredGcfsConfig: { enabled } } } },
        SEND_ONCE,
      );
      return parseOperation(res.data, name);
    }
    const name = nodePoolPath(ref, pool);
    const res = await container.projects.locations.clusters.nodePools.update(
      { name, requestBody: { gcfsConfig: { enabled } } },
      SEND_ONCE,
    );
    return parseOperation(res.data, name);
  } catch (err) {
    throw toGkeError(err, context);
  }
}

/** The operation sendStreamingUpdate starts on the cluster or the pool. */
export function streamingUpdateStart(pool: string | undefined): OperationStart {
  return pool === undefined ? { operationType: 'UPDATE_CLUSTER' } : { pool, operationType: 'UPGRADE_NODES' };
}
