import type { container_v1 } from 'googleapis/build/src/apis/container';
import { Backoff } from './backoff';
import { ClusterRef } from './cluster-ref';
import { GkeError, keptFailing, toGkeError } from './gke-error';
import { OperationRef, OperationResponse, OperationSchema } from './operation-response';
import { operationPath } from './resource-names';
import { parseOr } from '../validation/parse-or';
import { unexpectedAnswer } from './unexpected-answer';

/**
 * Polls `operations.get` until the operation is DONE (with or without `error`) and returns it.
 * 429/5xx and network failures are retried within the budget; 403/404 throw at once; a spent
 * budget throws a transient GkeError that says the operation goes on in GKE.
 */
export async function pollOperation(
  container: container_v1.Container,
  ref: ClusterRef,
  operation: OperationRef,
  backoff: Backoff,
  onStatus?: (op: OperationResponse) => void | Promise<void>,
): Promise<OperationResponse> {
  const name = operationPath(ref, operation.name, operation.location);
  let lastStatus: string | undefined;
  // HTTP requests of the current run of transient failures, for the message when we give up.
  let failedRequests = 0;
  for (;;) {
    let op: OperationResponse | undefined;
    try {
      op = parseOperation((await container.projects.locations.operations.get({ name })).data, name);
    } catch (err) {
      const failure = toGkeError(err, {
        action: 'read',
        resource: `operation ${operation.name} of cluster ${ref.cluster}`,
        permission: 'container.operations.get',
      });
      if (failure.kind !== 'transient') throw failure;
      failedRequests += failure.attempts ?? 1;
      if (!(await backoff.wait())) throw keptFailing(failure, failedRequests, backoff.elapsedMs());
      continue;
    }
    failedRequests = 0;
    const status = op.status ?? 'STATUS_UNSPECIFIED';
    if (status !== lastStatus) {
      lastStatus = status;
      await onStatus?.(op);
    }
    if (status === 'DONE') return op;
    if (!(await backoff.wait())) {
      const minutes = Math.round(backoff.elapsedMs() / 60_000);
      const where = `--location=${operation.location ?? ref.location} --project=${ref.project}`;
      throw new GkeError(
        'transient',
        `operation ${operation.name} is still ${status} after ${minutes} min; it goes on in GKE (gcloud container operations describe ${operation.name} ${where})`,
      );
    }
  }
}

/** Validates an Operation answer; one that does not match is not trusted. */
export function parseOperation(data: unknown, name: string): OperationResponse {
  return parseOr(OperationSchema, data, unexpectedAnswer(`operation for ${name}`));
}
