import type { container_v1 } from 'googleapis/build/src/apis/container';
import { ApplyOptions, ApplyResult } from './apply-options';
import { createBackoff } from './backoff';
import { ClusterRef } from './cluster-ref';
import { OperationStart, findStartedOperation } from './find-started-operation';
import { GkeError } from './gke-error';
import { operationLocation } from './operation-response';
import { operationFailure, operationResult } from './operation-result';
import { pollOperation } from './poll-operation';

/** The calls of one change that a lost answer needs. */
export interface LostAnswerSteps {
  /** True when the change is in place. */
  isDone(): Promise<boolean>;
  /** The operation a send starts. */
  starts: OperationStart;
}

/**
 * After a send that got no answer (a timeout, a dropped connection) or a 5xx: GKE may have started
 * the operation all the same, and it runs on its own. Finds it (started since our first send),
 * follows it to DONE and returns its result, so the change is not sent a second time. null when
 * there is none, or when it did not leave the change in place: then the caller sends again.
 * Throws GkeError('other') when it ended with an error (like waitForOperation), and the GkeError
 * of a list or a poll that failed.
 */
export async function followLostOperation(
  container: container_v1.Container,
  ref: ClusterRef,
  steps: LostAnswerSteps,
  sentAt: number,
  options: ApplyOptions = {},
): Promise<ApplyResult | null> {
  let found;
  try {
    found = await findStartedOperation(container, ref, steps.starts, sentAt);
  } catch (err) {
    if (!(err instanceof GkeError) || err.kind !== 'permission') throw err;
    // Without container.operations.list the setting itself says whether a send is needed.
    return (await steps.isDone()) ? { operation: '', status: 'DONE', reusedOperation: true } : null;
  }
  if (!found) return null;
  const location = operationLocation(found);
  const opRef = { name: found.name, ...(location ? { location } : {}) };
  const progress = options.onProgress;
  const done =
    found.status === 'DONE'
      ? found
      : await pollOperation(container, ref, opRef, createBackoff(options), async (op) => {
          if (op.status !== 'DONE')
            await progress?.({ phase: 'running', operation: opRef.name, detail: op.status ?? 'STATUS_UNSPECIFIED' });
        });
  const failure = operationFailure(done);
  if (failure !== undefined) {
    throw new GkeError('other', `GKE operation ${opRef.name} failed: ${failure}`, { apiMessage: failure });
  }
  // Someone else's operation of the same kind, started in the same moments, made another change.
  if (!(await steps.isDone())) return null;
  await progress?.({ phase: 'done', operation: opRef.name, detail: 'DONE' });
  return { ...operationResult(done, location ?? ref.location), reusedOperation: true };
}
