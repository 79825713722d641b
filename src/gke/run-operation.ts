import type { container_v1 } from 'googleapis/build/src/apis/container';
import { ApplyOptions, ApplyProgress, ApplyResult } from './apply-options';
import { Backoff, createBackoff } from './backoff';
import { ClusterRef } from './cluster-ref';
import { OperationStart } from './find-started-operation';
import { followLostOperation } from './follow-lost-operation';
import { GkeError, blockingOperationName, isBusyError, keptFailing } from './gke-error';
import { OperationResponse, operationLocation } from './operation-response';
import { operationFailure, operationResult } from './operation-result';
import { pollOperation } from './poll-operation';
import { describeTarget } from './resource-names';
import { waitForOperation } from './wait-for-operation';

/** One change as an operation: the call that starts it, and how to tell it has already happened. */
export interface OperationSteps {
  /** Sends the create/update call; returns the started Operation, throws GkeError. */
  send(): Promise<OperationResponse>;
  /** True when the change is already in place (an earlier call whose answer was lost did it). */
  isDone(): Promise<boolean>;
  /** The operation `send` starts, to find it when its answer is lost. */
  starts: OperationStart;
}

/**
 * Sends one GKE change and follows its operation to DONE (enable/disable and every fix use it):
 * 429/5xx retried with backoff; a busy cluster (400 FAILED_PRECONDITION "incompatible operation")
 * waited for, then the change re-checked before it is sent again; other refusals thrown at once.
 * After a send that may have started an operation without our hearing of it (no answer, a
 * timeout, a 5xx), that operation is looked for and followed before anything is sent again: GKE
 * runs it on its own, and a second send once it is DONE would apply the change twice.
 */
export async function runOperation(
  container: container_v1.Container,
  ref: ClusterRef,
  steps: OperationSteps,
  options: ApplyOptions = {},
): Promise<ApplyResult> {
  const progress = async (p: ApplyProgress) => options.onProgress?.(p);
  const backoff = createBackoff(options);
  const waitedFor = new Set<string>();
  let op: OperationResponse | undefined;
  // HTTP requests of the current run of transient failures, for the message when we give up.
  let failedRequests = 0;
  // When we first sent the change: an operation it started cannot have started much earlier.
  let firstSentAt: number | undefined;
  // The last send may have started an operation we did not hear of.
  let answerLost = false;
  let attempt = 0;
  while (!op) {
    try {
      if (answerLost && firstSentAt !== undefined) {
        const followed = await followLostOperation(container, ref, steps, firstSentAt, options);
        if (followed) return followed;
        answerLost = false;
      }
      attempt += 1;
      await progress({ phase: 'submitting', attempt });
      firstSentAt ??= Date.now();
      op = await steps.send();
    } catch (err) {
      if (!(err instanceof GkeError)) throw err;
      if (err.kind === 'transient') {
        // A 429 is refused before anything starts; a 5xx or silence may follow a started operation.
        if (err.status !== 429) answerLost = true;
        failedRequests += err.attempts ?? 1;
        if (await backoff.wait()) continue;
        throw keptFailing(err, failedRequests, backoff.elapsedMs());
      }
      failedRequests = 0;
      if (!isBusyError(err)) throw err;
      const blocker = blockingOperationName(err);
      await progress({
        phase: 'waiting',
        attempt,
        ...(blocker ? { operation: blocker } : {}),
        detail: err.apiMessage ?? err.message,
      });
      const freed = await waitWhileBusy(container, ref, blocker && !waitedFor.has(blocker) ? blocker : null, backoff);
      if (blocker) waitedFor.add(blocker);
      if (freed === 'spent') throw stillBusy(err, ref, blocker, backoff);
      if (freed !== 'slept' && operationFailure(freed) === undefined && (await steps.isDone())) {
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
