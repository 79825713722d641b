import type { container_v1 } from 'googleapis/build/src/apis/container';
import { UsageError } from '../errors';
import { ApplyOptions, ApplyProgress, ApplyResult } from './apply-options';
import { Backoff, createBackoff } from './backoff';
import { ClusterRef, parseClusterRef, parsePoolName } from './cluster-ref';
import { getCluster } from './get-cluster';
import { GkeError, blockingOperationName, isBusyError } from './gke-error';
import { OperationResponse, operationLocation } from './operation-response';
import { operationFailure, operationResult } from './operation-result';
import { ChangePlan } from './plan-streaming-change';
import { pollOperation } from './poll-operation';
import { describeTarget } from './resource-names';
import { sendStreamingUpdate } from './send-streaming-update';
import { clusterStreamingDefault, poolStreaming } from './streaming-settings';
import { waitForOperation } from './wait-for-operation';

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
  const progress = async (p: ApplyProgress) => options.onProgress?.(p);
  const backoff = createBackoff(options);
  const waitedFor = new Set<string>();

  let op: OperationResponse | undefined;
  for (let attempt = 1; !op; attempt += 1) {
    await progress({ phase: 'submitting', attempt });
    try {
      op = await sendStreamingUpdate(container, ref, pool, plan.to);
    } catch (err) {
      if (!(err instanceof GkeError)) throw err;
      if (err.kind === 'transient' && (await backoff.wait())) continue;
      if (!isBusyError(err)) throw err;
      const blocker = blockingOperationName(err);
      await progress({
        phase: 'waiting',
        attempt,
        ...(blocker ? { operation: blocker } : {}),
        detail: err.apiMessage ?? err.message,
      });
      // A blocker already seen DONE that still blocks: poll no more, just back off.
      const freed = await waitWhileBusy(container, ref, blocker && !waitedFor.has(blocker) ? blocker : null, backoff);
      if (blocker) waitedFor.add(blocker);
      if (freed === 'spent') throw stillBusy(err, ref, blocker, backoff);
      if (
        freed !== 'slept' &&
        operationFailure(freed) === undefined &&
        (await settingIs(container, ref, pool, plan.to))
      ) {
        const result: ApplyResult = { ...operationResult(freed, ref.location), reusedOperation: true };
        await progress({ phase: 'done', operation: result.operation, detail: 'DONE' });
        return result;
      }
    }
  }
  const location = operationLocation(op);
  return waitForOperation(container, ref, { name: op.name, ...(location ? { location } : {}) }, options);
}

/**
 * Waits for the cluster to be free: polls the blocking operation to DONE (and returns it) when it
 * is named and readable, otherwise sleeps one backoff step. 'spent' when the budget is.
 */
export async function waitWhileBusy(
  container: container_v1.Container,
  ref: ClusterRef,
  blocker: string | null,
  backoff: Backoff,
): Promise<OperationResponse | 'slept' | 'spent'> {
  if (blocker) {
    try {
      return await pollOperation(container, ref, { name: blocker }, backoff);
    } catch (err) {
      // Not readable here (another location, no container.operations.get): plain backoff below.
      if (!(err instanceof GkeError) || (err.kind !== 'not_found' && err.kind !== 'permission')) return 'spent';
    }
  }
  return (await backoff.wait()) ? 'slept' : 'spent';
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

/** The error of a cluster still busy once the budget is spent. */
export function stillBusy(err: GkeError, ref: ClusterRef, blocker: string | null, backoff: Backoff): GkeError {
  const minutes = Math.round(backoff.elapsedMs() / 60_000);
  return new GkeError(
    'precondition',
    `${describeTarget(ref)} is still running ${blocker ?? 'another operation'} after ${minutes} min; try again later`,
    {
      ...(err.status !== undefined ? { status: err.status } : {}),
      apiStatus: 'FAILED_PRECONDITION',
      ...(err.apiMessage ? { apiMessage: err.apiMessage } : {}),
    },
  );
}
