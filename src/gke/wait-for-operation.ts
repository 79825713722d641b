import type { container_v1 } from 'googleapis/build/src/apis/container';
import { ApplyOptions, ApplyResult } from './apply-options';
import { createBackoff } from './backoff';
import { ClusterRef, parseClusterRef } from './cluster-ref';
import { GkeError } from './gke-error';
import { OperationRef, operationRefSchema } from './operation-response';
import { operationFailure, operationResult } from './operation-result';
import { pollOperation } from './poll-operation';
import { parseOr } from '../validation/parse-or';

/**
 * Follows an operation to DONE with backoff (docs/image-streaming.md: poll at the operation's location),
 * reporting 'running' at each status change before DONE and 'done' at the end. DONE with `error`
 * is a GkeError('other') carrying the API's own message. Used by apply, and by a job that resumes.
 */
export async function waitForOperation(
  container: container_v1.Container,
  ref: ClusterRef,
  operation: OperationRef,
  options: ApplyOptions = {},
): Promise<ApplyResult> {
  const target = parseClusterRef(ref);
  const opRef = parseOr(
    operationRefSchema,
    operation,
    (issue) => new GkeError('invalid', `invalid operation reference: ${issue.message}`),
  );
  const done = await pollOperation(container, target, opRef, createBackoff(options), async (op) => {
    if (op.status !== 'DONE')
      await options.onProgress?.({
        phase: 'running',
        operation: opRef.name,
        detail: op.status ?? 'STATUS_UNSPECIFIED',
      });
  });
  const failure = operationFailure(done);
  if (failure !== undefined) {
    throw new GkeError('other', `GKE operation ${opRef.name} failed: ${failure}`, { apiMessage: failure });
  }
  await options.onProgress?.({ phase: 'done', operation: opRef.name, detail: 'DONE' });
  return operationResult(done, opRef.location ?? target.location);
}
