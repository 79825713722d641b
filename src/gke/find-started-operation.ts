import type { container_v1 } from 'googleapis/build/src/apis/container';
import { ClusterRef } from './cluster-ref';
import { listTargetOperations } from './list-target-operations';
import { OperationResponse } from './operation-response';

/** What one send starts, to recognise its operation in the list when the answer was lost. */
export interface OperationStart {
  /** The node pool the operation targets; undefined: the cluster itself. */
  pool?: string;
  /**
   * GKE's operationType for it: UPDATE_CLUSTER (clusters.update), UPGRADE_NODES (nodePools.update,
   * "initiates an upgrade operation" in the API reference), CREATE_NODE_POOL (nodePools.create).
   */
  operationType: string;
}

/**
 * GKE stamps startTime with its own clock: the operation our request started may read as started a
 * little before the moment we sent it by ours. A wider window is safe: what is found is adopted
 * only when the change it was meant to make is in place (followLostOperation).
 */
export const CLOCK_SKEW_MS = 10_000;

/**
 * The newest operation of that type on that target started at `sentAt` or later (any status), or
 * null: the operation a send whose answer never came may have started.
 */
export async function findStartedOperation(
  container: container_v1.Container,
  ref: ClusterRef,
  start: OperationStart,
  sentAt: number,
): Promise<OperationResponse | null> {
  const since = sentAt - CLOCK_SKEW_MS;
  const operations = await listTargetOperations(container, ref, start.pool);
  return (
    operations.find((op) => op.operationType === start.operationType && Date.parse(op.startTime ?? '') >= since) ?? null
  );
}
