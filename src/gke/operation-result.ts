import { ApplyResult } from './apply-options';
import { OperationResponse, operationLocation } from './operation-response';

/** The ApplyResult of a DONE operation; `fallbackLocation` when the answer names none. */
export function operationResult(op: OperationResponse, fallbackLocation?: string): ApplyResult {
  const location = operationLocation(op) ?? fallbackLocation;
  return {
    operation: op.name,
    status: 'DONE',
    ...(location ? { location } : {}),
    ...(op.operationType ? { operationType: op.operationType } : {}),
    ...(op.startTime ? { startTime: op.startTime } : {}),
    ...(op.endTime ? { endTime: op.endTime } : {}),
  };
}

/** The API's message of an operation that ended DONE with an error; undefined when it succeeded. */
export function operationFailure(op: OperationResponse): string | undefined {
  const message = op.error?.message || op.statusMessage;
  if (message) return message;
  // google.rpc.Status code 0 is OK.
  const code = op.error?.code;
  return code !== undefined && code !== null && code !== 0 ? `error code ${code}` : undefined;
}
