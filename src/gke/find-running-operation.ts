import type { container_v1 } from 'googleapis/build/src/apis/container';
import { ClusterRef } from './cluster-ref';
import { listTargetOperations } from './list-target-operations';
import { OperationRef, operationLocation } from './operation-response';

/**
 * The newest operation not yet DONE whose targetLink is the cluster itself (no pool) or that node
 * pool, or null. For idempotency: a job that resumes after a crash waits for it instead of
 * updating again.
 */
export async function findRunningOperation(
  container: container_v1.Container,
  ref: ClusterRef,
  pool?: string,
): Promise<OperationRef | null> {
  const newest = (await listTargetOperations(container, ref, pool)).find((op) => op.status !== 'DONE');
  if (!newest) return null;
  const location = operationLocation(newest);
  return { name: newest.name, ...(location ? { location } : {}) };
}
